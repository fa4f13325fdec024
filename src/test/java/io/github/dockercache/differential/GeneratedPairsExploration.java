package io.github.dockercache.differential;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.StepResult;
import io.github.dockercache.differential.generated.Batch;
import io.github.dockercache.differential.generated.Catalogue;
import io.github.dockercache.differential.generated.ContextEdit;
import io.github.dockercache.differential.generated.CoverageMatrix;
import io.github.dockercache.differential.generated.Outcome;
import io.github.dockercache.differential.generated.Pair;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.Snapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Plays the generated pairs of {@link Catalogue} on the engines, many pairs per Dockerfile ({@link Batch}), and
 * records per pair and engine what the engine and the plugin answered ({@code target/explore/outcomes-<engine>.json}),
 * the coverage matrix ({@code docs/coverage.md}) and, for each pair where the plugin disagrees, a scenario to minimize
 * ({@code target/explore/scenarios/}). Run by {@code scripts/explore.sh}, never by CI: the name is none Surefire picks.
 *
 * <p>Properties: {@code explore=true} (else skipped), {@code explore.only} (a regex of pair ids),
 * {@code explore.batch} (pairs per Dockerfile, default 100), {@code explore.alone} (how many batched pairs, spread
 * over the catalogue, to play once more each in a Dockerfile of its own, to check that batching changes no answer;
 * whole-file pairs are always played alone, once, whatever it says),
 * {@code explore.minutes} (start no batch after that long: the pairs not reached are left out of the matrix),
 * {@code differential.engines} (as for the differential tests), {@code explore.matrix} (where to write the matrix).
 */
