package io.github.dockercache.report;

/**
 * Instruction text on one line, shortened to a width only between words: a path, a flag or a value is shown
 * whole or not at all, and a trailing {@code ...} says that words follow. Where a table has to shorten, the
 * step's own headline (console, Markdown, SARIF, JUnit) has the room for the whole instruction, and the JSON and
 * HTML reports always carry all of it.
 */
final class Shortened {
    /** A table's instruction column (console, Markdown): a COPY of a jar from another stage fits whole. */
    static final int COLUMN = 64;
    /** A step's own line: every COPY and one-line RUN whole; a long RUN script up to here. */
    static final int LINE = 160;

    private static final String MORE = " ...";

    private Shortened() {}

    /** The instruction on one line, control characters escaped, cut after the last whole word that fits. */
    static String of(String instruction, int width) {
        String flat = Printable.flat(instruction);
        if (flat.length() <= width) {
            return flat;
        }
        // the keyword always stays, however long; after it, only words that fit with the marker
        int end = flat.indexOf(' ');
        if (end < 0) {
            return flat;
        }
        for (int next = flat.indexOf(' ', end + 1);
                next > 0 && next + MORE.length() <= width;
                next = flat.indexOf(' ', next + 1)) {
            end = next;
        }
        return flat.substring(0, end) + MORE;
    }
}
