package io.github.dockercache.differential;

import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.context.ScanProgress;
import io.github.dockercache.dockerfile.BuildKitVersion;
import io.github.dockercache.model.AnalysisException;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.ImageDigests;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.registry.ImageResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * One scenario played on the engine, with the plugin's snapshots taken at the same moments: prune, build before,
 * snapshot before, apply the changes (and copy the context if the scenario wants a fresh checkout), build after,
 * snapshot after.
 *
 * @param workspace the context of the second build; kept under {@code target/differential/} for inspection
 * @param before the engine's first build (from an empty cache)
 * @param after the engine's second build
 * @param plugin the plugin's snapshots, or why there are none
 * @param elapsed the whole run, prune included
 * @param engine the engine's name ({@code 28}, {@code 26})
 * @param builder the builder both builds used, and whose rules the plugin applied
 */
record ScenarioRun(
        Scenario scenario,
        Path workspace,
        EngineBuild before,
        EngineBuild after,
        PluginSnapshots plugin,
        Duration elapsed,
        String engine,
        Builder builder) {

    /** What the scenario records for this engine and builder. */
    Scenario.Expectation expectation() {
        return scenario.expectation(engine, builder);
    }

    /**
     * The plugin's view of both builds.
     *
     * @param failure what the plugin threw instead of a snapshot, else null
     */
    record PluginSnapshots(Snapshot before, Snapshot after, RuntimeException failure) {}

    private static final Path WORK_ROOT = Path.of("target", "differential");
    /** Where scenarios push the images they name ({@link RegistryImages}). */
    private static final String LOOPBACK_REGISTRY = "127.0.0.1:";

    static ScenarioRun play(Scenario scenario, Engine engine, Builder builder) throws IOException {
        long started = System.nanoTime();
        Path workspace = WORK_ROOT.resolve(scenario.name() + "@" + engine.name() + "-" + builder.settingName())
                .toAbsolutePath();
        Files.createDirectories(workspace.getParent());
        PluginObserver plugin = new PluginObserver(builder, scenario.resolveImages(), engine.buildkitVersion());

        try (Engine.Exclusive held = engine.exclusive()) {
            // under the lock: served files and pushed tags are shared by every checkout that plays the scenario
            scenario.createWorkspace(workspace);
            engine.prune();
            EngineBuild before = build(engine, builder, workspace, scenario.before());
            Snapshot pluginBefore = plugin.snapshot(workspace, scenario.before(), "first");
            scenario.applyChanges(workspace);
            Path secondWorkspace = workspace;
            if (scenario.freshCheckout()) {
                secondWorkspace = workspace.resolveSibling(workspace.getFileName() + "-checkout");
                FileTrees.delete(secondWorkspace);
                FileTrees.copy(workspace, secondWorkspace, StandardCopyOption.COPY_ATTRIBUTES);
            }
            EngineBuild after = build(engine, builder, secondWorkspace, scenario.after());
            Snapshot pluginAfter = plugin.snapshot(secondWorkspace, scenario.after(), "second");

            return new ScenarioRun(
                    scenario,
                    secondWorkspace,
                    before,
                    after,
                    new PluginSnapshots(pluginBefore, pluginAfter, plugin.failure),
                    Duration.ofNanos(System.nanoTime() - started),
                    engine.name(),
                    builder);
        }
    }

    private static EngineBuild build(Engine engine, Builder builder, Path workspace, BuildSpec spec)
            throws IOException {
        Map<String, Path> secrets = new TreeMap<>();
        spec.secrets().forEach((id, file) -> secrets.put(id, workspace.resolve(file)));
        return engine.build(workspace, workspace.resolve("Dockerfile"), spec.buildArgs(), spec.target(), secrets,
                spec.allow(), spec.environment(), builder);
    }

    /** Takes the plugin's snapshots; a failure is kept for the plugin's test, so the engine's test still runs. */
    private static final class PluginObserver {
        private final Builder builder;
        private final boolean resolveImages;
        private final BuildKitVersion buildkitVersion;
        private RuntimeException failure;

        PluginObserver(Builder builder, boolean resolveImages, BuildKitVersion buildkitVersion) {
            this.builder = builder;
            this.resolveImages = resolveImages;
            this.buildkitVersion = buildkitVersion;
        }

        Snapshot snapshot(Path workspace, BuildSpec spec, String whichBuild) {
            if (failure != null) {
                return null;
            }
            // What the engine build is given: the same args, target and builder, a Linux client, --network=none, the
            // client's SOURCE_DATE_EPOCH and the engine's BuildKit release.
            BuildSettings settings = new BuildSettings(workspace, workspace.resolve("Dockerfile"), spec.buildArgs(),
                    spec.target(), ClientPlatform.LINUX, "none", builder, buildkitVersion,
                    spec.environment().get(BuildSettings.SOURCE_DATE_EPOCH));
            // Tags resolved in the registry at each snapshot, as the plugin's resolve mode does; only the loopback
            // registry's images, as the engine's own base image (dockercache-busybox) is in no registry
            ImageDigests registry = ImageDigests.resolving(new ImageResolver());
            ImageDigests digests = !resolveImages ? ImageDigests.NONE : (reference, platform) ->
                    reference.startsWith(LOOPBACK_REGISTRY) ? registry.imageOf(reference, platform) : null;
            try {
                return CacheModel.analyse(settings, null, ScanProgress.NONE, digests).snapshot();
            } catch (RuntimeException e) {
                failure = e;
            } catch (AnalysisException e) {
                failure = new IllegalStateException(
                        "the plugin cannot analyse the " + whichBuild + " build: " + e.getMessage(), e);
            }
            return null;
        }
    }
}
