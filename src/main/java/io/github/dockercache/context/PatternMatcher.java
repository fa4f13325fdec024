package io.github.dockercache.context;

import io.github.dockercache.dockerfile.GoText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * moby/patternmatcher: an ordered list of patterns where the last one that matches a path or one of its
 * parent directories decides, {@code !} patterns re-including. BuildKit uses it for {@code .dockerignore},
 * {@code COPY --exclude} and {@code --parents} include patterns.
 */
public final class PatternMatcher {
    private final List<IgnorePattern> patterns;
    private final boolean exclusions;

    private PatternMatcher(List<IgnorePattern> patterns) {
        this.patterns = List.copyOf(patterns);
        this.exclusions = patterns.stream().anyMatch(IgnorePattern::isExclusion);
    }

    /**
     * Builds a matcher: each pattern is trimmed, empty ones dropped, cleaned like Go's
     * {@code filepath.Clean}; a leading {@code !} marks an exception. A lone {@code !} and patterns Go's
     * {@code filepath.Match} rejects are errors.
     */
    public static PatternMatcher of(List<String> rawPatterns) throws BadPatternException {
        List<IgnorePattern> compiled = new ArrayList<>(rawPatterns.size());
        for (String raw : rawPatterns) {
            String p = GoText.trimSpace(raw);
            if (p.isEmpty()) {
                continue;
            }
            p = GoPath.clean(p);
            boolean exclusion = p.charAt(0) == '!';
            if (exclusion) {
                if (p.length() == 1) {
                    throw new BadPatternException("illegal exclusion pattern: \"!\"");
                }
                p = p.substring(1);
            }
            GoMatch.match(p, "."); // syntax check only, as upstream
            compiled.add(new IgnorePattern(p, exclusion));
        }
        return new PatternMatcher(compiled);
    }

    public List<IgnorePattern> patterns() {
        return patterns;
    }

    /** True when at least one pattern is a {@code !} exception. */
    public boolean hasExclusions() {
        return exclusions;
    }

    /**
     * patternmatcher's {@code MatchesOrParentMatches}: true when the last applicable pattern matching
     * {@code path} or one of its parent directories is not an exception.
     */
    public boolean matchesOrParentMatches(String path) throws BadPatternException {
        return decidingPattern(path) >= 0;
    }

    /**
     * The index in {@link #patterns()} of the pattern that makes {@link #matchesOrParentMatches} true for
     * {@code path}, or -1 when it is false: the first plain pattern to match it or a parent after the last exception
     * that re-included it (later plain patterns are not tried, as upstream).
     */
    public int decidingPattern(String path) throws BadPatternException {
        int deciding = -1;
        String parent = GoPath.dir(path);
        String[] parentDirs = parent.split("/", -1);
        for (int i = 0; i < patterns.size(); i++) {
            IgnorePattern pattern = patterns.get(i);
            if (pattern.isExclusion() != deciding >= 0) {
                continue; // only an exception can un-match, only a plain pattern can match
            }
            boolean match = pattern.matches(path);
            if (!match && !parent.equals(".")) {
                match = anyParentMatches(pattern, parentDirs, parentDirs.length);
            }
            if (match) {
                deciding = pattern.isExclusion() ? -1 : i;
            }
        }
        return deciding;
    }

    /**
     * The deprecated package-level {@code Matches}: cleans the path, never matches {@code "."}, and only
     * checks the one parent prefix with as many parts as the pattern. Kept for the upstream test table.
     */
    public boolean matchesSingleParent(String path) throws BadPatternException {
        String file = GoPath.clean(path);
        if (file.equals(".")) {
            return false;
        }
        boolean matched = false;
        String parent = GoPath.dir(file);
        String[] parentDirs = parent.split("/", -1);
        for (IgnorePattern pattern : patterns) {
            if (pattern.isExclusion() != matched) {
                continue;
            }
            boolean match = pattern.matches(file);
            if (!match && !parent.equals(".") && pattern.dirs().size() <= parentDirs.length) {
                match = quietMatch(
                        pattern,
                        String.join(
                                "/", Arrays.copyOf(parentDirs, pattern.dirs().size())));
            }
            if (match) {
                matched = !pattern.isExclusion();
            }
        }
        return matched;
    }

    /**
     * patternmatcher's {@code MatchesUsingParentResults}, used while walking: {@code parent} holds the
     * per-pattern results of the parent directory (null at the top, which then checks all parents).
     */
    public Result matchesUsingParentResults(String path, boolean[] parent) throws BadPatternException {
        boolean[] perPattern = new boolean[patterns.size()];
        boolean matched = false;
        String[] parentDirs = null;
        for (int i = 0; i < patterns.size(); i++) {
            IgnorePattern pattern = patterns.get(i);
            boolean match = parent != null && parent[i];
            if (!match) {
                if (pattern.isExclusion() != matched) {
                    continue;
                }
                match = pattern.matches(path);
                if (!match && parent == null) {
                    String parentPath = GoPath.dir(path);
                    if (!parentPath.equals(".")) {
                        if (parentDirs == null) {
                            parentDirs = parentPath.split("/", -1);
                        }
                        match = anyParentMatches(pattern, parentDirs, parentDirs.length);
                    }
                }
            }
            perPattern[i] = match;
            if (match) {
                matched = !pattern.isExclusion();
            }
        }
        return new Result(matched, perPattern);
    }

    /** The decision for one path and the per-pattern results its children need. */
    public record Result(boolean matched, boolean[] perPattern) {}

    private static boolean anyParentMatches(IgnorePattern pattern, String[] parentDirs, int count) {
        for (int i = 0; i < count; i++) {
            if (quietMatch(pattern, String.join("/", Arrays.copyOf(parentDirs, i + 1)))) {
                return true;
            }
        }
        return false;
    }

    /** Upstream ignores errors when trying parent directories (the full path was already checked). */
    private static boolean quietMatch(IgnorePattern pattern, String path) {
        try {
            return pattern.matches(path);
        } catch (BadPatternException e) {
            return false;
        }
    }
}
