package io.github.dockercache.advice;

/** {@code .dockerignore} lines that exclude exactly one context path. */
final class IgnoreLines {
    private IgnoreLines() {}

    /**
     * The line for a path: anchored at the root as ignore patterns are (cache-model §4), wildcard characters
     * escaped, a directory marked with a trailing slash for the reader (the pattern ignores it).
     */
    static String forPath(String path, boolean directory) {
        String escaped = path.replaceAll("([*?\\[\\\\])", "\\\\$1");
        return directory ? escaped + "/" : escaped;
    }
}
