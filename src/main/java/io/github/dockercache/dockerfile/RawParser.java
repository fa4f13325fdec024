package io.github.dockercache.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * BuildKit's Dockerfile parser ({@code parser.Parse}): directives, comments, line continuations and
 * heredoc bodies, producing the raw instruction tree.
 */
public final class RawParser {
    /** Go's {@code bufio.Scanner} gives up on a line of this many bytes or more. */
    static final int MAX_LINE_BYTES = 65536;
    /** The most instructions parsed (docs/limits.md); BuildKit has no limit, real Dockerfiles have tens. */
    static final int MAX_INSTRUCTIONS = 5_000;

    static final String EMPTY_CONTINUATION_RULE = "NoEmptyContinuation";
    /** BuildKit's detail text for that warning. */
    static final String EMPTY_CONTINUATION_DETAIL = "Empty continuation lines will become errors in a future release";

    private static final Set<String> HEREDOC_INSTRUCTIONS = Set.of("add", "copy", "run");

    private final String displayName;
    private final boolean wholeFile;
    private final Lines lines;
    private final ParserDirectives.LineReader directives = new ParserDirectives.LineReader("#", 0);
    private char escape = '\\';
    private final List<RawInstruction> instructions = new ArrayList<>();
    private final List<ParseWarning> warnings = new ArrayList<>();
    private List<String> comments = new ArrayList<>();

    /**
     * @param wholeFile a Dockerfile, which may open with a byte order mark and parser directives; else an ONBUILD
     *     trigger's text, which has neither
     */
    private RawParser(String content, String displayName, int firstLine, boolean wholeFile) {
        this.displayName = displayName;
        this.lines = new Lines(content, firstLine - 1);
        this.wholeFile = wholeFile;
        if (!wholeFile) {
            directives.stop();
        }
    }

    /** Parses Dockerfile text into BuildKit's raw tree; messages name the file {@code displayName}. */
    public static RawDockerfile parse(String content, String displayName) throws DockerfileException {
        return new RawParser(content, displayName, 1, true).run();
    }

    /**
     * Parses the text of an ONBUILD trigger as BuildKit parses it when a child stage runs it: on its own, so with no
     * parser directive (the escape character is {@code \}) and no byte order mark, its lines numbered from the
     * ONBUILD's {@code line} of {@code displayName} for messages. A trigger that is a comment has no instruction.
     */
    static List<RawInstruction> parseTrigger(String text, String displayName, int line) throws DockerfileException {
        RawParser parser = new RawParser(text, displayName, line, false);
        parser.readAll();
        parser.requireNoLongLine();
        return List.copyOf(parser.instructions);
    }

    /** The raw lines, each with its line ending; reading stops before a line that is too long. */
    private static final class Lines {
        private final List<String> all = new ArrayList<>();
        private final int readable;
        private final int linesBefore;
        private int consumed;

        Lines(String content, int linesBefore) {
            this.linesBefore = linesBefore;
            int start = 0;
            while (start < content.length()) {
                int newline = content.indexOf('\n', start);
                int end = newline < 0 ? content.length() : newline + 1;
                all.add(content.substring(start, end));
                start = end;
            }
            int firstTooLong = 0;
            while (firstTooLong < all.size()
                    && GoText.utf8Length(stripNewline(all.get(firstTooLong))) < MAX_LINE_BYTES) {
                firstTooLong++;
            }
            readable = firstTooLong;
        }

        private static String stripNewline(String line) {
            return line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
        }

        boolean hasNext() {
            return consumed < readable;
        }

        String next() {
            return all.get(consumed++);
        }

        boolean atStart() {
            return consumed == 0;
        }

        /** The 1-based number of the last line read (of the line before the first while none was). */
        int count() {
            return linesBefore + consumed;
        }

        boolean stoppedOnLongLine() {
            return readable < all.size();
        }
    }

    private RawDockerfile run() throws DockerfileException {
        readAll();
        if (instructions.isEmpty()) {
            throw error(Math.max(lines.count(), 1), 1, "file with no instructions");
        }
        requireNoLongLine();
        return new RawDockerfile(displayName, escape, List.copyOf(instructions), List.copyOf(warnings));
    }

    private void readAll() throws DockerfileException {
        while (lines.hasNext()) {
            boolean first = wholeFile && lines.atStart();
            String raw = lines.next();
            if (first && raw.startsWith("\uFEFF")) {
                raw = raw.substring(1);
            }
            readInstructionStartingWith(raw);
            if (instructions.size() > MAX_INSTRUCTIONS) {
                RawInstruction beyond = instructions.get(MAX_INSTRUCTIONS);
                throw error(
                        beyond.startLine(),
                        beyond.column(),
                        String.format(
                                Locale.ROOT,
                                "more than %,d"
                                        + " instructions, the limit of dockercache (BuildKit has none); a Dockerfile this long is"
                                        + " generated: split the build, or check that this is the Dockerfile meant",
                                MAX_INSTRUCTIONS));
            }
        }
    }

    private void requireNoLongLine() throws DockerfileException {
        if (lines.stoppedOnLongLine()) {
            throw error(
                    lines.count() + 1, 1, "dockerfile line greater than max allowed size of " + (MAX_LINE_BYTES - 1));
        }
    }

