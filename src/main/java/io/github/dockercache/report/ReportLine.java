package io.github.dockercache.report;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One line of console output, the level it is logged at, and its parts with a style each, so that a console
 * with colours can show verdicts in colour and a plain log gets the same text.
 *
 * @param topic what the line says that a build of several images may say once for all of them, or null
 */
public record ReportLine(Level level, List<Span> spans, Topic topic) {
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

    /**
     * A remedy that images of one build share: a build tool that checks several images says it once, in its own
     * words, instead of once per image.
     *
     * @param subject what the remedy is about: for {@link Kind#ADVICE}, the hints' count and rule ids; for {@link
     *     Kind#COMMIT_BASELINE}, the baseline file
     */
    public record Topic(Kind kind, String subject) {}

    public enum Kind {
        /** No baseline to compare with: record one. */
        RECORD_BASELINE,
        /** A baseline was recorded outside the build's output: commit it. */
        COMMIT_BASELINE,
        /** The cache advice of a Dockerfile, in one line that points at explain. */
        ADVICE
    }

    /** A part of a line. */
    public record Span(String text, Style style) {}

    public ReportLine(Level level, List<Span> spans) {
        this(level, spans, null);
    }

    public ReportLine(Level level, String text) {
        this(level, List.of(new Span(text, Style.PLAIN)));
    }

    public ReportLine(Level level, String text, Topic topic) {
        this(level, List.of(new Span(text, Style.PLAIN)), topic);
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
