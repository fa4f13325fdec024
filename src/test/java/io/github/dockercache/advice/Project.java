package io.github.dockercache.advice;

import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.context.ScanProgress;
import io.github.dockercache.dockerfile.BuildKitVersion;
import io.github.dockercache.model.Analysis;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.ImageDigests;
import io.github.dockercache.model.Secrets;
import io.github.dockercache.testing.ContextTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
    private String dockerfile = "Dockerfile";
    private String target;
    private Builder builder = Builder.BUILDKIT;
    private BuildKitVersion version = BuildKitVersion.NEWEST;
    private String outputDirectory;

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

    /** A file with these bytes, mode 0644. */
    Project file(String path, byte[] content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return chmod(path, "rw-r--r--");
    }

    /** Builds with another Dockerfile than {@code Dockerfile}, relative to the project directory. */
    Project building(String dockerfilePath) {
        this.dockerfile = dockerfilePath;
        return this;
    }

    Project buildArg(String name, String value) {
        buildArgs.put(name, value);
        return this;
    }

    Project target(String stage) {
        this.target = stage;
        return this;
    }

    Project builder(Builder builder) {
        this.builder = builder;
        return this;
    }

    Project buildkit(BuildKitVersion version) {
        this.version = version;
        return this;
    }

    /** The plugin's output directory, relative to the project directory. */
    Project output(String directory) {
        this.outputDirectory = directory;
        return this;
    }

    /** Every finding, with the given rules disabled. */
    List<Finding> advise(String... disabledRules) throws Exception {
        BuildSettings settings = new BuildSettings(
                dir,
                dir.resolve(dockerfile),
                buildArgs,
                target,
                ClientPlatform.LINUX,
                "none",
                builder,
                version,
                secrets);
        Analysis analysis = CacheModel.analyse(settings, null, ScanProgress.NONE, ImageDigests.NONE);
        return Advisor.advise(
                analysis,
                settings,
                outputDirectory == null ? null : dir.resolve(outputDirectory),
                Set.copyOf(Arrays.asList(disabledRules)));
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
