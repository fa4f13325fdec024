package io.github.dockercache.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.google.gson.Gson;
import io.github.dockercache.compare.Cause;
import io.github.dockercache.compare.CauseKind;
import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.StepResult;
import io.github.dockercache.compare.Verdict;
import io.github.dockercache.model.Builder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;

/**
 * Plays every scenario under {@code src/test/resources/differential/} on each configured engine, with each builder
 * the scenario lists, and checks, per step of the second build, that the engine did what the scenario records and
 * that the plugin predicted it: CACHED for CACHED, REBUILT for BUILT. A plugin UNKNOWN passes but is listed;
 * base-image steps are not compared.
 *
 * <p>The engines are {@code -Ddifferential.engines=28,26}; default the one {@code DOCKERCACHE_ENGINE} names, else
 * both (as CI runs them).
 */
class DifferentialTest {
    /** The first line of the excerpt the engine prints with an error of a located instruction. */
    private static final Pattern EXCERPT = Pattern.compile("(?m)^Dockerfile:(\\d+)$");

    @TestFactory
    Stream<DynamicContainer> scenarios() throws IOException {
        // -Ddifferential.only=<regex> plays only the scenarios whose names match, while writing one.
        Pattern only = Pattern.compile(System.getProperty("differential.only", ".*"));
        List<String> engines = engines();
        // -Ddifferential.builders=classic plays only that builder's part of the scenarios.
        Pattern builders = Pattern.compile(System.getProperty("differential.builders", ".*"));
        return Scenario.all().stream().filter(scenario -> only.matcher(scenario.name()).matches()).map(scenario ->
                dynamicContainer(
                        scenario.name(),
                        scenario.definitionFile().toUri(),
                        engines.stream().flatMap(engine -> scenario.builders().stream()
                                .filter(builder -> builders.matcher(builder.settingName()).matches()).map(builder -> {
                            PlayedOnce played = new PlayedOnce(scenario, engine, builder);
                            return dynamicContainer("engine " + engine + ", " + builder.settingName(), Stream.of(
                                    dynamicTest("engine does what the scenario records", () -> checkEngine(played.run())),
                                    dynamicTest("plugin predicts the engine", () -> checkPlugin(played.run()))));
                        }))));
    }

