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

    public PathPatterns(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        this.compiled = patterns.stream().map(PathPatterns::compile).toList();
    }

    public List<String> patterns() {
        return patterns;
    }

    public boolean matches(String path) {
        String clean = path.replaceFirst("^(\\./)+", "").replaceFirst("^/+", "").replaceFirst("/+$", "");
        return compiled.stream().anyMatch(p -> p.matcher(clean).matches());
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
