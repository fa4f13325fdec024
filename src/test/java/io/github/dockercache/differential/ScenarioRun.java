package io.github.dockercache.differential;

import io.github.dockercache.compare.CauseKind;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Builder builder)
        implements PlayedBuild {

    @Override
    public String name() {
        return scenario.name();
    }

    @Override
    public String description() {
        return scenario.description();
    }

    @Override
    public Path definitionFile() {
        return scenario.definitionFile();
    }

    @Override
    public Scenario.Expectation expectation() {
        return scenario.expectation(engine, builder);
    }

    @Override
    public Map<String, CauseKind> expectedCauses() {
        return scenario.expectedCauses();
    }

    private static final Path WORK_ROOT = Path.of("target", "differential");

    static ScenarioRun play(Scenario scenario, Engine engine, Builder builder) throws IOException {
        return play(scenario, engine, builder, false);
    }

    /**
     * As {@link #play(Scenario, Engine, Builder)}; with {@code rawJsonAfter} the second build logs
     * {@code --progress=rawjson} (its {@link EngineBuild#steps()} are then empty), in a workspace of its own.
     * Engines play at the same time ({@link EnginesInParallel}), but one scenario is played by one engine at a time:
     * its served files, pushed tags and git repositories are the same for every engine.
     */
    static ScenarioRun play(Scenario scenario, Engine engine, Builder builder, boolean rawJsonAfter)
            throws IOException {
        synchronized (scenario) {
            return playAlone(scenario, engine, builder, rawJsonAfter);
        }
    }

    private static ScenarioRun playAlone(Scenario scenario, Engine engine, Builder builder, boolean rawJsonAfter)
            throws IOException {
        long started = System.nanoTime();
        Path workspace = WORK_ROOT
                .resolve(scenario.name() + "@" + engine.name() + "-" + builder.settingName()
                        + (rawJsonAfter ? "-rawjson" : ""))
                .toAbsolutePath();
        Files.createDirectories(workspace.getParent());
        PluginObserver plugin =
                new PluginObserver(builder, scenario.resolveImages(), engine.buildkitVersion(), scenario.secretArgs());

        try (Engine.Exclusive held = engine.exclusive()) {
            // under the lock: served files and pushed tags are shared by every checkout that plays the scenario
            scenario.createWorkspace(workspace);
            for (Map.Entry<String, Path> image : scenario.images().entrySet()) {
                engine.buildImage(image.getValue(), image.getKey());
            }
            engine.prune();
            EngineBuild before = build(engine, builder, workspace, scenario.before(), false);
            Snapshot pluginBefore =
                    plugin.snapshot(workspace, workspace.resolve("Dockerfile"), scenario.before(), "first");
            scenario.applyChanges(workspace);
            Path secondWorkspace = workspace;
            if (scenario.freshCheckout()) {
                secondWorkspace = workspace.resolveSibling(workspace.getFileName() + "-checkout");
                FileTrees.delete(secondWorkspace);
                FileTrees.copyAll(workspace, secondWorkspace);
            }
            EngineBuild after = build(engine, builder, secondWorkspace, scenario.after(), rawJsonAfter);
            Snapshot pluginAfter =
                    plugin.snapshot(secondWorkspace, secondWorkspace.resolve("Dockerfile"), scenario.after(), "second");

            return new ScenarioRun(
                    scenario,
                    secondWorkspace,
                    before,
                    after,
                    new PluginSnapshots(pluginBefore, pluginAfter, plugin.failure()),
                    Duration.ofNanos(System.nanoTime() - started),
                    engine.name(),
                    builder);
        }
    }

    private static EngineBuild build(Engine engine, Builder builder, Path workspace, BuildSpec spec, boolean rawJson)
            throws IOException {
        Map<String, Path> secrets = new TreeMap<>();
        spec.secrets().forEach((id, file) -> secrets.put(id, workspace.resolve(file)));
        return engine.build(
                workspace,
                workspace.resolve("Dockerfile"),
                spec.buildArgs(),
                spec.target(),
                secrets,
                spec.allow(),
                spec.environment(),
                builder,
                true,
                rawJson);
    }
}
