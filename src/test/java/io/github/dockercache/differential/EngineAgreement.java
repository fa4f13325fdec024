package io.github.dockercache.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.Gson;
import io.github.dockercache.compare.Cause;
import io.github.dockercache.compare.CauseKind;
import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.StepResult;
import io.github.dockercache.compare.Verdict;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * The two checks of a {@link PlayedBuild}: the engine did what the definition records, and the plugin predicted it,
 * per step of the second build: CACHED for CACHED, REBUILT for BUILT. A plugin UNKNOWN passes but is listed with its
 * reason; base-image steps are not compared.
 */
final class EngineAgreement {
    /** The first line of the excerpt the engine prints with an error of a located instruction. */
    private static final Pattern EXCERPT = Pattern.compile("(?m)^Dockerfile:(\\d+)$");

    private EngineAgreement() {}

    /** The engine's second build matches the recorded statuses; the first, from an empty cache, built every step. */
    static void checkEngine(PlayedBuild run) {
        Scenario.Expectation expected = run.expectation();
        System.out.printf(
                "%s (%s, %s, %d ms): %s%n",
                run.name(),
                Engine.forTests(run.engine()).serverVersion(),
                run.builder().settingName(),
                run.elapsed().toMillis(),
                run.description());
        if (expected.buildFails() != null) {
            assertFalse(
                    run.before().succeeded(),
                    () -> run.name() + " on engine " + run.engine() + ", "
                            + run.builder().settingName() + ": the first build was to fail (" + expected.buildFails()
                            + "), yet it succeeded: remove variant \"" + expected.variant() + "\"");
            return;
        }
        if (expected.rejected() != null) {
            Scenario.Rejected rejected = expected.rejected();
            String log = run.before().logTail();
            // buildx wraps a frontend's refusal as "failed to solve" or, on some runs of the same engine,
            // "failed to run Build function" (seen on Docker 28.5 / buildx 0.29 in CI): the message is what compares.
            String error = rejected.whileSolving()
                    ? "failed to solve: " + rejected.message()
                    : "dockerfile parse error on line " + rejected.line() + ": " + rejected.message();
            boolean refused = log.contains(error)
                    || rejected.whileSolving() && log.contains("failed to run Build function: " + rejected.message());
            assertTrue(
                    !run.before().succeeded() && refused,
                    () -> "expected the build to fail with \"" + error + "\":\n" + log);
            Matcher excerpt = EXCERPT.matcher(log);
            if (rejected.whileSolving() && excerpt.find()) {
                assertEquals(
                        rejected.line(),
                        Integer.parseInt(excerpt.group(1)),
                        () -> "the engine locates the error at another line:\n" + log);
            }
            return;
        }
        assertTrue(
                run.before().succeeded(),
                () -> run.name() + " on engine " + run.engine() + ", "
                        + run.builder().settingName() + ": first build failed:\n"
                        + run.before().logTail());
        assertTrue(
                run.after().succeeded(),
                () -> "second build failed:\n" + run.after().logTail());
        run.before().steps().values().stream()
                .filter(step -> step.status() != EngineStatus.BASE)
                .forEach(step -> assertEquals(
                        EngineStatus.BUILT,
                        step.status(),
                        () -> "the first build starts from a pruned cache, yet " + step.stepId() + " was not built"));
        Map<String, EngineStatus> observed =
                withoutBaseImages(EngineStep.statuses(Vertices.of(run).steps()));
        assertNotNull(
                expected.expectedEngine(),
                () -> "record what engine " + run.engine() + " did for " + run.name() + " in "
                        + run.definitionFile()
                        + ":\n\"expectedEngine\": " + new Gson().toJson(observed));
        assertEquals(
                expected.expectedEngine(),
                observed,
                () -> run.name() + " on engine " + run.engine() + ", "
                        + run.builder().settingName() + ": the engine's second build differs from "
                        + run.definitionFile().getFileName()
                        + (expected.variant() == null ? "" : " (variant \"" + expected.variant() + "\")") + ":\n"
                        + engineTable(run) + "observed: " + new Gson().toJson(observed));
    }