    private void readInstructionStartingWith(String raw) throws DockerfileException {
        int startLine = lines.count();
        if (isComment(raw)) {
            String comment = GoText.trimSpace(raw.substring(raw.offsetByCodePoints(0, 1)));
            if (comment.isEmpty()) {
                comments = new ArrayList<>();
            } else {
                comments.add(comment);
            }
        }
        String text = GoText.trimLeftSpace(trimNewline(raw));
        if (readDirective(text, startLine)) {
            comments.remove(comments.size() - 1); // a directive is not a comment of the next instruction
        }
        Continuation firstPart = trimContinuation(isComment(text) ? "" : text);
        if (firstPart.complete() && firstPart.text().isEmpty()) {
            return;
        }
        StringBuilder joined = new StringBuilder(firstPart.text());
        boolean complete = firstPart.complete();
        boolean hadEmptyContinuationLine = false;
        while (!complete && lines.hasNext()) {
            String continued = lines.next();
            String continuedText = trimNewline(continued);
            readDirective(continuedText, lines.count());
            if (isComment(continued)) {
                continue;
            }
            if (GoText.trimLeftSpace(continuedText).isEmpty()) {
                hadEmptyContinuationLine = true;
                continue;
            }
            Continuation part = trimContinuation(continuedText);
            joined.append(part.text());
            complete = part.complete();
        }
        String line = joined.toString();
        if (hadEmptyContinuationLine) {
            warnings.add(new ParseWarning(
                    new SourceLocation(displayName, lines.count(), 1),
                    EMPTY_CONTINUATION_RULE,
                    "Empty continuation line found in: " + line + " (" + EMPTY_CONTINUATION_DETAIL + ")"));
        }
        int column = leadingSpaceCount(raw) + 1;
        RawInstruction instruction;
        try {
            instruction = LineParser.parse(line, escape, comments);
        } catch (LineError e) {
            throw e.at(new SourceLocation(displayName, startLine, column));
        }
        List<Heredoc> heredocs = canContainHeredoc(instruction) && line.contains("<<")
                ? readHeredocs(line, startLine, column)
                : List.of();
        instructions.add(instruction.placed(heredocs, startLine, lines.count(), column));
        comments = new ArrayList<>();
    }

    /** Feeds a line to the directive reader; true when it was a directive (and applies {@code escape}). */
    private boolean readDirective(String text, int lineNumber) throws DockerfileException {
        ParserDirectives.Directive directive;
        try {
            directive = directives.read(text);
        } catch (ParserDirectives.RepeatedDirectiveException e) {
            throw error(lineNumber, 1, e.getMessage());
        }
        if (directive == null) {
            return false;
        }
        if (directive.name().equals(ParserDirectives.ESCAPE)) {
            String value = directive.value();
            if (!value.equals("`") && !value.equals("\\")) {
                throw error(lineNumber, 1, "invalid escape token '" + value + "' does not match ` or \\");
            }
            escape = value.charAt(0);
        }
        return true;
    }

    private List<Heredoc> readHeredocs(String line, int startLine, int column) throws DockerfileException {
        List<Heredoc> markers;
        try {
            markers = HeredocSyntax.fromLine(line);
        } catch (ExpansionException e) {
            throw error(startLine, column, e.getMessage());
        }
        List<Heredoc> heredocs = new ArrayList<>();
        for (Heredoc marker : markers) {
            heredocs.add(readHeredocBody(marker, startLine, column));
        }
        return heredocs;
    }

    private Heredoc readHeredocBody(Heredoc marker, int startLine, int column) throws DockerfileException {
        StringBuilder content = new StringBuilder();
        while (lines.hasNext()) {
            String raw = lines.next();
            String candidate = trimNewline(raw);
            if (marker.chomp()) {
                candidate = candidate.replaceFirst("^\\t+", "");
            }
            if (candidate.equals(marker.name())) {
                return new Heredoc(
                        marker.name(), content.toString(), marker.expand(), marker.chomp(), marker.fileDescriptor());
            }
            content.append(raw);
        }
        throw error(startLine, column, "unterminated heredoc");
    }

    /** RUN, COPY and ADD in shell form take heredocs, also as an ONBUILD trigger. */
    private static boolean canContainHeredoc(RawInstruction instruction) {
        RawInstruction subject = instruction;
        if (instruction.keyword().toLowerCase(Locale.ROOT).equals("onbuild") && instruction.trigger() != null) {
            subject = instruction.trigger();
        }
        return HEREDOC_INSTRUCTIONS.contains(subject.keyword().toLowerCase(Locale.ROOT)) && !subject.json();
    }

    /** The text of a line with its continuation marker removed, and whether the instruction ends here. */
    private record Continuation(String text, boolean complete) {}

    /**
     * A line continues when its last character before trailing spaces/tabs is the escape character and
     * that is not itself escaped; the marker and the trailing blanks are removed.
     */
    private Continuation trimContinuation(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end == 0 || line.charAt(end - 1) != escape) {
            return new Continuation(line, true);
        }
        if (end >= 2 && line.charAt(end - 2) == escape) {
            return new Continuation(line, true);
        }
        return new Continuation(line.substring(0, end - 1), false);
    }

    /** Go's {@code bytes.TrimRight(line, "\r\n")}. */
    private static String trimNewline(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\r' || line.charAt(end - 1) == '\n')) {
            end--;
        }
        return line.substring(0, end);
    }

    private static boolean isComment(String line) {
        return GoText.trimLeftSpace(line).startsWith("#");
    }

    private static int leadingSpaceCount(String line) {
        String trimmed = GoText.trimLeftSpace(line);
        return line.codePointCount(0, line.length() - trimmed.length());
    }

    private DockerfileException error(int line, int column, String reason) {
        return new DockerfileException(new SourceLocation(displayName, line, column), reason);
    }
}
