package io.github.dockercache.advice;

import io.github.dockercache.dockerfile.BuildKitVersion;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.ImageDigests;
import io.github.dockercache.model.Secrets;
import io.github.dockercache.testing.ContextTree;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A real project directory with a Dockerfile, advised the way a build would be. */
final class Project extends ContextTree<Project> {
    private final Map<String, String> buildArgs = new LinkedHashMap<>();
    private Secrets secrets = Secrets.PATTERNS_ONLY;

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
        return Advisor.advise(analyse(buildArgs, null, Builder.BUILDKIT, ImageDigests.NONE, BuildKitVersion.NEWEST,
                secrets, null), Set.copyOf(Arrays.asList(disabledRules)));
    }

    Project buildArg(String name, String value) {
        buildArgs.put(name, value);
        return this;
    }

    Project secrets(Secrets configuration) {
        secrets = configuration;
        return this;
    }

    /** The findings of one rule. */
    List<Finding> findings(String ruleId) throws Exception {
        return advise().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    }
}