    /**
     * Base-image steps are left out of the record: they are never rebuilt, and when stages share a base image
     * BuildKit prints its one vertex under one of their labels, which one depending on how it walks the graph.
     */
    private static Map<String, EngineStatus> withoutBaseImages(Map<String, EngineStatus> statuses) {
        Map<String, EngineStatus> kept = new LinkedHashMap<>(statuses);
        kept.values().removeIf(status -> status == EngineStatus.BASE);
        return kept;
    }

    /** Every step's prediction agrees with the engine, an unknown one only with its reason. */
    static void checkPlugin(PlayedBuild run) {
        if (run.expectation().buildFails() != null) {
            Assumptions.abort(
                    "engine " + run.engine() + " with " + run.builder().settingName() + " cannot build it: "
                            + run.expectation().buildFails());
        }
        RuntimeException failure = run.plugin().failure();
        Scenario.Rejected rejected = run.expectation().rejected();
        if (rejected != null) {
            String located = "Dockerfile:" + rejected.line() + ":";
            assertTrue(
                    failure != null
                            && failure.getMessage().contains(located)
                            && failure.getMessage().endsWith(rejected.message()),
                    () -> "expected the plugin to reject the Dockerfile with \"" + located + "...: "
                            + rejected.message() + "\", got " + (failure == null ? "a verdict" : failure.getMessage()));
            return;
        }
        List<StepResult> predicted;
        try {
            if (failure != null) {
                throw failure;
            }
            predicted = Comparison.compare(run.plugin().after(), run.plugin().before())
                    .steps();
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("the plugin's model is not implemented yet: " + e.getMessage());
            return;
        }

        Scenario.KnownDifferences known = run.expectation().knownDifferences();
        Vertices vertices = Vertices.of(run);
        Map<String, EngineStep> unmatched = new LinkedHashMap<>(vertices.steps());
        List<Row> rows = new ArrayList<>();
        for (StepResult prediction : predicted) {
            String vertex = vertices.of(prediction.stepId());
            EngineStep actual = vertices.steps().get(vertex);
            unmatched.remove(vertex);
            // A FROM is the base image, never rebuilt; the engine may even not print it (one vertex per image).
            boolean baseImage = prediction.instruction().equalsIgnoreCase("FROM")
                    || actual != null && actual.status() == EngineStatus.BASE;
            if (!baseImage) {
                rows.add(judge(prediction, actual, known));
            }
        }
        run.expectedCauses().forEach((stepId, kind) -> rows.add(expectCause(predicted, stepId, kind)));
        unmatched.values().stream()
                .filter(step -> step.status() != EngineStatus.BASE)
                .forEach(step -> rows.add(new Row(
                        step.stepId(),
                        "",
                        step.status(),
                        null,
                        "MISMATCH: the plugin has no such step (" + step.text() + ")",
                        true)));

        String table = rows.stream().map(Row::format).collect(Collectors.joining());
        System.out.printf(
                "%s (engine %s, %s): plugin vs engine%n%s",
                run.name(), run.engine(), run.builder().settingName(), table);
        long problems = rows.stream().filter(Row::problem).count();
        if (problems > 0) {
            fail(problems + " step(s) of " + run.name() + " need attention (workspace " + run.workspace() + "):\n"
                    + table);
        }
    }

