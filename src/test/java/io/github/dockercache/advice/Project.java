package io.github.dockercache.advice;

import io.github.dockercache.context.BuildContext;
import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.dockerfile.DockerfileReader;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.testing.ContextTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A real project directory with a Dockerfile, advised the way a build would be. */
final class Project extends ContextTree<Project> {
    Project(Path dir) {
        super(dir);
    }

    @Override
    protected Project self() {
        return this;
    }

    /** A file of {@code size} bytes. */
    Project file(String path, int size) {
        return file(path, "x".repeat(size));
    }

    /** Every finding, with the given rules disabled. */
    List<Finding> advise(String... disabledRules) throws Exception {
        Path dockerfile = dir.resolve("Dockerfile");
        String text = Files.readString(dockerfile);
        BuildContext context = BuildContext.scan(dir, dockerfile, ClientPlatform.LINUX);
        Snapshot snapshot = snapshot(Map.of(), null);
        return Advisor.advise(DockerfileReader.parse(text, "Dockerfile"), text, context, snapshot,
                Set.copyOf(Arrays.asList(disabledRules)));
    }

    /** The findings of one rule. */
    List<Finding> findings(String ruleId) throws Exception {
        return advise().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    }
}
