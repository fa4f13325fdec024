package io.github.dockercache.workflow;

import java.nio.file.Path;

/** Paths as messages show them: relative to the working directory when inside it, so logs stay short. */
public final class DisplayPaths {
    private DisplayPaths() {}

    public static String of(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
    }
}
