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
        spans = spans.stream()
                .map(span -> new Span(oneLine(span.text()), span.style()))
                .toList();
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

    /** The text as a log line shows it: see {@link Printable#oneLine}. */
    public static String oneLine(String text) {
        return Printable.oneLine(text);
    }

    static ReportLine info(String text) {
        return new ReportLine(Level.INFO, text);
    }
}
