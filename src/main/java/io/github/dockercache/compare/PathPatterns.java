package io.github.dockercache.compare;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A list of simple globs over context paths: {@code *} and {@code ?} stay within one path component,
 * {@code **} crosses them. A pattern without {@code /} matches a file name at any depth; one with
 * {@code /} matches at the root or below any directory.
 */
public final class PathPatterns {
    private final List<String> patterns;
    private final List<Pattern> compiled;
    /** For each pattern {@code P/**}: {@code P} and everything below it, which such a pattern covers whole. */
    private final List<Pattern> wholeDirectories;

    public PathPatterns(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        this.compiled = patterns.stream().map(PathPatterns::compile).toList();
        this.wholeDirectories = patterns.stream()
                .filter(p -> p.endsWith("/**"))
                .map(p -> Pattern.compile(
                        compile(p.substring(0, p.length() - "/**".length())).pattern() + "(?:/.*)?"))
                .toList();
    }

    public List<String> patterns() {
        return patterns;
    }

    public boolean matches(String path) {
        String clean = clean(path);
        return compiled.stream().anyMatch(p -> p.matcher(clean).matches());
    }

    /**
     * True when a pattern covers the directory and everything that may be in it: a pattern {@code P/**} and a
     * directory that is {@code P} or below it. For a directory whose files are not known (one in another stage).
     */
    public boolean coversDirectory(String directory) {
        String clean = clean(directory);
        return wholeDirectories.stream().anyMatch(p -> p.matcher(clean).matches());
    }

    private static String clean(String path) {
        return path.replaceFirst("^(\\./)+", "").replaceFirst("^/+", "").replaceFirst("/+$", "");
    }

    private static Pattern compile(String glob) {
        String body = glob.replaceFirst("^/+", "");
        StringBuilder regex = new StringBuilder("(?:.*/)?");
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '*' && i + 1 < body.length() && body.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
