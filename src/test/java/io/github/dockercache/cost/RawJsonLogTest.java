package io.github.dockercache.cost;

import static io.github.dockercache.cost.TestLogs.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Excerpts of {@code --progress=rawjson} output: one BuildKit SolveStatus per line. */
class RawJsonLogTest {
    private static final String RUN = "sha256:6b1df70a73f8ba9ac23d35d734162233fa71dd3fbf322226610b40a00e441ace";

    @TempDir
    Path dir;

    @Test
    void runsOfOneDigestAreMergedAndAdded() throws CostLogException {
        // Announced, started, restarted within one status, a late announcement that must not reset it, completed.
        StepCosts costs = read(dir, """
                {"vertexes":[{"digest":"%1$s","name":"[2/2] RUN make"}]}
                {"vertexes":[{"digest":"%1$s","name":"[2/2] RUN make","started":"2026-11-22T02:18:23.000Z"}]}
                {"statuses":[{"id":"x","vertex":"%1$s","name":"x","timestamp":"2026-11-22T02:18:23.1Z"}]}
                {"vertexes":[{"digest":"%1$s","name":"[2/2] RUN make","started":"2026-11-22T02:18:23Z",\
                "completed":"2026-11-22T02:18:24.5Z"},\
                {"digest":"%1$s","name":"[2/2] RUN make","started":"2026-11-22T03:18:30+01:00"}]}
                {"vertexes":[{"digest":"%1$s","name":"[2/2] RUN make"}]}
                {"logs":[{"vertex":"%1$s","stream":1,"data":"aGkK","timestamp":"2026-11-22T02:18:30.1Z"}]}
                {"vertexes":[{"digest":"%1$s","name":"[2/2] RUN make","started":"2026-11-22T02:18:30Z",\
                "completed":"2026-11-22T02:18:32.25Z"}]}
                """.formatted(RUN));

        assertEquals(
                new StepCost("2", "RUN make", Duration.ofMillis(3750), false),
                costs.step("2").orElseThrow());
    }

    @Test
    void cachedFailedAndUnfinishedVerticesAreToldApart() throws CostLogException {
        StepCosts costs = read(dir, """
                {"vertexes":[{"digest":"sha256:a","name":"[a 2/3] COPY . .","started":"2026-11-22T02:00:00Z",\
                "completed":"2026-11-22T02:00:00Z","cached":true}]}
                {"vertexes":[{"digest":"sha256:b","name":"[a 3/3] RUN exit 3","started":"2026-11-22T02:00:00Z",\
                "completed":"2026-11-22T02:00:01Z","error":"process did not complete successfully: exit code: 3"}]}
                {"vertexes":[{"digest":"sha256:c","name":"[b 2/2] RUN sleep 9","started":"2026-11-22T02:00:00Z"}]}
                ERROR: failed to build: failed to solve: process did not complete successfully: exit code: 3
                """);

        assertEquals(Map.of("a:2", new StepCost("a:2", "COPY . .", Duration.ZERO, true)), costs.steps());
        assertEquals(List.of("a:2", "a:3", "b:2"), costs.unmeasured(List.of("a:2", "a:3", "b:2")));
    }

    @Test
    void aCutLineIsAnErrorAtItsLine() {
        CostLogException e = assertThrows(CostLogException.class, () -> read(dir, """
                {"vertexes":[{"digest":"%1$s","name":"[2/2] RUN make"}]}
                {"vertexes":[{"digest":"%1$s","name":"[2/2] RUN ma
                """.formatted(RUN)));

        assertEquals(
                dir.resolve("build.log") + ":2: a status that the log ends before closing; is it cut off?",
                e.getMessage());
    }

    @Test
    void aLineCutBeforeTheNextStatusIsAnErrorAtItsLine() {
        CostLogException e = assertThrows(CostLogException.class, () -> read(dir, """
                {"vertexes":[{"digest":"%1$s","name":"[2/2] RUN make"}]}
                {"vertexes":[{"digest":"%1$s","name":"[2/2] RUN ma
                {"vertexes":[{"digest":"%1$s","name":"[2/2] RUN make"}]}
                """.formatted(RUN)));

        // the cut string runs on into the next line, so the status never closes
        assertEquals(
                dir.resolve("build.log") + ":2: a status that the log ends before closing; is it cut off?",
                e.getMessage());
    }

    /** The buildx of Docker 26.1 indents each status over many lines (recorded from that engine by the harness). */
    @Test
    void statusesIndentedOverManyLinesAreRead() throws CostLogException {
        StepCosts costs = StepCosts.read(TestLogs.fixture("content-change.engine26.rawjson.log"));

        // the Dockerfile of the differential scenario content-change, after data.txt changed
        assertEquals(List.of("1", "2", "3", "4", "5"), List.copyOf(costs.steps().keySet()));
        assertEquals(
                List.of(true, false, false, false),
                List.of("2", "3", "4", "5").stream()
                        .map(id -> costs.step(id).orElseThrow().cached())
                        .toList());
    }

    @Test
    void aBadTimeIsAnErrorAtItsLine() {
        CostLogException e = assertThrows(CostLogException.class, () -> read(dir, """
                {"vertexes":[{"digest":"%1$s","name":"[2/2] RUN make"}]}

                {"vertexes":[{"digest":"%1$s","name":"[2/2] RUN make","started":"22/11/2026 02:18"}]}
                """.formatted(RUN)));

        assertEquals(dir.resolve("build.log") + ":3: not an RFC 3339 time: \"22/11/2026 02:18\"", e.getMessage());
    }

    @Test
    void aBadTimeStaysOnTheErrorsLine() {
        CostLogException e = assertThrows(CostLogException.class, () -> read(dir, """
                {"vertexes":[{"digest":"%1$s","name":"[2/2] RUN make","started":"2026-11-22\\nT02:18:23Z"}]}
                """.formatted(RUN)));

        assertEquals(
                dir.resolve("build.log") + ":1: not an RFC 3339 time: \"2026-11-22\\nT02:18:23Z\"", e.getMessage());
    }
}