    private static List<String> engines() {
        String configured = System.getProperty("differential.engines",
                System.getenv("DOCKERCACHE_ENGINE") != null ? Engine.defaultName() : "28,26");
        return Stream.of(configured.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
    }

    private static void checkEngine(ScenarioRun run) {
        Scenario scenario = run.scenario();
        Scenario.Expectation expected = run.expectation();
        System.out.printf("%s (%s, %s, %d ms): %s%n", scenario.name(), Engine.forTests(run.engine()).serverVersion(),
                run.builder().settingName(), run.elapsed().toMillis(), scenario.description());
        if (expected.buildFails() != null) {
            assertFalse(run.before().succeeded(), () -> scenario.name() + " on engine " + run.engine() + ", "
                    + run.builder().settingName() + ": the first build was to fail (" + expected.buildFails()
                    + "), yet it succeeded: remove variant \"" + expected.variant() + "\"");
            return;
        }
        if (expected.rejected() != null) {
            Scenario.Rejected rejected = expected.rejected();
            String log = run.before().logTail();
            String error = rejected.whileSolving() ? "failed to solve: " + rejected.message()
                    : "dockerfile parse error on line " + rejected.line() + ": " + rejected.message();
            assertTrue(!run.before().succeeded() && log.contains(error),
                    () -> "expected the build to fail with \"" + error + "\":\n" + log);
            Matcher excerpt = EXCERPT.matcher(log);
            if (rejected.whileSolving() && excerpt.find()) {
                assertEquals(rejected.line(), Integer.parseInt(excerpt.group(1)),
                        () -> "the engine locates the error at another line:\n" + log);
            }
            return;
        }
        assertTrue(run.before().succeeded(), () -> scenario.name() + " on engine " + run.engine() + ", "
                + run.builder().settingName() + ": first build failed:\n" + run.before().logTail());
        assertTrue(run.after().succeeded(), () -> "second build failed:\n" + run.after().logTail());
        run.before().steps().values().stream()
                .filter(step -> step.status() != EngineStatus.BASE)
                .forEach(step -> assertEquals(EngineStatus.BUILT, step.status(),
                        () -> "the first build starts from a pruned cache, yet " + step.stepId() + " was not built"));
        Map<String, EngineStatus> observed = withoutBaseImages(run.after().statuses());
        assertNotNull(expected.expectedEngine(), () -> "record what the engine did in " + scenario.definitionFile()
                + ":\n\"expectedEngine\": " + new Gson().toJson(observed));
        assertEquals(expected.expectedEngine(), observed, () -> scenario.name() + " on engine " + run.engine() + ", "
                + run.builder().settingName() + ": the engine's second build differs from scenario.json"
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

    private static void checkPlugin(ScenarioRun run) {
        if (run.expectation().buildFails() != null) {
            Assumptions.abort("engine " + run.engine() + " with " + run.builder().settingName()
                    + " cannot build the scenario: " + run.expectation().buildFails());
        }
        RuntimeException failure = run.plugin().failure();
        Scenario.Rejected rejected = run.expectation().rejected();
        if (rejected != null) {
            String located = "Dockerfile:" + rejected.line() + ":";
            assertTrue(failure != null && failure.getMessage().contains(located)
                            && failure.getMessage().endsWith(rejected.message()),
                    () -> "expected the plugin to reject the Dockerfile with \"" + located + "...: " + rejected.message()
                            + "\", got " + (failure == null ? "a verdict" : failure.getMessage()));
            return;
        }
        List<StepResult> predicted;
        try {
            if (failure != null) {
                throw failure;
            }
            predicted = Comparison.compare(run.plugin().after(), run.plugin().before()).steps();
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("the plugin's model is not implemented yet: " + e.getMessage());
            return;
        }

        Scenario.KnownDifferences known = run.expectation().knownDifferences();
        Map<String, EngineStep> unmatched = new LinkedHashMap<>(run.after().steps());
        List<Row> rows = new ArrayList<>();
        for (StepResult prediction : predicted) {
            EngineStep actual = unmatched.remove(prediction.stepId());
            // A FROM is the base image, never rebuilt; the engine may even not print it (one vertex per image).
            boolean baseImage = prediction.instruction().equalsIgnoreCase("FROM")
                    || actual != null && actual.status() == EngineStatus.BASE;
            if (!baseImage) {
                rows.add(judge(prediction, actual, known));
            }
        }
        run.scenario().expectedCauses().forEach((stepId, kind) -> rows.add(expectCause(predicted, stepId, kind)));
        unmatched.values().stream()
                .filter(step -> step.status() != EngineStatus.BASE)
                .forEach(step -> rows.add(new Row(step.stepId(), "", step.status(), null,
                        "MISMATCH: the plugin has no such step (" + step.text() + ")", true)));

        String table = rows.stream().map(Row::format).collect(Collectors.joining());
        System.out.printf("%s (engine %s, %s): plugin vs engine%n%s", run.scenario().name(), run.engine(),
                run.builder().settingName(), table);
        long problems = rows.stream().filter(Row::problem).count();
        if (problems > 0) {
            fail(problems + " step(s) of " + run.scenario().name() + " need attention (workspace " + run.workspace()
                    + "):\n" + table);
        }
    }

    /** One compared step; {@code problem} fails the test. */
    private record Row(String stepId, String instruction, EngineStatus engine, Verdict plugin, String note,
            boolean problem) {
        String format() {
            return String.format("  %-12s %-14s engine %-7s plugin %-8s %s%n", stepId, instruction,
                    engine == null ? "-" : engine, plugin == null ? "-" : plugin, note);
        }
    }

    /** The plugin must name {@code kind} among the step's causes (the step is compared with the engine apart). */
    private static Row expectCause(List<StepResult> predicted, String stepId, CauseKind kind) {
        StepResult step = predicted.stream().filter(p -> p.stepId().equals(stepId)).findFirst().orElse(null);
        List<CauseKind> named = step == null ? List.of() : step.causes().stream().map(Cause::kind).toList();
        boolean found = named.contains(kind);
        return new Row(stepId, "cause", null, step == null ? null : step.verdict(),
                (found ? "names " : "MISMATCH: expected the cause " + kind + ", the plugin names ") + named, !found);
    }

    private static Row judge(StepResult prediction, EngineStep actual, Scenario.KnownDifferences known) {
        String instruction = "line " + prediction.line() + " " + prediction.instruction();
        if (actual == null) {
            return new Row(prediction.stepId(), instruction, null, prediction.verdict(),
                    "MISMATCH: the engine built no such step", true);
        }
        boolean agrees = prediction.verdict() == Verdict.UNKNOWN
                || actual.status() == EngineStatus.CACHED && prediction.verdict() == Verdict.CACHED
                || actual.status() == EngineStatus.BUILT && prediction.verdict() == Verdict.REBUILT;
        boolean listed = known.steps().contains(prediction.stepId());
        String note;
        if (listed) {
            note = agrees ? "agrees, yet listed in knownDifferences: remove it from scenario.json"
                    : "known difference: " + known.reason();
        } else {
            note = !agrees ? "MISMATCH" : prediction.verdict() == Verdict.UNKNOWN ? unknownNote(prediction) : "ok";
        }
        boolean unexplained = prediction.verdict() == Verdict.UNKNOWN && prediction.unknownReason() == null;
        return new Row(prediction.stepId(), instruction, actual.status(), prediction.verdict(), note,
                agrees == listed || unexplained);
    }

    /** An unknown verdict is allowed only with the reason the plugin gives the user. */
    private static String unknownNote(StepResult prediction) {
        return prediction.unknownReason() == null ? "MISMATCH: unknown without a reason"
                : "unknown (allowed): " + prediction.unknownReason();
    }

    private static String engineTable(ScenarioRun run) {
        StringBuilder table = new StringBuilder();
        run.after().steps().values().forEach(step -> table.append(String.format("  %-12s %-7s (recorded %-7s) %s%n",
                step.stepId(), step.status(), run.expectation().expectedEngine().get(step.stepId()), step.text())));
        return table.toString();
    }

    /** Plays a scenario at most once for its two tests, and hands both the same result or failure. */
    private static final class PlayedOnce {
        private final Scenario scenario;
        private final String engine;
        private final Builder builder;
        private ScenarioRun run;
        private Throwable failure;

        PlayedOnce(Scenario scenario, String engine, Builder builder) {
            this.scenario = scenario;
            this.engine = engine;
            this.builder = builder;
        }

        ScenarioRun run() throws Throwable {
            if (run == null && failure == null) {
                try {
                    run = ScenarioRun.play(scenario, Engine.forTests(engine), builder);
                } catch (Throwable e) { // also the skip or failure when there is no engine
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return run;
        }
    }
}
