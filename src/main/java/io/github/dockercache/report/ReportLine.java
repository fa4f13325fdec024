package io.github.dockercache.report;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One line of console output, the level it is logged at, and its parts with a style each, so that a console
 * with colours can show verdicts in colour and a plain log gets the same text.
 */
public record ReportLine(Level level, List<Span> spans) {
    /** Control characters (a newline in a file name, a terminal escape) are shown escaped: a line stays one line. */
    public ReportLine {
        spans = spans.stream().map(span -> new Span(oneLine(span.text()), span.style())).toList();
    }

    public enum Level {
        INFO,
        WARN,
        ERROR
    }

    /** How a part of a line is shown where colours are available. */
    public enum Style {
        PLAIN,
        STRONG,
        SUCCESS,
        WARNING,
        FAILURE
    }

    /** A part of a line. */
    public record Span(String text, Style style) {}

    public ReportLine(Level level, String text) {
        this(level, List.of(new Span(text, Style.PLAIN)));
    }

    /** The line without styles. */
    public String text() {
        return spans.stream().map(Span::text).collect(Collectors.joining());
    }

    /**
     * The text with every control character but tab written as an escape ({@code \\n}, {@code \\r},
     * {@code \\u001b}), so that a file name cannot split a log line or drive the terminal.
     */
    public static String oneLine(String text) {
        if (text.chars().noneMatch(ReportLine::needsEscape)) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        text.chars().forEach(c -> {
            if (!needsEscape(c)) {
                escaped.append((char) c);
            } else if (c == '\n') {
                escaped.append("\\n");
            } else if (c == '\r') {
                escaped.append("\\r");
            } else {
                escaped.append(String.format("\\u%04x", c));
            }
        });
        return escaped.toString();
    }

    private static boolean needsEscape(int c) {
        return c != '\t' && Character.isISOControl(c);
    }

    static ReportLine info(String text) {
        return new ReportLine(Level.INFO, text);
    }
}
