package io.github.dockercache.workflow;

import java.nio.file.Path;

/** Paths as messages show them: relative to the reactor root when inside it, so that logs stay short and alike. */
public final class DisplayPaths {
    private DisplayPaths() {}

    public static String of(Path root, Path path) {
        Path base = root.toAbsolutePath().normalize();
        Path absolute = path.toAbsolutePath().normalize();
        if (absolute.equals(base)) {
            return ".";
        }
        return absolute.startsWith(base)
                ? base.relativize(absolute).toString().replace('\\', '/')
                : absolute.toString();
    }
}