class GeneratedPairsExploration {
    private static final Path WORK = Path.of("target", "explore").toAbsolutePath();
    private static final Pattern EXCERPT = Pattern.compile("(?m)^(?:ERROR: )?Dockerfile:(\\d+)$");
    private static final Pattern PARSE_ERROR = Pattern.compile("(?:parse error|error) on line (\\d+)");
    private static final Pattern PLUGIN_LOCATION = Pattern.compile("Dockerfile(?:\\.after)?:(\\d+):");
    private static final Pattern STAGE_INDEX_AS_IMAGE =
            Pattern.compile("failed to resolve source metadata for docker\\.io/library/(\\d+):latest");
    private static final Pattern FAILURE =
            Pattern.compile("(?m)^(?:ERROR: failed to (?:solve|build)|failed to solve|.*parse error).*$");
    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    @Test
    void explore() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("explore"), "run by scripts/explore.sh (-Dexplore=true)");
        List<String> engines = DifferentialTest.engines();
        if (Boolean.getBoolean("explore.matrixOnly")) {
            Map<String, List<Outcome>> outcomes = new LinkedHashMap<>();
            for (String engine : engines) {
                outcomes.put(engine, read(WORK.resolve("outcomes-" + engine + ".json")));
            }
            writeMatrix(interleaved(Catalogue.all()), outcomes);
            return;
        }
        Pattern only = Pattern.compile(System.getProperty("explore.only", ".*"));
        int batchSize = Integer.getInteger("explore.batch", 100);
        int alone = Integer.getInteger("explore.alone", 0);
        List<Pair> catalogue = Catalogue.all();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < catalogue.size(); i++) {
            index.put(catalogue.get(i).id(), i);
        }
        Map<Pair, String> names = new LinkedHashMap<>();
        for (Pair pair : interleaved(catalogue)) {
            if (only.matcher(pair.id()).find()) {
                names.put(pair, String.format("p%04d", index.get(pair.id())));
            }
        }
        String run = Long.toHexString(System.currentTimeMillis());
        long deadline = System.nanoTime() + Long.getLong("explore.minutes", 600) * 60_000_000_000L;
        Files.createDirectories(WORK);
        ExecutorService pool = Executors.newFixedThreadPool(engines.size());
        try {
            List<Future<List<Outcome>>> played = new ArrayList<>();
            for (String engine : engines) {
                played.add(pool.submit(
                        () -> new EngineRun(Engine.forTests(engine), run, names, deadline).playAll(batchSize, alone)));
            }
            Map<String, List<Outcome>> outcomes = new LinkedHashMap<>();
            for (int e = 0; e < engines.size(); e++) {
                outcomes.put(engines.get(e), played.get(e).get());
            }
            writeMatrix(List.copyOf(names.keySet()), outcomes);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Writes the matrix of the pairs some engine answered: a run stopped by its time budget leaves the rest out. */
    private static void writeMatrix(List<Pair> requested, Map<String, List<Outcome>> outcomes) throws IOException {
        Set<String> answered = new HashSet<>();
        outcomes.values().forEach(list -> list.forEach(outcome -> answered.add(outcome.pair())));
        List<Pair> pairs =
                requested.stream().filter(pair -> answered.contains(pair.id())).toList();
        Path matrixFile = Path.of(
                System.getProperty("explore.matrix", WORK.resolve("coverage.md").toString()));
        Files.writeString(matrixFile, CoverageMatrix.markdown(pairs, outcomes));
        System.out.println(CoverageMatrix.summary(pairs, outcomes));
        System.out.println("matrix: " + matrixFile);
    }

    /**
     * The pairs family by family in turn (the first of each family, then the second of each, ...), so that every
     * batch mixes families and a run stopped early has asked about all of them.
     */
    static List<Pair> interleaved(List<Pair> catalogue) {
        Map<String, List<Pair>> families = new LinkedHashMap<>();
        catalogue.forEach(
                pair -> families.computeIfAbsent(pair.instruction() + " " + pair.form(), family -> new ArrayList<>())
                        .add(pair));
        List<Pair> order = new ArrayList<>();
        for (int round = 0; order.size() < catalogue.size(); round++) {
            for (List<Pair> family : families.values()) {
                if (round < family.size()) {
                    order.add(family.get(round));
                }
            }
        }
        return order;
    }

    /** Reads the outcomes an earlier run wrote, for the matrix alone. */
    static List<Outcome> read(Path file) throws IOException {
        return GSON.fromJson(Files.readString(file), new TypeToken<List<Outcome>>() {}.getType());
    }

    /** One engine's share of the run. */
    private static final class EngineRun {
        private final Engine engine;
        private final String run;
        private final Map<Pair, String> names;
        private final List<Outcome> outcomes = new ArrayList<>();
        private final long deadline;
        private int batches;

        EngineRun(Engine engine, String run, Map<Pair, String> names, long deadline) {
            this.engine = engine;
            this.run = run;
            this.names = names;
            this.deadline = deadline;
        }

        List<Outcome> playAll(int batchSize, int alone) throws IOException {
            List<Pair> pairs =
                    names.keySet().stream().filter(pair -> !pair.isWholeFile()).toList();
            Deque<List<Pair>> queue = new ArrayDeque<>();
            for (int from = 0; from < pairs.size(); from += batchSize) {
                queue.add(pairs.subList(from, Math.min(pairs.size(), from + batchSize)));
            }
            // a whole-file pair is a batch of one: its answer is the pair's own, not a batching check
            names.keySet().stream().filter(Pair::isWholeFile).forEach(pair -> queue.add(List.of(pair)));
            Map<List<Pair>, Integer> retries = new java.util.HashMap<>();
            while (!queue.isEmpty() && System.nanoTime() < deadline) {
                List<Pair> batch = queue.poll();
                long started = System.nanoTime();
                List<Pair> rest;
                try {
                    rest = play(batch, false);
                } catch (IOException e) {
                    // a client that timed out on a loaded machine, a cache pruned between the builds: up to three
                    // times more, at the end of the queue, then left unplayed
                    System.out.printf("engine %s: batch of %d pairs failed: %s%n", engine.name(), batch.size(), e);
                    if (retries.merge(batch, 1, Integer::sum) <= 3) {
                        queue.addLast(batch);
                    }
                    continue;
                }
                Files.writeString(WORK.resolve("outcomes-" + engine.name() + ".json"), GSON.toJson(outcomes));
                System.out.printf(
                        "engine %s: batch of %d pairs in %d s, %d done%n",
                        engine.name(), batch.size(), (System.nanoTime() - started) / 1_000_000_000L, outcomes.size());
                if (!rest.isEmpty()) {
                    // a failure no line or step locates: halve until it is one pair's
                    if (rest.size() == 1) {
                        outcomes.add(new Outcome(
                                rest.get(0).id(),
                                engine.name(),
                                Outcome.Status.ENGINE_REJECTED,
                                "unlocated failure",
                                List.of(),
                                false));
                    } else {
                        queue.addFirst(rest.subList(rest.size() / 2, rest.size()));
                        queue.addFirst(rest.subList(0, rest.size() / 2));
                    }
                }
            }
            if (alone > 0) {
                Set<String> played = new HashSet<>();
                outcomes.forEach(outcome -> played.add(outcome.pair()));
                List<Pair> done = pairs.stream()
                        .filter(pair -> played.contains(pair.id()))
                        .toList();
                int step = Math.max(1, done.size() / alone);
                for (int i = 0; i < done.size(); i += step) {
                    play(List.of(done.get(i)), true);
                }
                Files.writeString(WORK.resolve("outcomes-" + engine.name() + ".json"), GSON.toJson(outcomes));
            }
            return outcomes;
        }

        /**
         * Plays the batch; pairs that one side refuses are recorded and left out, and the rest played again.
         *
         * @return the pairs left when a failure could not be located (to be split), else empty
         */
        private List<Pair> play(List<Pair> batchPairs, boolean alone) throws IOException {
            List<Pair> pairs = new ArrayList<>(batchPairs);
            while (!pairs.isEmpty()) {
                Batch batch = new Batch(pairs, pairs.stream().map(names::get).toList());
                Path workspace = WORK.resolve(engine.name()).resolve("batch-" + batches++);
                Batch.Rendered before = batch.render(false);
                Batch.Rendered after = batch.render(true);
                writeContext(batch, workspace, before.text(), false);
                Files.writeString(workspace.resolve("Dockerfile.after"), after.text());
                Refusal refused = pluginRefuses(workspace, before, after);
                if (refused != null) {
                    outcomes.add(engineAlsoRefuses(refused, alone));
                    pairs.remove(refused.pair());
                    continue;
                }
                PluginObserver plugin =
                        new PluginObserver(Builder.BUILDKIT, false, engine.buildkitVersion(), List.of());
                EngineBuild first;
                EngineBuild second;
                Snapshot pluginBefore;
                Snapshot pluginAfter;
                // No prune: the markers give every step of the batch a key no earlier build has, and pruning a large
                // cache takes minutes on a loaded machine. The lock keeps another test's prune out of the two builds.
                try (Engine.Exclusive held = engine.exclusive()) {
                    first = build(workspace);
                    if (!first.succeeded()) {
                        Pair failed = located(first, before);
                        if (failed == null) {
                            return pairs;
                        }
                        reject(failed, first, alone);
                        pairs.remove(failed);
                        continue;
                    }
                    pluginBefore =
                            plugin.snapshot(workspace, workspace.resolve("Dockerfile"), BuildSpec.DEFAULT, "first");
                    applyChanges(batch, workspace, after.text());
                    second = build(workspace);
                    pluginAfter =
                            plugin.snapshot(workspace, workspace.resolve("Dockerfile"), BuildSpec.DEFAULT, "second");
                }
                if (!second.succeeded()) {
                    Pair failed = located(second, after);
                    if (failed == null) {
                        return pairs;
                    }
                    reject(failed, second, alone);
                    pairs.remove(failed);
                    continue;
                }
                EngineStep canary = second.steps().get(Batch.CANARY_STEP);
                if (canary == null || canary.status() != EngineStatus.CACHED) {
                    throw new IOException("the build cache did not survive from the first build to the second ("
                            + Batch.CANARY_STEP + " " + (canary == null ? "missing" : canary.status()) + ")");
                }
                if (plugin.failure() != null) {
                    throw new IllegalStateException(
                            "the plugin failed only on the real workspace " + workspace, plugin.failure());
                }
                record(
                        batch,
                        after,
                        second,
                        Comparison.compare(pluginAfter, pluginBefore).steps(),
                        alone);
                FileTrees.delete(workspace);
                return List.of();
            }
            return List.of();
        }

        private EngineBuild build(Path workspace) throws IOException {
            return engine.build(
                    workspace,
                    workspace.resolve("Dockerfile"),
                    Map.of(),
                    null,
                    Map.of(),
                    List.of(),
                    Map.of(),
                    Builder.BUILDKIT,
                    false);
        }

        private void writeContext(Batch batch, Path workspace, String dockerfile, boolean after) throws IOException {
            FileTrees.delete(workspace);
            Files.createDirectories(workspace);
            for (Pair pair : batch.pairs()) {
                Path directory = workspace.resolve(batch.nameOf(pair));
                for (String[] file : Pair.STANDARD_FILES) {
                    Path entry = directory.resolve(file[0]);
                    Files.createDirectories(entry.getParent());
                    Files.writeString(entry, file[1]);
                    Files.setPosixFilePermissions(entry, Change.FILE_MODE);
                }
                for (int stage = 0; stage < Batch.MAX_STAGES; stage++) {
                    Files.writeString(
                            directory.resolve(Batch.markerFile(stage)), run + " " + pair.id() + " " + stage + "\n");
                }
            }
            Files.writeString(workspace.resolve(Batch.CANARY_FILE), run + " " + workspace.getFileName() + "\n");
            Files.writeString(workspace.resolve("Dockerfile"), dockerfile, StandardCharsets.UTF_8);
            writeIgnore(batch, workspace, after);
        }

        /** A whole-file pair's {@code .dockerignore} of the first or the second build, or none. */
        private static void writeIgnore(Batch batch, Path workspace, boolean after) throws IOException {
            Path file = workspace.resolve(".dockerignore");
            Files.deleteIfExists(file);
            Pair pair = batch.pairs().get(0);
            if (pair.isWholeFile() && pair.wholeFile().ignore(after) != null) {
                Files.writeString(file, pair.wholeFile().ignore(after).replace("{d}", batch.nameOf(pair)));
            }
        }

        private static void applyChanges(Batch batch, Path workspace, String dockerfile) throws IOException {
            Files.writeString(workspace.resolve("Dockerfile"), dockerfile, StandardCharsets.UTF_8);
            writeIgnore(batch, workspace, true);
            for (Pair pair : batch.pairs()) {
                for (ContextEdit edit : pair.changes()) {
                    change(batch.nameOf(pair), edit).apply(workspace);
                }
            }
        }

        /** The harness's change for a pair's context edit, its paths under the pair's directory. */
        static Change change(String directory, ContextEdit edit) {
            String path = directory + "/" + edit.path();
            Change.Op op = Change.Op.valueOf(edit.op().toUpperCase(Locale.ROOT));
            return switch (edit.op()) {
                case "write" -> new Change(op, path, edit.value(), null, null, null, null, null);
                case "chmod" -> new Change(op, path, null, edit.value(), null, null, null, null);
                case "symlink" -> new Change(op, path, null, null, edit.value(), null, null, null);
                case "hardlink" -> new Change(op, path, null, null, directory + "/" + edit.value(), null, null, null);
                case "xattr" -> new Change(op, path, edit.value(), null, null, null, null, "test");
                default -> new Change(op, path, null, null, null, null, null, null);
            };
        }

        /** A pair the plugin refuses, in the first ({@code after} false) or the second build. */
        private record Refusal(Pair pair, boolean after, String message) {}

        /** The first pair the plugin refuses in either Dockerfile, or null when it takes both. */
        private Refusal pluginRefuses(Path workspace, Batch.Rendered before, Batch.Rendered after) {
            for (Batch.Rendered rendered : List.of(before, after)) {
                Path dockerfile = workspace.resolve(rendered == before ? "Dockerfile" : "Dockerfile.after");
                PluginObserver check = new PluginObserver(Builder.BUILDKIT, false, engine.buildkitVersion(), List.of());
                check.snapshot(workspace, dockerfile, BuildSpec.DEFAULT, rendered == before ? "first" : "second");
                if (check.failure() != null) {
                    String message = check.failure().getMessage();
                    Matcher line = PLUGIN_LOCATION.matcher(message);
                    Pair pair = line.find() ? rendered.atLine(Integer.parseInt(line.group(1))) : null;
                    if (pair == null) {
                        throw new IllegalStateException(
                                "the plugin fails on a batch without locating a pair: " + workspace, check.failure());
                    }
                    return new Refusal(pair, rendered == after, message.replace(workspace.toString(), "<context>"));
                }
            }
            return null;
        }

        /**
         * Builds the Dockerfile the plugin refuses, the pair alone: when the engine refuses it too, both agree
         * (recorded as the engine's refusal, with both messages); else the plugin refuses what the engine builds.
         */
        private Outcome engineAlsoRefuses(Refusal refusal, boolean alone) throws IOException {
            Batch batch = new Batch(List.of(refusal.pair()), List.of(names.get(refusal.pair())));
            Path workspace = WORK.resolve(engine.name()).resolve("batch-" + batches++);
            writeContext(batch, workspace, batch.render(refusal.after()).text(), refusal.after());
            EngineBuild build;
            try (Engine.Exclusive held = engine.exclusive()) {
                build = build(workspace);
            }
            FileTrees.delete(workspace);
            if (build.succeeded()) {
                return new Outcome(
                        refusal.pair().id(),
                        engine.name(),
                        Outcome.Status.PLUGIN_REJECTED,
                        refusal.message(),
                        List.of(),
                        alone);
            }
            return new Outcome(
                    refusal.pair().id(),
                    engine.name(),
                    Outcome.Status.ENGINE_REJECTED,
                    engineMessage(build) + "; the plugin too: " + refusal.message(),
                    List.of(),
                    alone);
        }

        /** The pair an engine failure is in: by the excerpt's or the parse error's line, else the failed step. */
        private static Pair located(EngineBuild build, Batch.Rendered rendered) {
            for (Pattern pattern : List.of(EXCERPT, PARSE_ERROR)) {
                Matcher line = pattern.matcher(build.log());
                if (line.find()) {
                    Pair pair = rendered.atLine(Integer.parseInt(line.group(1)));
                    if (pair != null) {
                        return pair;
                    }
                }
            }
            // a stage index where only a name or an image is taken (RUN --mount from=<index>): resolved as an image
            Matcher index = STAGE_INDEX_AS_IMAGE.matcher(build.log());
            if (index.find()) {
                List<Pair> stages = List.copyOf(rendered.pairOfStage().values());
                int stage = Integer.parseInt(index.group(1));
                if (stage < stages.size()) {
                    return stages.get(stage);
                }
            }
            return build.steps().values().stream()
                    .filter(step -> step.status() == EngineStatus.ERROR)
                    .map(step -> rendered.pairOfStage().get(step.stepId().replaceAll(":.*", "")))
                    .filter(pair -> pair != null)
                    .findFirst()
                    .orElse(null);
        }

        private void reject(Pair pair, EngineBuild build, boolean alone) {
            outcomes.add(new Outcome(
                    pair.id(), engine.name(), Outcome.Status.ENGINE_REJECTED, engineMessage(build), List.of(), alone));
        }

        /** The line of the engine's log that says why the build failed, the pair's names as {@code {s}}. */
        private static String engineMessage(EngineBuild build) {
            Matcher excerpt = FAILURE.matcher(build.log());
            return (excerpt.find() ? excerpt.group() : build.logTail()).replaceAll("p\\d{4}", "{s}");
        }

        private void record(
                Batch batch, Batch.Rendered after, EngineBuild second, List<StepResult> predicted, boolean alone) {
            Map<Pair, Map<String, Outcome.Step>> steps = new LinkedHashMap<>();
            batch.pairs().forEach(pair -> steps.put(pair, new LinkedHashMap<>()));
            for (StepResult prediction : predicted) {
                Pair pair = after.pairOfStage().get(prediction.stepId().replaceAll(":.*", ""));
                if (pair == null || prediction.instruction().equalsIgnoreCase("FROM")) {
                    continue;
                }
                EngineStep actual = second.steps().get(prediction.stepId());
                if (actual != null && actual.status() == EngineStatus.BASE) {
                    continue;
                }
                steps.get(pair)
                        .put(
                                prediction.stepId(),
                                new Outcome.Step(
                                        prediction.stepId(),
                                        actual != null ? actual.text() : prediction.text(),
                                        actual == null ? null : actual.status().name(),
                                        prediction.verdict().name(),
                                        prediction.unknownReason()));
            }
            second.steps().forEach((id, step) -> {
                Pair pair = after.pairOfStage().get(id.replaceAll(":.*", ""));
                if (pair != null && step.status() != EngineStatus.BASE) {
                    steps.get(pair)
                            .putIfAbsent(
                                    id,
                                    new Outcome.Step(
                                            id, step.text(), step.status().name(), null, null));
                }
            });
            steps.forEach((pair, list) -> outcomes.add(new Outcome(
                    pair.id(), engine.name(), Outcome.Status.PLAYED, null, List.copyOf(list.values()), alone)));
        }
    }
}
