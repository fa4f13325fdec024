package io.github.dockercache.model;

import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.dockerfile.BuildKitVersion;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code docker build} would be given.
 *
 * @param contextDir the build context directory
 * @param dockerfile the Dockerfile
 * @param buildArgs {@code --build-arg} values
 * @param target the {@code --target} stage, or null for the last stage
 * @param platform the client that sends the context
 * @param network the build's {@code --network} value, or null for the default
 * @param builder the builder whose cache rules apply
 * @param buildkitVersion the BuildKit release whose rules apply (its built-in frontend, its cache keys)
 * @param secrets which build args are secret, and the key their values are compared through
 * @param clientSourceDateEpoch the {@code SOURCE_DATE_EPOCH} environment variable of the client that runs the build,
 *     or null when it is not set: docker buildx passes it on as a build argument (cache-model §7)
 */
public record BuildSettings(
        Path contextDir,
        Path dockerfile,
        Map<String, String> buildArgs,
        String target,
        ClientPlatform platform,
        String network,
        Builder builder,
        BuildKitVersion buildkitVersion,
        Secrets secrets,
        String clientSourceDateEpoch) {
    /** The build argument that buildx also takes from the client's environment. */
    public static final String SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH";

    /** Settings whose secrets are those the patterns find, for a client without {@code SOURCE_DATE_EPOCH}. */
    public BuildSettings(
            Path contextDir,
            Path dockerfile,
            Map<String, String> buildArgs,
            String target,
            ClientPlatform platform,
            String network,
            Builder builder,
            BuildKitVersion buildkitVersion) {
        this(
                contextDir,
                dockerfile,
                buildArgs,
                target,
                platform,
                network,
                builder,
                buildkitVersion,
                Secrets.PATTERNS_ONLY,
                null);
    }

    /** Settings for a client without {@code SOURCE_DATE_EPOCH} in its environment. */
    public BuildSettings(
            Path contextDir,
            Path dockerfile,
            Map<String, String> buildArgs,
            String target,
            ClientPlatform platform,
            String network,
            Builder builder,
            BuildKitVersion buildkitVersion,
            Secrets secrets) {
        this(contextDir, dockerfile, buildArgs, target, platform, network, builder, buildkitVersion, secrets, null);
    }

    /** Settings for the newest BuildKit modelled. */
    public BuildSettings(
            Path contextDir,
            Path dockerfile,
            Map<String, String> buildArgs,
            String target,
            ClientPlatform platform,
            String network,
            Builder builder) {
        this(contextDir, dockerfile, buildArgs, target, platform, network, builder, BuildKitVersion.NEWEST);
    }

    /** Settings for BuildKit, the default builder. */
    public BuildSettings(
            Path contextDir,
            Path dockerfile,
            Map<String, String> buildArgs,
            String target,
            ClientPlatform platform,
            String network) {
        this(contextDir, dockerfile, buildArgs, target, platform, network, Builder.BUILDKIT);
    }

    public BuildSettings {
        builder = builder == null ? Builder.BUILDKIT : builder;
        buildkitVersion = buildkitVersion == null ? BuildKitVersion.NEWEST : buildkitVersion;
        secrets = secrets == null ? Secrets.PATTERNS_ONLY : secrets;
    }

    /** Names the build args without their values, which may be secret. */
    @Override
    public String toString() {
        return "BuildSettings[contextDir=" + contextDir + ", dockerfile=" + dockerfile + ", buildArgs="
                + (buildArgs == null ? null : buildArgs.keySet()) + ", target=" + target + ", platform=" + platform
                + ", network=" + network
                + ", builder=" + builder + ", buildkitVersion=" + buildkitVersion + ", secrets=" + secrets + "]";
    }

    /**
     * The build arguments the builder receives: the {@code --build-arg} values and, when none names it, a non-empty
     * {@code SOURCE_DATE_EPOCH} of the client's environment, which docker buildx passes on (the legacy builder's
     * client does not).
     */
    public Map<String, String> effectiveBuildArgs() {
        if (!sourceDateEpochFromEnvironment()) {
            return buildArgs;
        }
        Map<String, String> args = new LinkedHashMap<>(buildArgs);
        args.put(SOURCE_DATE_EPOCH, clientSourceDateEpoch);
        return Collections.unmodifiableMap(args);
    }

    /** True when {@link #effectiveBuildArgs()} takes {@code SOURCE_DATE_EPOCH} from the client's environment. */
    public boolean sourceDateEpochFromEnvironment() {
        return builder == Builder.BUILDKIT
                && clientSourceDateEpoch != null
                && !clientSourceDateEpoch.isEmpty()
                && !buildArgs.containsKey(SOURCE_DATE_EPOCH);
    }
}
