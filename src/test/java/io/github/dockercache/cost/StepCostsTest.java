package io.github.dockercache.cost;

import static io.github.dockercache.cost.TestLogs.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real logs in {@code src/test/resources/cost/}: Docker 28.5 (BuildKit 0.25, buildx 0.29) building
 * {@code two-stage.Dockerfile} with {@code --network=none} on a warm builder and a new {@code RUN_ID} build argument,
 * so that {@code build:5} (2 s) and {@code stage-1:2} (1 s) run side by side and everything after them reruns.
 */
class StepCostsTest {
    private static final List<String> ALL_STEPS = List.of(
            "build:1", "build:2", "build:3", "build:4", "build:5", "stage-1:1", "stage-1:2", "stage-1:3", "stage-1:4");
    // stage-1:1 is missing: both stages start FROM the same image, one vertex printed under build:1.
    private static final List<String> MEASURED_STEPS =
            List.of("build:1", "build:2", "build:3", "build:4", "build:5", "stage-1:2", "stage-1:3", "stage-1:4");
    private static final List<String> CACHED_STEPS = List.of("build:1", "build:2", "build:3", "build:4");

    @Test
    void realPlainLogGivesTheTimesItPrints() throws CostLogException {
        StepCosts costs = StepCosts.read(fixture("two-stage.plain.log"));

        assertEquals(MEASURED_STEPS, List.copyOf(costs.steps().keySet()));
        assertEquals(CACHED_STEPS, cachedSteps(costs));
        assertEquals(
                Map.of(
                        "build:5", Duration.ofMillis(2200),
                        "stage-1:2", Duration.ofMillis(1200),
                        "stage-1:3", Duration.ZERO,
                        "stage-1:4", Duration.ofMillis(100)),
                builtDurations(costs));
        assertEquals(
                "RUN echo \"run plain\" && sleep 2 && cat size.txt > report.txt",
                costs.step("build:5").orElseThrow().text());
    }

    @Test
    void realRawjsonLogGivesTheTimesBetweenStartAndCompletion() throws CostLogException {
        StepCosts costs = StepCosts.read(fixture("two-stage.rawjson.log"));

        assertEquals(MEASURED_STEPS, List.copyOf(costs.steps().keySet()));
        assertEquals(CACHED_STEPS, cachedSteps(costs));
        assertEquals(
                Map.of(
                        "build:5", Duration.ofNanos(2_107_235_047),
                        "stage-1:2", Duration.ofNanos(1_096_981_811),
                        "stage-1:3", Duration.ofNanos(47_028_463),
                        "stage-1:4", Duration.ofNanos(98_207_024)),
                builtDurations(costs));
        // The FROM vertex ran twice (resolve, then cache hit): both runs count, the last says cached.
        assertEquals(
                new StepCost(
                        "build:1",
                        "FROM docker.io/library/dockercache-busybox:latest",
                        Duration.ofNanos(166_839 + 10_646),
                        true),
                costs.step("build:1").orElseThrow());
    }

    @Test
    void costOfAddsUpTheStepsThatRanAndNamesTheOthers() throws CostLogException {
        StepCosts costs = StepCosts.read(fixture("two-stage.plain.log"));

        assertEquals(Duration.ofMillis(3500), costs.costOf(ALL_STEPS));
        assertEquals(Duration.ofMillis(2300), costs.costOf(List.of("build:5", "stage-1:4", "build:1")));
        assertEquals(List.of("build:1", "build:2", "build:3", "build:4", "stage-1:1"), costs.unmeasured(ALL_STEPS));
        assertEquals(List.of("other:9"), costs.unmeasured(List.of("stage-1:2", "other:9")));
        assertEquals(Duration.ZERO, costs.costOf(List.of()));
    }

    @Test
    void metadataFileIsRefusedWithAHint() {
        CostLogException e =
                assertThrows(CostLogException.class, () -> StepCosts.read(fixture("two-stage.metadata.json")));

        assertTrue(
                e.getMessage().startsWith(fixture("two-stage.metadata.json") + " is a --metadata-file"),
                e.getMessage());
        assertTrue(
                e.getMessage().contains("--progress=rawjson") && e.getMessage().contains("--progress=plain"),
                e.getMessage());
    }

    @Test
    void aBuildRefThatIsNoBuildIdGivesNoCommandToPaste(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(
                dir.resolve("metadata.json"), "{\"buildx.build.ref\": \"default/default/x\\n$(rm -rf ~)\"}");

        CostLogException e = assertThrows(CostLogException.class, () -> StepCosts.read(file));

        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertFalse(e.getMessage().contains("history logs"), e.getMessage());
    }

    /**
     * Docker 28.5 with BUILDX_METADATA_PROVENANCE=max: the provenance holds the LLB, the layers and the build's start
     * and end, still no step times; the refusal names the command that replays that build's progress.
     */
    @Test
    void maxProvenanceMetadataFileIsRefusedWithTheHistoryCommandForThatBuild() {
        CostLogException e = assertThrows(
                CostLogException.class, () -> StepCosts.read(fixture("two-stage.provenance-max.metadata.json")));

        assertTrue(
                e.getMessage()
                        .contains("get that build's step times with 'docker buildx history logs"
                                + " --progress=rawjson 7hxejzu47tgye4r21np80akhg 2> build.json'"),
                e.getMessage());
    }

    /** What that command printed (on stderr) for the build of the metadata file above: a rawjson log like any other. */
    @Test
    void historyLogsOfTheMetadataFilesBuildGiveItsStepTimes() throws CostLogException {
        StepCosts costs = StepCosts.read(fixture("two-stage.history.rawjson.log"));

        assertEquals(MEASURED_STEPS, List.copyOf(costs.steps().keySet()));
        assertEquals(List.of("build:1"), cachedSteps(costs));
        assertEquals(
                Duration.ofNanos(2_105_352_699),
                costs.step("build:5").orElseThrow().duration());
    }

    @Test
    void formatRoundsToWhatAReaderNeeds() {
        assertEquals("0 s", StepCosts.format(Duration.ZERO));
        assertEquals("0.0 s", StepCosts.format(Duration.ofMillis(20)));
        assertEquals("1.2 s", StepCosts.format(Duration.ofMillis(1249)));
        assertEquals("9.9 s", StepCosts.format(Duration.ofMillis(9949)));
        assertEquals("10 s", StepCosts.format(Duration.ofMillis(9950)));
        assertEquals("41 s", StepCosts.format(Duration.ofMillis(41_200)));
        assertEquals("1 min", StepCosts.format(Duration.ofMillis(59_600)));
        assertEquals("2 min 5 s", StepCosts.format(Duration.ofSeconds(125)));
        assertEquals("59 min 59 s", StepCosts.format(Duration.ofSeconds(3599)));
        assertEquals("1 h", StepCosts.format(Duration.ofMillis(3_599_600)));
        assertEquals("1 h 3 min", StepCosts.format(Duration.ofSeconds(3790)));
        assertThrows(IllegalArgumentException.class, () -> StepCosts.format(Duration.ofSeconds(-1)));
    }

    private static List<String> cachedSteps(StepCosts costs) {
        return costs.steps().values().stream()
                .filter(StepCost::cached)
                .map(StepCost::stepId)
                .toList();
    }

    private static Map<String, Duration> builtDurations(StepCosts costs) {
        return costs.steps().values().stream()
                .filter(step -> !step.cached())
                .collect(Collectors.toMap(StepCost::stepId, StepCost::duration, (a, b) -> a));
    }
}