    /**
     * The engine's steps of the second build, those BuildKit solved as one vertex under the id of the first. BuildKit
     * solves identical steps once and prints the vertex under the label of one of them, which one depending on how it
     * walks the graph (two stages on one base image that start with the same WORKDIR); the plugin's keys say which
     * steps are one. Two labels the engine printed both stay: then they were not one vertex.
     *
     * @param steps by vertex id, in build order
     * @param vertexOf a step's vertex id, where it is not the step's own
     */
    private record Vertices(Map<String, EngineStep> steps, Map<String, String> vertexOf) {
        static Vertices of(PlayedBuild run) {
            Map<String, String> vertexOf = new LinkedHashMap<>();
            Snapshot snapshot = run.plugin().after();
            if (snapshot != null) {
                Map<String, String> firstWithKey = new LinkedHashMap<>();
                for (StepSnapshot step : snapshot.steps()) {
                    if (step.keys().key() != null && !step.place().instruction().equals("FROM")) {
                        String first = firstWithKey.putIfAbsent(
                                step.keys().key(), step.place().id());
                        if (first != null) {
                            vertexOf.put(step.place().id(), first);
                        }
                    }
                }
            }
            Map<String, EngineStep> printed = run.after().steps();
            Map<String, EngineStep> steps = new LinkedHashMap<>();
            printed.forEach((id, step) -> {
                String vertex = vertexOf.getOrDefault(id, id);
                boolean both = !vertex.equals(id) && printed.containsKey(vertex);
                steps.putIfAbsent(both ? id : vertex, both ? step : new EngineStep(vertex, step.status(), step.text()));
            });
            vertexOf.entrySet()
                    .removeIf(alias -> printed.containsKey(alias.getKey()) && printed.containsKey(alias.getValue()));
            return new Vertices(steps, vertexOf);
        }

        String of(String stepId) {
            return vertexOf.getOrDefault(stepId, stepId);
        }
    }

    /** One compared step; {@code problem} fails the test. */
    private record Row(
            String stepId, String instruction, EngineStatus engine, Verdict plugin, String note, boolean problem) {
        String format() {
            return String.format(
                    "  %-12s %-14s engine %-7s plugin %-8s %s%n",
                    stepId, instruction, engine == null ? "-" : engine, plugin == null ? "-" : plugin, note);
        }
    }

    /** The plugin must name {@code kind} among the step's causes (the step is compared with the engine apart). */
    private static Row expectCause(List<StepResult> predicted, String stepId, CauseKind kind) {
        StepResult step = predicted.stream()
                .filter(p -> p.stepId().equals(stepId))
                .findFirst()
                .orElse(null);
        List<CauseKind> named = step == null
                ? List.of()
                : step.causes().stream().map(Cause::kind).toList();
        boolean found = named.contains(kind);
        return new Row(
                stepId,
                "cause",
                null,
                step == null ? null : step.verdict(),
                (found ? "names " : "MISMATCH: expected the cause " + kind + ", the plugin names ") + named,
                !found);
    }

    private static Row judge(StepResult prediction, EngineStep actual, Scenario.KnownDifferences known) {
        String instruction = "line " + prediction.line() + " " + prediction.instruction();
        if (actual == null) {
            return new Row(
                    prediction.stepId(),
                    instruction,
                    null,
                    prediction.verdict(),
                    "MISMATCH: the engine built no such step",
                    true);
        }
        boolean agrees = prediction.verdict() == Verdict.UNKNOWN
                || actual.status() == EngineStatus.CACHED && prediction.verdict() == Verdict.CACHED
                || actual.status() == EngineStatus.BUILT && prediction.verdict() == Verdict.REBUILT;
        boolean listed = known.steps().contains(prediction.stepId());
        String note;
        if (listed) {
            note = agrees
                    ? "agrees, yet listed in knownDifferences: remove it from the definition"
                    : "known difference: " + known.reason();
        } else {
            note = !agrees ? "MISMATCH" : prediction.verdict() == Verdict.UNKNOWN ? unknownNote(prediction) : "ok";
        }
        boolean unexplained = prediction.verdict() == Verdict.UNKNOWN && prediction.unknownReason() == null;
        return new Row(
                prediction.stepId(),
                instruction,
                actual.status(),
                prediction.verdict(),
                note,
                agrees == listed || unexplained);
    }

    /** An unknown verdict is allowed only with the reason the plugin gives the user. */
    private static String unknownNote(StepResult prediction) {
        return prediction.unknownReason() == null
                ? "MISMATCH: unknown without a reason"
                : "unknown (allowed): " + prediction.unknownReason();
    }

    private static String engineTable(PlayedBuild run) {
        StringBuilder table = new StringBuilder();
        run.after()
                .steps()
                .values()
                .forEach(step -> table.append(String.format(
                        "  %-12s %-7s (recorded %-7s) %s%n",
                        step.stepId(),
                        step.status(),
                        run.expectation().expectedEngine().get(step.stepId()),
                        step.text())));
        return table.toString();
    }
}
