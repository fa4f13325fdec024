package io.github.dockercache.context;

/**
 * A {@code COPY --parents} source as BuildKit's Dockerfile frontend splits it (dockerfile 1.20, and the labs
 * channel before): the part before the first {@code /./} is the directory the copy starts from (the context root
 * when there is none), the part after it an include pattern relative to that directory. Every file the pattern
 * matches keeps its path below the root, so its parent directories are recreated under the destination.
 *
 * @param root the absolute, cleaned directory the copy reads from ({@code /} for the context root)
 * @param pattern the include pattern, cleaned and relative to {@code root} (patternmatcher syntax: {@code **} too)
 */
public record ParentsSource(String root, String pattern) {
    private static final String PIVOT = "/./";

    /** Splits a source word (after variable expansion) as the frontend does. */
    public static ParentsSource of(String source) {
        int pivot = source.indexOf(PIVOT);
        String root = pivot < 0 ? "/" : source.substring(0, pivot);
        String pattern = pivot < 0 ? source : source.substring(pivot + PIVOT.length());
        return new ParentsSource(
                GoPath.clean("/" + root), GoPath.clean("/" + pattern).substring(1));
    }
}
