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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        return Scenario.all().stream().map(scenario -> {
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
        Map<String, EngineStep> engineSteps = new LinkedHashMap<>(run.after().steps());
        StringBuilder table = new StringBuilder();
        int problems = 0;
        for (StepResult prediction : predicted) {
            EngineStep actual = engineSteps.remove(prediction.stepId());
            // A FROM is the base image, never rebuilt; the engine may even not print it (one vertex per image).
            if (prediction.instruction().equalsIgnoreCase("FROM")
                    || actual != null && actual.status() == EngineStatus.BASE) {
                continue;
            }
            String outcome = outcome(prediction.verdict(), actual);
            if (known.steps().contains(prediction.stepId())) {
                outcome = outcome.startsWith("MISMATCH")
                        ? "known difference: " + known.reason()
                        : outcome + ", yet listed in knownDifferences: remove it from scenario.json";
            }
            if (outcome.startsWith("MISMATCH") || outcome.endsWith("scenario.json")) {
                problems++;
            }
            table.append(String.format("  %-12s line %-3d %-8s engine %-7s plugin %-8s %s%n",
                    prediction.stepId(), prediction.line(), prediction.instruction(),
                    actual == null ? "-" : actual.status(), prediction.verdict(), outcome));
        }
        for (EngineStep unpredicted : engineSteps.values()) {
            if (unpredicted.status() != EngineStatus.BASE) {
                problems++;
                table.append(String.format("  %-12s engine %-7s plugin -  MISMATCH: the plugin has no such step (%s)%n",
                        unpredicted.stepId(), unpredicted.status(), unpredicted.text()));
            }
        }
        System.out.printf("%s: plugin vs engine%n%s", run.scenario().name(), table);
        if (problems > 0) {
            fail(problems + " step(s) of " + run.scenario().name() + " need attention (workspace " + run.workspace()
                    + "):\n" + table);
        }
    }

    private static String outcome(Verdict verdict, EngineStep actual) {
        if (actual == null) {
            return "MISMATCH: the engine built no such step";
        }
        if (verdict == Verdict.UNKNOWN) {
            return "unknown (allowed)";
        }
        boolean agrees = actual.status() == EngineStatus.CACHED && verdict == Verdict.CACHED
                || actual.status() == EngineStatus.BUILT && verdict == Verdict.REBUILT;
        return agrees ? "ok" : "MISMATCH";
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
