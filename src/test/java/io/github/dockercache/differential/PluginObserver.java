package io.github.dockercache.differential;

import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.context.ScanProgress;
import io.github.dockercache.dockerfile.BuildKitVersion;
import io.github.dockercache.model.AnalysisException;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.ImageDigests;
import io.github.dockercache.model.SecretKey;
import io.github.dockercache.model.Secrets;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.registry.ImageResolver;
import java.nio.file.Path;
import java.util.List;

/**
 * Takes the plugin's snapshots of what an engine build is given: the same args, target and builder, a Linux client,
 * {@code --network=none}, and the engine's BuildKit release. A failure is kept rather than thrown, so that the test
 * of the engine still runs; after one, no further snapshot is taken.
 */
final class PluginObserver {
    /** Where scenarios push the images they name ({@link RegistryImages}). */
    private static final String LOOPBACK_REGISTRY = "127.0.0.1:";
    /** The secret key of every play: a user who builds with secret args configures one (docs/secrets.md). */
    private static final SecretKey TEST_KEY = SecretKey.of("differential-test-key-0123456789");

    private final Builder builder;
    private final boolean resolveImages;
    private final BuildKitVersion buildkitVersion;
    private final Secrets secrets;
    private RuntimeException failure;

    /** {@code secretArgs}: the build args the plugin is told are secret besides its name patterns. */
    PluginObserver(Builder builder, boolean resolveImages, BuildKitVersion buildkitVersion, List<String> secretArgs) {
        this.builder = builder;
        this.resolveImages = resolveImages;
        this.buildkitVersion = buildkitVersion;
        this.secrets = Secrets.of(secretArgs, TEST_KEY);
    }

    /** An observer that starts with another's failure, if any: snapshots compared with that one's are void too. */
    PluginObserver continuing(PluginObserver earlier) {
        failure = earlier.failure;
        return this;
    }

    /** @return the snapshot, or null when the plugin failed (now or earlier); see {@link #failure()} */
    Snapshot snapshot(Path contextDir, Path dockerfile, BuildSpec spec, String whichBuild) {
        if (failure != null) {
            return null;
        }
        // the client's SOURCE_DATE_EPOCH too, which buildx passes on as a build argument
        BuildSettings settings = new BuildSettings(
                contextDir,
                dockerfile,
                spec.buildArgs(),
                spec.target(),
                ClientPlatform.LINUX,
                "none",
                builder,
                buildkitVersion,
                secrets,
                spec.environment().get(BuildSettings.SOURCE_DATE_EPOCH));
        // Tags resolved in the registry at each snapshot, as the plugin's resolve mode does; only the loopback
        // registry's images, as the engine's own base image (dockercache-busybox) is in no registry
        ImageDigests registry = ImageDigests.resolving(new ImageResolver());
        ImageDigests digests = !resolveImages
                ? ImageDigests.NONE
                : (reference, platform) ->
                        reference.startsWith(LOOPBACK_REGISTRY) ? registry.imageOf(reference, platform) : null;
        try {
            return CacheModel.analyse(settings, null, ScanProgress.NONE, digests)
                    .snapshot();
        } catch (RuntimeException e) {
            failure = e;
        } catch (AnalysisException e) {
            failure = new IllegalStateException(
                    "the plugin cannot analyse the " + whichBuild + " build: " + e.getMessage(), e);
        }
        return null;
    }

    RuntimeException failure() {
        return failure;
    }
}
