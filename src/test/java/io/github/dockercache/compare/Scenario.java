package io.github.dockercache.compare;

import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.model.AnalysisException;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/** A real build context on disk, snapshotted before and after a change. */
final class Scenario {
    final Path dir;
    private final Map<String, String> buildArgs = new LinkedHashMap<>();
    private String target;

    Scenario(Path dir) {
        this.dir = dir;
    }

    Scenario file(String path, String content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Scenario dockerfile(String... lines) {
        return file("Dockerfile", String.join("\n", lines) + "\n");
    }

    Scenario chmod(String path, String permissions) {
        try {
            Files.setPosixFilePermissions(dir.resolve(path), PosixFilePermissions.fromString(permissions));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Scenario buildArg(String name, String value) {
        buildArgs.put(name, value);
        return this;
    }

    Scenario target(String stage) {
        this.target = stage;
        return this;
    }

    Snapshot snapshot() throws AnalysisException {
        return CacheModel.snapshot(new BuildSettings(dir, dir.resolve("Dockerfile"), Map.copyOf(buildArgs), target,
                ClientPlatform.LINUX, "none"));
    }

    static Comparison compare(Snapshot after, Snapshot before) {
        return Comparison.compare(after, before);
    }
}
