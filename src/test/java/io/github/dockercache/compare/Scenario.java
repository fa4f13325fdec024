package io.github.dockercache.compare;

import io.github.dockercache.dockerfile.BuildKitVersion;
import io.github.dockercache.model.AnalysisException;
import io.github.dockercache.model.BaseImage;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.ImageDigests;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.testing.ContextTree;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A real build context on disk, snapshotted before and after a change. */
final class Scenario extends ContextTree<Scenario> {
    private final Map<String, String> buildArgs = new LinkedHashMap<>();
    private String target;
    private Builder builder = Builder.BUILDKIT;
    private ImageDigests images = ImageDigests.NONE;
    private BuildKitVersion buildkitVersion = BuildKitVersion.NEWEST;
    private String clientSourceDateEpoch;

    Scenario(Path dir) {
        super(dir);
    }

    @Override
    protected Scenario self() {
        return this;
    }

    Scenario buildArg(String name, String value) {
        buildArgs.put(name, value);
        return this;
    }

    Scenario target(String stage) {
        this.target = stage;
        return this;
    }

    Scenario builder(Builder rules) {
        this.builder = rules;
        return this;
    }

    /** Every FROM image is {@code image}, as a registry or a baseline tells it; null for unknown. */
    Scenario image(BaseImage image) {
        return images((reference, platform) -> image);
    }

    /** Images as {@code digests} tells them. */
    Scenario images(ImageDigests digests) {
        this.images = digests;
        return this;
    }

    /** The client's SOURCE_DATE_EPOCH environment variable; null for none. */
    Scenario clientSourceDateEpoch(String value) {
        this.clientSourceDateEpoch = value;
        return this;
    }

    Scenario buildkitVersion(String version) {
        this.buildkitVersion = BuildKitVersion.fromSetting(version);
        return this;
    }

    Snapshot snapshot() throws AnalysisException {
        return snapshot(Map.copyOf(buildArgs), target, builder, images, buildkitVersion, clientSourceDateEpoch);
    }

    static Comparison compare(Snapshot after, Snapshot before) {
        return Comparison.compare(after, before);
    }

    /** Each step's verdict, by step id, in build order. */
    static Map<String, Verdict> verdicts(Comparison comparison) {
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        comparison.steps().forEach(s -> verdicts.put(s.stepId(), s.verdict()));
        return verdicts;
    }

    static StepResult step(Comparison comparison, String id) {
        return comparison.steps().stream().filter(s -> s.stepId().equals(id)).findFirst().orElseThrow();
    }
}
