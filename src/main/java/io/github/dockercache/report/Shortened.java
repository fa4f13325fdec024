package io.github.dockercache.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
        // a RUN's flags (--mount=type=cache,target=/root/.m2 ...) would fill the room its command needs, and make two
        // RUNs that share them look alike: their names stand for them
        flat = withFlagNamesOnly(flat);
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

    /** {@code RUN --mount=... --network=none cmd} as {@code RUN [--mount --network] cmd}; anything else as it is. */
    private static String withFlagNamesOnly(String flat) {
        String[] words = flat.split(" ", -1);
        if (!words[0].equalsIgnoreCase("RUN")) {
            return flat;
        }
        List<String> names = new ArrayList<>();
        int i = 1;
        for (; i < words.length && words[i].startsWith("--"); i++) {
            int equals = words[i].indexOf('=');
            names.add(equals < 0 ? words[i] : words[i].substring(0, equals));
        }
        if (names.isEmpty() || i == words.length) {
            return flat;
        }
        return words[0] + " [" + String.join(" ", names) + "] "
                + String.join(" ", Arrays.asList(words).subList(i, words.length));
    }
}
