package io.github.dockercache.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.compare.Comparison;
import io.github.dockercache.cost.StepCosts;
import io.github.dockercache.model.Builder;
import io.github.dockercache.verify.Verification;
import io.github.dockercache.verify.VerificationReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The verify goal's check of a {@link PlayedBuild}: its core, run on the engine's own log of the second build against
 * the plugin's prediction, agrees on every definitive step. The harness's first build filled the cache, so that cache
 * is the baseline's build, as verify requires. The logs are kept beside the workspace ({@code <workspace>.after.log}).
 */
final class LogVerification {
    private LogVerification() {}

    static void check(PlayedBuild run) throws Exception {
        Scenario.Expectation expected = run.expectation();
        Assumptions.assumeTrue(run.builder() == Builder.BUILDKIT, "the legacy builder writes no BuildKit log");
        Assumptions.assumeTrue(
                expected.buildFails() == null && expected.rejected() == null, "the engine does not build it");
        Assumptions.assumeTrue(
                run.plugin().failure() == null,
                () -> "the plugin failed: " + run.plugin().failure());
        Path before = keep(run, "before", run.before().log());
        Path after = keep(run, "after", run.after().log());
        assertTrue(run.after().succeeded(), () -> "second build failed; its log: " + after);
        Comparison prediction =
                Comparison.compare(run.plugin().after(), run.plugin().before());
        Verification verification =
                Verification.of(prediction.steps(), run.plugin().after(), StepCosts.read(after));
        System.out.printf(
                "%s (engine %s, %s): verify%n%s%n",
                run.name(),
                run.engine(),
                after.getFileName(),
                String.join(
                        "\n",
                        VerificationReport.lines(
                                        verification, after.getFileName().toString(), "Dockerfile")
                                .stream()
                                .map(line -> line.level() + " " + line.text())
                                .toList()));
        List<String> known = expected.knownDifferences().steps();
        if (known.isEmpty()) {
            assertEquals(
                    Verification.Cache.BASELINE,
                    verification.cache(),
                    () -> "verify takes the cache of the first build (" + before + ") for another one");
            assertEquals(List.of(), verification.coldStages(), "verify finds stages the first build left uncached");
        }
        List<String> disagreeing = verification.disagreements().stream()
                .map(row -> row.prediction().stepId())
                .filter(step -> !known.contains(step))
                .toList();
        assertEquals(
                List.of(),
                disagreeing,
                () -> "verify finds disagreements in " + after + " that "
                        + run.definitionFile().getFileName() + " does not list");
    }

    /** Writes a build's log beside the workspace: {@code <workspace>.before.log}, {@code .after.log}. */
    private static Path keep(PlayedBuild run, String which, String log) throws Exception {
        Path file = run.workspace().resolveSibling(run.workspace().getFileName() + "." + which + ".log");
        Files.writeString(file, log, StandardCharsets.UTF_8);
        return file;
    }
}
