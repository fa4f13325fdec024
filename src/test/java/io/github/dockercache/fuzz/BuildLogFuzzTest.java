package io.github.dockercache.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.dockercache.cost.CostLogException;
import io.github.dockercache.cost.StepCost;
import io.github.dockercache.cost.StepCosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Fuzzes reading a build log for step costs (plain or rawjson progress, told apart by content): the only failure
 * a garbled, cut or hostile log may cause is a {@link CostLogException} whose message is one line naming the file;
 * whatever log is accepted gives steps whose times are not negative and can be added up and printed.
 *
 * <p>The input is the log's bytes. {@code ./mvnw test} replays the seeds in
 * {@code src/test/resources/io/github/dockercache/fuzz/BuildLogFuzzTestInputs/readLog/}: excerpts of the plain and
 * rawjson logs and the metadata file captured from the engine ({@code src/test/resources/cost/}), and every crash
 * found so far. To fuzz: {@code scripts/fuzz.sh BuildLogFuzzTest#readLog [seconds]}.
 */
class BuildLogFuzzTest {
    private static final Path FILE = FuzzInput.temporaryFile("dockercache-fuzz-build", ".log");

    @FuzzTest(maxDuration = "10m")
    @DictionaryEntries({
        "#1 ",
        "DONE ",
        "CACHED",
        "ERROR: ",
        "CANCELED",
        "[build 2/5] ",
        "[linux/arm64 app 1/2] ",
        "\"vertexes\"",
        "\"statuses\"",
        "\"digest\"",
        "\"name\"",
        "\"started\"",
        "\"completed\"",
        "\"cached\"",
        "\"error\"",
        "\"2026-11-22T02:18:23.26035588Z\"",
        "\"buildx.build.ref\"",
        "1.5s"
    })
    void readLog(byte[] input) throws IOException {
        Files.write(FILE, input);
        StepCosts costs;
        try {
            costs = StepCosts.read(FILE);
        } catch (CostLogException e) {
            String message = e.getMessage();
            assertTrue(message.startsWith(FILE.toString()), message);
            assertEquals(1, message.lines().count(), () -> "more than one line: " + message);
            return;
        }
        List<String> ids = List.copyOf(costs.steps().keySet());
        for (StepCost step : costs.steps().values()) {
            assertFalse(step.duration().isNegative(), () -> "negative time: " + step);
            StepCosts.format(step.duration());
            assertEquals(step, costs.step(step.stepId()).orElseThrow());
        }
        Duration total = costs.costOf(ids);
        assertFalse(total.isNegative(), () -> "negative total: " + total);
        StepCosts.format(total);
        costs.unmeasured(ids);
    }
}
