package io.github.dockercache.context;

import io.github.dockercache.dockerfile.GoText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading {@code .dockerignore} like patternmatcher's {@code ignorefile.ReadAll}, and choosing which file applies. */
public final class IgnoreFile {
    /** bufio.Scanner's limit: a longer line makes ReadAll, and so the build, fail. */
    static final int MAX_LINE_BYTES = 64 * 1024 - 1;
    /**
     * The largest ignore file read (docs/limits.md). BuildKit's built-in frontend reads any size; a {@code # syntax=}
     * frontend receives it in one gRPC message of at most 16 MiB. Real ones are a few hundred bytes.
     */
    public static final long MAX_BYTES = 1L << 20;

    private IgnoreFile() {}

    /**
     * One pattern of an ignore file and where it stands, for people: which file line excludes a path.
     *
     * @param number the line number, from 1
     * @param text the line as written, without surrounding whitespace
     * @param pattern the pattern it gives, as {@link #parse} returns it
     */
    public record Line(int number, String text, String pattern) {}

    /**
     * The patterns of an ignore file: UTF-8 BOM stripped on line 1; lines whose first character is
     * {@code #} skipped; whitespace trimmed; empty lines skipped; {@code !} kept in front of the cleaned
     * rest; one leading {@code /} removed.
     */
    public static List<String> parse(byte[] content) throws BadPatternException {
        return lines(content).stream().map(Line::pattern).toList();
    }

    /** The lines that give a pattern, in file order, each with its pattern as {@link #parse} reads it. */
    public static List<Line> lines(byte[] content) throws BadPatternException {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        int number = 0;
        while (start < content.length) {
            number++;
            int newline = indexOf(content, start, (byte) '\n');
            int end = newline < 0 ? content.length : newline;
            if (end - start > MAX_LINE_BYTES) {
                throw new BadPatternException("line too long (more than " + MAX_LINE_BYTES + " bytes)");
            }
            int lineEnd = end > start && content[end - 1] == '\r' ? end - 1 : end; // bufio drops one CR
            int lineStart = start;
            if (number == 1
                    && lineEnd - lineStart >= 3
                    && (content[start] & 0xFF) == 0xEF
                    && (content[start + 1] & 0xFF) == 0xBB
                    && (content[start + 2] & 0xFF) == 0xBF) {
                lineStart += 3;
            }
            String line = new String(content, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
            String pattern = parseLine(line);
            if (pattern != null) {
                lines.add(new Line(number, GoText.trimSpace(line), pattern));
            }
            start = newline < 0 ? content.length : newline + 1;
        }
        return lines;
    }

    /** One line to its pattern, or null for comments and blank lines. */
    static String parseLine(String line) {
        if (line.startsWith("#")) {
            return null;
        }
        String pattern = GoText.trimSpace(line);
        if (pattern.isEmpty()) {
            return null;
        }
        boolean invert = pattern.charAt(0) == '!';
        if (invert) {
            pattern = GoText.trimSpace(pattern.substring(1));
        }
        if (!pattern.isEmpty()) {
            pattern = GoPath.clean(pattern);
            if (pattern.length() > 1 && pattern.charAt(0) == '/') {
                pattern = pattern.substring(1);
            }
        }
        return invert ? "!" + pattern : pattern;
    }

    /** The name of the ignore file that applies to one Dockerfile only: {@code <Dockerfile name>.dockerignore}. */
    public static String specificName(String dockerfileName) {
        return dockerfileName + ".dockerignore";
    }

    /**
     * The ignore file BuildKit applies: {@code <Dockerfile name>.dockerignore} next to the Dockerfile when
     * it exists, even empty (as the built-in frontend reads it; an external {@code # syntax=} frontend
     * receives an empty file as no data over gRPC and would fall back), else {@code <root>/.dockerignore};
     * null when neither exists.
     */
    public static Path locate(Path root, Path dockerfile) {
        if (dockerfile != null && dockerfile.getFileName() != null) {
            Path specific = dockerfile.resolveSibling(
                    specificName(dockerfile.getFileName().toString()));
            if (Files.isRegularFile(specific)) {
                return specific;
            }
        }
        Path common = root.resolve(".dockerignore");
        return Files.exists(common) ? common : null;
    }

    private static int indexOf(byte[] bytes, int from, byte b) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
