package io.github.dockercache.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.google.gson.Gson;
import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.StepResult;
import io.github.dockercache.compare.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;

/**
 * Plays every scenario under {@code src/test/resources/differential/} on the engine and checks, per step of the
 * second build, that the engine did what the scenario records and that the plugin predicted it: CACHED for CACHED,
 * REBUILT for BUILT. A plugin UNKNOWN passes but is listed; base-image steps are not compared.
 */
class DifferentialTest {

    @TestFactory
    Stream<DynamicContainer> scenarios() throws IOException {
        // -Ddifferential.only=<regex> plays only the scenarios whose names match, while writing one.
        Pattern only = Pattern.compile(System.getProperty("differential.only", ".*"));
        return Scenario.all().stream().filter(scenario -> only.matcher(scenario.name()).matches()).map(scenario -> {
            PlayedOnce played = new PlayedOnce(scenario);
            return dynamicContainer(
                    scenario.name(),
                    scenario.definitionFile().toUri(),
                    Stream.of(
                            dynamicTest("engine does what the scenario records", () -> checkEngine(played.run())),
                            dynamicTest("plugin predicts the engine", () -> checkPlugin(played.run()))));
        });
    }

    private static void checkEngine(ScenarioRun run) {
        Scenario scenario = run.scenario();
        System.out.printf("%s (%s, %d ms): %s%n", scenario.name(), Engine.forTests().serverVersion(),
                run.elapsed().toMillis(), scenario.description());
        if (scenario.rejected() != null) {
            String error = "dockerfile parse error on line " + scenario.rejected().line() + ": "
                    + scenario.rejected().message();
            assertTrue(!run.before().succeeded() && run.before().logTail().contains(error),
                    () -> "expected the build to fail with \"" + error + "\":\n" + run.before().logTail());
            return;
        }
        assertTrue(run.before().succeeded(), () -> "first build failed:\n" + run.before().logTail());
        assertTrue(run.after().succeeded(), () -> "second build failed:\n" + run.after().logTail());
        run.before().steps().values().stream()
                .filter(step -> step.status() != EngineStatus.BASE)
                .forEach(step -> assertEquals(EngineStatus.BUILT, step.status(),
                        () -> "the first build starts from a pruned cache, yet " + step.stepId() + " was not built"));
        Map<String, EngineStatus> observed = withoutBaseImages(run.after().statuses());
        assertNotNull(scenario.expectedEngine(), () -> "record what the engine did in " + scenario.definitionFile()
                + ":\n\"expectedEngine\": " + new Gson().toJson(observed));
        assertEquals(scenario.expectedEngine(), observed,
                () -> "the engine's second build differs from scenario.json:\n" + engineTable(run));
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
        RuntimeException failure = run.plugin().failure();
        Scenario.Rejected rejected = run.scenario().rejected();
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

        Scenario.KnownDifferences known = run.scenario().knownDifferences();
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
        unmatched.values().stream()
                .filter(step -> step.status() != EngineStatus.BASE)
                .forEach(step -> rows.add(new Row(step.stepId(), "", step.status(), null,
                        "MISMATCH: the plugin has no such step (" + step.text() + ")", true)));

        String table = rows.stream().map(Row::format).collect(Collectors.joining());
        System.out.printf("%s: plugin vs engine%n%s", run.scenario().name(), table);
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
            note = !agrees ? "MISMATCH" : prediction.verdict() == Verdict.UNKNOWN ? "unknown (allowed)" : "ok";
        }
        return new Row(prediction.stepId(), instruction, actual.status(), prediction.verdict(), note, agrees == listed);
    }

    private static String engineTable(ScenarioRun run) {
        StringBuilder table = new StringBuilder();
        run.after().steps().values().forEach(step -> table.append(String.format("  %-12s %-7s (recorded %-7s) %s%n",
                step.stepId(), step.status(), run.scenario().expectedEngine().get(step.stepId()), step.text())));
        return table.toString();
    }

    /** Plays a scenario at most once for its two tests, and hands both the same result or failure. */
    private static final class PlayedOnce {
        private final Scenario scenario;
        private ScenarioRun run;
        private Throwable failure;

        PlayedOnce(Scenario scenario) {
            this.scenario = scenario;
        }

        ScenarioRun run() throws Throwable {
            if (run == null && failure == null) {
                try {
                    run = ScenarioRun.play(scenario, Engine.forTests());
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
