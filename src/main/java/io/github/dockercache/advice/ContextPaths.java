package io.github.dockercache.advice;

import io.github.dockercache.context.GoPath;

/** Context paths as snapshots list them: relative, {@code /}-separated, {@code ""} for the root. */
final class ContextPaths {
    private ContextPaths() {}

    /** A COPY or mount source as a context path: {@code .}, {@code /} and {@code ./} are the root {@code ""}. */
    static String of(String source) {
        return GoPath.clean("/" + source).substring(1);
    }

    /** True when {@code path} is {@code directory} or inside it; everything is inside the root. */
    static boolean isWithin(String path, String directory) {
        return directory.isEmpty() || path.equals(directory) || path.startsWith(directory + "/");
    }

    /** {@code path} relative to {@code directory}, which must contain it. */
    static String relative(String path, String directory) {
        return directory.isEmpty() ? path : path.substring(Math.min(path.length(), directory.length() + 1));
    }

    /** {@code dir/} for a directory prefix in a source or pattern, {@code ""} for the root. */
    static String prefix(String directory) {
        return directory.isEmpty() ? "" : directory + "/";
    }
}
