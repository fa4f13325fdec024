package io.github.dockercache.context;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.List;

/**
 * fsutil's filter over a walk, which is how the client applies {@code .dockerignore}: entries matched by
 * the exclude patterns (or not matched by include patterns) are dropped; an excluded directory is only
 * descended when an exception could re-include something below it, and its header is sent just before
 * the first descendant that is kept.
 */
public final class FilteredWalk<T> implements TreeWalk<T> {
    private static final String PATTERN_CHARS = "*[]?^\\";

    private final TreeWalk<T> inner;
    private final PatternMatcher include;
    private final PatternMatcher exclude;
    private final boolean onlyPrefixIncludes;
    private final boolean onlyPrefixExcludeExceptions;

    /** Either pattern list may be null or empty (no filtering of that kind). */
    public FilteredWalk(TreeWalk<T> inner, List<String> includePatterns, List<String> excludePatterns)
            throws BadPatternException {
        this.inner = inner;
        this.include = includePatterns == null || includePatterns.isEmpty() ? null : PatternMatcher.of(includePatterns);
        this.exclude = excludePatterns == null || excludePatterns.isEmpty() ? null : PatternMatcher.of(excludePatterns);
        this.onlyPrefixIncludes = include == null
                || include.patterns().stream()
                        .noneMatch(p -> !p.isExclusion() && containsPatternChars(withoutTrailingGlob(p)));
        this.onlyPrefixExcludeExceptions = exclude == null
                || exclude.patterns().stream()
                        .noneMatch(p -> p.isExclusion() && containsPatternChars(withoutTrailingGlob(p)));
    }

    @Override
    public void walk(Visitor<T> downstream) throws ContextException {
        inner.walk(new FilterVisitor(downstream));
    }

    /** The directories above the current entry, with their match state. */
    private final class VisitedDir {
        final String path;
        final String pathWithSep;
        final T item;
        boolean[] includeInfo;
        boolean[] excludeInfo;
        boolean emitted;
        boolean skippedByDownstream;
        boolean filteredOut;

        VisitedDir(String path, T item) {
            this.path = path;
            this.pathWithSep = path + "/";
            this.item = item;
        }
    }

    private final class FilterVisitor implements Visitor<T> {
        private final Visitor<T> downstream;
        private final List<VisitedDir> parents = new ArrayList<>();
        private VisitedDir lastDir;

        FilterVisitor(Visitor<T> downstream) {
            this.downstream = downstream;
        }

        @Override
        public Flow visit(String path, boolean directory, T item) throws ContextException {
            lastDir = null;
            if (include == null && exclude == null) {
                return downstream.visit(path, directory, item);
            }
            while (!parents.isEmpty() && !path.startsWith(parents.get(parents.size() - 1).pathWithSep)) {
                parents.remove(parents.size() - 1);
            }
            VisitedDir top = parents.isEmpty() ? null : parents.get(parents.size() - 1);
            VisitedDir dir = directory ? new VisitedDir(path, item) : null;
            boolean skip = false;
            if (include != null) {
                PatternMatcher.Result r = match(include, path, top == null ? null : top.includeInfo, "include");
                if (directory) {
                    dir.includeInfo = r.perPattern();
                }
                if (!r.matched()) {
                    if (directory && onlyPrefixIncludes && !anyPatternBelow(include, path, false)) {
                        return Flow.SKIP_DIR;
                    }
                    skip = true;
                }
            }
            if (exclude != null) {
                PatternMatcher.Result r = match(exclude, path, top == null ? null : top.excludeInfo, "exclude");
                if (directory) {
                    dir.excludeInfo = r.perPattern();
                }
                if (r.matched()) {
                    if (directory
                            && onlyPrefixExcludeExceptions
                            && (!exclude.hasExclusions() || !anyPatternBelow(exclude, path, true))) {
                        return Flow.SKIP_DIR;
                    }
                    skip = true;
                }
            }
            if (directory) {
                dir.filteredOut = skip;
                lastDir = dir;
            }
            Flow flow = skip ? Flow.CONTINUE : emit(path, directory, item, dir);
            if (directory) {
                parents.add(dir);
            }
            return flow;
        }

        /** Sends the not-yet-sent parent headers, then the entry. */
        private Flow emit(String path, boolean directory, T item, VisitedDir dir) throws ContextException {
            if (dir != null) {
                dir.emitted = true;
            }
            for (VisitedDir parent : parents) {
                if (parent.skippedByDownstream) {
                    return Flow.SKIP_DIR;
                }
                if (parent.emitted) {
                    continue;
                }
                parent.emitted = true;
                if (downstream.visit(parent.path, true, parent.item) == Flow.SKIP_DIR) {
                    parent.skippedByDownstream = true;
                    return Flow.SKIP_DIR;
                }
            }
            return downstream.visit(path, directory, item);
        }

        @Override
        public void unreadableDirectory(String path, T item, IOException cause) throws ContextException {
            // fsutil tolerates a permission error on a directory it only descends for possible exceptions.
            boolean filteredOut = lastDir != null && lastDir.path.equals(path) && lastDir.filteredOut;
            if (filteredOut && cause instanceof AccessDeniedException) {
                return;
            }
            downstream.unreadableDirectory(path, item, cause);
        }
    }

    private static PatternMatcher.Result match(PatternMatcher matcher, String path, boolean[] parent, String what)
            throws ContextException {
        try {
            return matcher.matchesUsingParentResults(path, parent);
        } catch (BadPatternException e) {
            throw new ContextException(
                    "failed to match " + what + " patterns against \"" + path + "\": " + e.getMessage()
                            + "; fix the pattern",
                    e);
        }
    }

    /** True when a pattern (exceptions, or plain ones) names something inside {@code dir} by prefix. */
    private static boolean anyPatternBelow(PatternMatcher matcher, String dir, boolean exceptions) {
        String dirSlash = dir + "/";
        for (IgnorePattern p : matcher.patterns()) {
            if (p.isExclusion() == exceptions && (withoutTrailingGlob(p) + "/").startsWith(dirSlash)) {
                return true;
            }
        }
        return false;
    }

    private static String withoutTrailingGlob(IgnorePattern p) {
        String s = p.text();
        if (s.endsWith("/**")) {
            s = s.substring(0, s.length() - 3);
        }
        if (s.endsWith("/*")) {
            s = s.substring(0, s.length() - 2);
        }
        return s;
    }

    private static boolean containsPatternChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (PATTERN_CHARS.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
