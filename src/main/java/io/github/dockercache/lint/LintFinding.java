package io.github.dockercache.lint;

/**
 * One thing lint reports about a Dockerfile.
 *
 * @param file the file as the outputs name it: relative to the directory lint ran in, '/'-separated, when inside it
 * @param line 1-based
 * @param column 1-based; 1 where the rule locates only a line
 * @param rule BuildKit's rule name ({@code StageNameCasing}), a cache-hygiene rule id ({@code DC301}), or
 *     {@link #PARSE_ERROR} or {@link #READ_ERROR}
 * @param level how much it matters
 * @param message one line
 * @param fix what to change, possibly several lines; null when the rule says nothing more than its message
 * @param link where the rule is documented; null for a parse or read error
 */
public record LintFinding(
        String file, int line, int column, String rule, Level level, String message, String fix, String link) {
    /** The file does not parse as BuildKit parses it. */
    public static final String PARSE_ERROR = "ParseError";
    /** The file cannot be read: missing, not a regular file, too large, no permission. */
    public static final String READ_ERROR = "ReadError";

    /** {@code file:line:column}. */
    public String location() {
        return file + ":" + line + ":" + column;
    }
}
