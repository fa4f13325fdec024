package io.github.dockercache.differential;

import io.github.dockercache.compare.CauseKind;
import io.github.dockercache.dockerfile.ParserDirectives;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.Snapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real project played on one engine: its stand-in images made ready, the cache pruned, the project built once as
 * checked out (the base), then each edit built in turn on a fresh checkout with that one edit, every build on the
 * cache the earlier ones left. Each edit is compared with the base, as {@code check} compares with a baseline
 * recorded before it. An edit finds a result an earlier edit left in the cache only where both produce the same
 * step, which the edits of a project avoid (two edits of one manifest add different dependencies); the plugin,
 * told the base alone, would then mostly see a mismatch (engine CACHED, plugin REBUILT), but a step it cannot know
 * (unknown) would hide it. {@code -Ddifferential.isolatedEdits=true} checks the records without that shortcut:
 * each edit is then built on a cache holding the base alone (prune and base again before it), at twice the time.
 *
 * @param edits one played build per edit, in the project's order, each with the base build as its first build
 */
record ProjectRun(List<EditRun> edits) {

    /** One edit built after the base, and the plugin's snapshots of both. */
    record EditRun(
            Project project,
            Project.Edit edit,
            String engine,
            EngineBuild before,
            EngineBuild after,
            PluginSnapshots plugin,
            Path workspace,
            Duration elapsed)
            implements PlayedBuild {

        @Override
        public String name() {
            return project.name() + " / " + edit.name();
        }

        @Override
        public String description() {
            return edit.description();
        }

        @Override
        public Path definitionFile() {
            return project.definitionFile();
        }

        @Override
        public Builder builder() {
            return Builder.BUILDKIT;
        }

        @Override
        public Scenario.Expectation expectation() {
            return Project.expectation(edit, engine);
        }

        @Override
        public Map<String, CauseKind> expectedCauses() {
            return edit.expectedCauses();
        }
    }

    private static final Path WORK_ROOT = Path.of("target", "projects");

    static ProjectRun play(Project project, Engine engine) throws IOException {
        boolean isolated = Boolean.getBoolean("differential.isolatedEdits");
        Path checkout = WORK_ROOT.resolve(project.name() + "@" + engine.name()).toAbsolutePath();
        Files.createDirectories(checkout.getParent());
        try (Engine.Exclusive held = engine.exclusive()) {
            long started = System.nanoTime(); // the engine is ours from here: the time another test held it is not ours
            StandIns.ensure(engine, project.images());
            long standIns = System.nanoTime();
            Path context = project.checkout(checkout);
            engine.prune();
            EngineBuild base = build(engine, project, checkout, context, project.build());
            long baseBuilt = System.nanoTime();
            PluginObserver basePlugin =
                    new PluginObserver(Builder.BUILDKIT, false, engine.buildkitVersion(), List.of());
            Snapshot pluginBase = basePlugin.snapshot(context, project.dockerfile(context), project.build(), "base");
            List<EditRun> edits = new ArrayList<>();
            for (Project.Edit edit : project.edits()) {
                long editStarted = System.nanoTime();
                if (isolated) {
                    engine.prune();
                    build(engine, project, checkout, project.checkout(checkout), project.build());
                }
                context = project.checkout(checkout);
                project.apply(edit, checkout);
                BuildSpec spec = project.build(edit);
                EngineBuild after = build(engine, project, checkout, context, spec);
                PluginObserver plugin = new PluginObserver(Builder.BUILDKIT, false, engine.buildkitVersion(), List.of())
                        .continuing(basePlugin);
                Snapshot pluginAfter = plugin.snapshot(context, project.dockerfile(context), spec, edit.name());
                edits.add(new EditRun(
                        project,
                        edit,
                        engine.name(),
                        base,
                        after,
                        new PluginSnapshots(pluginBase, pluginAfter, plugin.failure()),
                        context,
                        Duration.ofNanos(System.nanoTime() - editStarted)));
            }
            long finished = System.nanoTime();
            System.out.printf(
                    "%s on engine %s: stand-ins %d ms, prune and base %d ms, %d edits %d ms%n",
                    project.name(),
                    engine.name(),
                    (standIns - started) / 1_000_000,
                    (baseBuilt - standIns) / 1_000_000,
                    edits.size(),
                    (finished - baseBuilt) / 1_000_000);
            return new ProjectRun(List.copyOf(edits));
        }
    }

    /**
     * Builds the checkout. A {@code # syntax=} directive would make the engine pull a frontend image, which it cannot:
     * the engine is then given a copy beside the checkout whose directive changes nothing ({@link OfflineDockerfile}),
     * while the context keeps the file byte for byte.
     */
    private static EngineBuild build(Engine engine, Project project, Path checkout, Path context, BuildSpec spec)
            throws IOException {
        Path dockerfile = project.dockerfile(context);
        String text = Files.readString(dockerfile, StandardCharsets.UTF_8);
        if (ParserDirectives.detectSyntax(text).isPresent()) {
            if (Files.exists(dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore"))) {
                throw new IllegalStateException(
                        dockerfile + " has its own .dockerignore, which an offline copy elsewhere" + " would not find");
            }
            Path offline =
                    checkout.resolveSibling(checkout.getFileName() + ".offline").resolve(dockerfile.getFileName());
            Files.createDirectories(offline.getParent());
            dockerfile = Files.writeString(offline, OfflineDockerfile.withoutSyntax(text), StandardCharsets.UTF_8);
        }
        return engine.build(
                context,
                dockerfile,
                spec.buildArgs(),
                spec.target(),
                Map.of(),
                List.of(),
                spec.environment(),
                Builder.BUILDKIT,
                false);
    }
}
