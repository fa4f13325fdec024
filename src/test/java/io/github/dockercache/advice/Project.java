package io.github.dockercache.advice;

import io.github.dockercache.context.BuildContext;
import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.dockerfile.DockerfileReader;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A real project directory with a Dockerfile, advised the way a build would be. */
final class Project {
    private final Path dir;

    Project(Path dir) {
        this.dir = dir;
    }

    Project file(String path, String content) {
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

    /** A file of {@code size} bytes. */
    Project file(String path, int size) {
        return file(path, "x".repeat(size));
    }

    Project dockerfile(String... lines) {
        return file("Dockerfile", String.join("\n", lines) + "\n");
    }

    /** Every finding, with the given rules disabled. */
    List<Finding> advise(String... disabledRules) throws Exception {
        Path dockerfile = dir.resolve("Dockerfile");
        String text = Files.readString(dockerfile);
        BuildContext context = BuildContext.scan(dir, dockerfile, ClientPlatform.LINUX);
        Snapshot snapshot = CacheModel.snapshot(
                new BuildSettings(dir, dockerfile, Map.of(), null, ClientPlatform.LINUX, "none"));
        return Advisor.advise(DockerfileReader.parse(text, "Dockerfile"), text, context, snapshot,
                Set.copyOf(Arrays.asList(disabledRules)));
    }

    /** The findings of one rule. */
    List<Finding> findings(String ruleId) throws Exception {
        return advise().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    }
}
