package io.github.dockercache.dockerfile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parser directives ({@code # syntax=}, {@code # escape=}, {@code # check=}) as BuildKit reads them:
 * only in the comment lines at the very top of the file, each at most once.
 */
public final class ParserDirectives {
    public static final String SYNTAX = "syntax";
    public static final String ESCAPE = "escape";
    public static final String CHECK = "check";
    private static final Set<String> KNOWN = Set.of(SYNTAX, ESCAPE, CHECK);
    /**
     * {@code \s} in Go's regexp is ASCII whitespace without vertical tab; {@code \z} is Go's {@code $};
     * UNIX_LINES makes {@code .} exclude only {@code \n}, as in Go.
     */
    private static final Pattern DIRECTIVE = Pattern.compile(
            "^([a-zA-Z][a-zA-Z0-9]*)[\\t\\n\\f\\r ]*=[\\t\\n\\f\\r ]*(.+?)[\\t\\n\\f\\r ]*\\z", Pattern.UNIX_LINES);

    /**
     * One directive.
     *
     * @param name lower-case name
     * @param value the value, surrounding whitespace removed
     * @param line 1-based line
     */
    public record Directive(String name, String value, int line) {}

    /**
     * A directive looked up by name.
     *
     * @param value the value up to the first space ({@code # syntax=img // opts} gives {@code img})
     * @param commandLine the whole value
     * @param line 1-based line, 0 for the JSON form
     */
    public record Found(String value, String commandLine, int line) {}

    /** A repeated directive. */
    static final class RepeatedDirectiveException extends Exception {
        RepeatedDirectiveException(String name) {
            super("only one " + name + " parser directive can be used");
        }
    }

    /** Reads lines one by one and stops for good at the first line that is not a directive. */
    static final class LineReader {
        private final String commentPrefix;
        private int line;
        private boolean done;
        private final Set<String> seen = new HashSet<>();

        LineReader(String commentPrefix, int linesBefore) {
            this.commentPrefix = commentPrefix;
            this.line = linesBefore;
        }

        /** The directive on this line (without its line ending), or null. */
        Directive read(String text) throws RepeatedDirectiveException {
            line++;
            if (done) {
                return null;
            }
            if (!text.startsWith(commentPrefix)) {
                done = true;
                return null;
            }
            Matcher m = DIRECTIVE.matcher(GoText.trimLeftSpace(text.substring(commentPrefix.length())));
            if (!m.matches()) {
                done = true;
                return null;
            }
            String name = m.group(1).toLowerCase(Locale.ROOT);
            if (!KNOWN.contains(name)) {
                done = true;
                return null;
            }
            if (!seen.add(name)) {
                throw new RepeatedDirectiveException(name);
            }
            return new Directive(name, m.group(2), line);
        }

        boolean done() {
            return done;
        }

        /** Reads no directive from here on, as after the first line that is none. */
        void stop() {
            done = true;
        }
    }

    private ParserDirectives() {}

    /** All directives at the top of {@code text}, in order. */
    public static List<Directive> parseAll(String text) throws RepeatedDirectiveException {
        return readAll(new LineReader("#", 0), text);
    }

    private static List<Directive> readAll(LineReader reader, String text) throws RepeatedDirectiveException {
        List<Directive> directives = new ArrayList<>();
        readInto(directives, reader, text);
        return directives;
    }

    private static void readInto(List<Directive> directives, LineReader reader, String text)
            throws RepeatedDirectiveException {
        for (String line : scanLines(text)) {
            if (reader.done()) {
                return;
            }
            Directive directive = reader.read(line);
            if (directive != null) {
                directives.add(directive);
            }
        }
    }

    /**
     * The frontend a file asks for: {@code # syntax=}, else {@code // syntax=}, else a JSON document
     * with a {@code "syntax"} string member. A byte-order mark and a leading {@code #!} line are skipped.
     */
    public static Optional<Found> detectSyntax(String text) {
        return find(SYNTAX, text, true);
    }

    /** A {@code #}-style directive such as {@code check}. */
    public static Optional<Found> find(String name, String text) {
        return find(name, text, false);
    }

    private static Optional<Found> find(String name, String text, boolean anyFormat) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int linesBefore = 0;
        int firstNewline = body.indexOf('\n');
        String firstLine = firstNewline < 0 ? body : body.substring(0, firstNewline);
        if (firstLine.startsWith("#!")) {
            body = firstNewline < 0 ? "" : body.substring(firstNewline + 1);
            linesBefore = 1;
        }
        Optional<Found> found = findWithPrefix(name, body, "#", linesBefore);
        if (found.isPresent() || !anyFormat) {
            return found;
        }
        found = findWithPrefix(name, body, "//", linesBefore);
        if (found.isPresent()) {
            return found;
        }
        try {
            if (StrictJson.parse(body) instanceof Map<?, ?> document && document.get(name) instanceof String value) {
                return Optional.of(new Found(value, value, linesBefore));
            }
        } catch (StrictJson.SyntaxException e) {
            // not the JSON form either
        }
        return Optional.empty();
    }

    private static Optional<Found> findWithPrefix(String name, String text, String prefix, int linesBefore) {
        List<Directive> directives = new ArrayList<>();
        try {
            readInto(directives, new LineReader(prefix, linesBefore), text);
        } catch (RepeatedDirectiveException e) {
            // like BuildKit, keep what was read before the repeated directive
        }
        return directives.stream()
                .filter(d -> d.name().equals(name))
                .findFirst()
                .map(d -> new Found(d.value().split(" ", 2)[0], d.value(), d.line()));
    }

    /** Go's {@code bufio.ScanLines}: lines without {@code \n} and without one trailing {@code \r}. */
    private static List<String> scanLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline;
            String line = text.substring(start, end);
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            start = end + 1;
        }
        return lines;
    }
}
