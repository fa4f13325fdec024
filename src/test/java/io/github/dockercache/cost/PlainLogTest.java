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

/** Excerpts of {@code --progress=plain} output in the forms BuildKit's printer and frontend write. */
class PlainLogTest {
    @TempDir
    Path dir;

    @Test
    void singleStageStepsAreNumbersEvenWithStage0() throws CostLogException {
        // BuildKit 0.13 writes stage-0 in single-stage labels, where 0.25 leaves the stage out (as further down).
        StepCosts costs = read(dir, """
                #0 building with "default" instance using docker driver

                #5 [stage-0 1/3] FROM docker.io/library/maven:3-eclipse-temurin-17
                #5 CACHED

                #7 [stage-0 3/3] RUN mvn -B dependency:go-offline
                #7 DONE 41.2s
                """);

        assertEquals(List.of("1", "3"), List.copyOf(costs.steps().keySet()));
        assertEquals(Duration.ofMillis(41_200), costs.costOf(List.of("3")));
        assertEquals(
                "RUN mvn -B dependency:go-offline",
                costs.step("3").orElseThrow().text());
    }

    @Test
    void paddedNumbersPlatformsAndMixedCaseStagesAreRead() throws CostLogException {
        StepCosts costs = read(dir, """
                #8 [linux/arm64->amd64 build  4/12] RUN make
                #8 DONE 3.0s
                #9 [App 2/3] COPY --from=build /out /app
                #9 DONE 0.4s
                """);

        assertEquals(List.of("build:4", "app:2"), List.copyOf(costs.steps().keySet()));
    }

    @Test
    void interleavedRunsAndRerunsAddUp() throws CostLogException {
        StepCosts costs = read(dir, """
                #9 [build 5/5] RUN ./slow.sh
                #9 0.164 compiling
                #9 ...

                #10 [stage-1 2/4] RUN ./side.sh
                #10 DONE 1.2s

                #9 [build 5/5] RUN ./slow.sh
                #9 DONE 2.2s

                #9 [build 5/5] RUN ./slow.sh
                #9 DONE 0.3s
                """);

        assertEquals(
                Duration.ofMillis(2500), costs.step("build:5").orElseThrow().duration());
        assertEquals(
                Duration.ofMillis(1200), costs.step("stage-1:2").orElseThrow().duration());
    }

    @Test
    void failedCancelledAndUnfinishedStepsAreUnmeasured() throws CostLogException {
        StepCosts costs = read(dir, """
                #5 [slow 2/2] RUN sleep 2
                #5 ...
                #6 [bad 2/2] RUN exit 3
                #6 0.749 failing
                #6 ERROR: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3
                #5 [slow 2/2] RUN sleep 2
                #5 CANCELED
                #7 [stage-2 1/2] COPY --from=slow /bin/sh /sh
                ------
                 > [bad 2/2] RUN exit 3:
                0.749 failing
                ------
                ERROR: failed to build: failed to solve: process "/bin/sh -c exit 3" did not complete successfully
                """);

        assertEquals(Map.of(), costs.steps());
        List<String> steps = List.of("slow:2", "bad:2", "stage-2:1");
        assertEquals(steps, costs.unmeasured(steps));
    }

    @Test
    void severalVerticesOfOneStepAddUpAndTheLastTellsIfCached() throws CostLogException {
        // BuildKit 0.13 prints ADD <url> as an HTTP fetch (always run) and the copy, both with the step's label.
        StepCosts costs = read(dir, """
                #5 [2/2] ADD http://127.0.0.1:8000/a.txt /a.txt
                #5 DONE 0.6s
                #6 [2/2] ADD http://127.0.0.1:8000/a.txt /a.txt
                #6 CACHED
                """);

        assertEquals(
                new StepCost("2", "ADD http://127.0.0.1:8000/a.txt /a.txt", Duration.ofMillis(600), true),
                costs.step("2").orElseThrow());
    }

    @Test
    void aLogOfOneStageAnswersToTheMultiStageIdToo() throws CostLogException {
        // A multi-stage Dockerfile whose target needs no other stage: the plugin says app:2, the log shows one stage.
        StepCosts costs = read(dir, """
                #4 [app 2/2] RUN echo hi
                #4 DONE 0.5s
                """);

        assertEquals(List.of("2"), List.copyOf(costs.steps().keySet()));
        assertEquals(Duration.ofMillis(500), costs.costOf(List.of("app:2")));
        assertEquals(List.of("other:2"), costs.unmeasured(List.of("app:2", "other:2")));
    }

    @Test
    void anEndingBeforeItsVertexIsNamedMeansACutLog() {
        CostLogException e = assertThrows(CostLogException.class, () -> read(dir, """
                #7 DONE 41.2s
                #8 [3/3] RUN make install
                """));

        assertEquals(
                dir.resolve("build.log") + ":1: #7 ends before its name was printed;"
                        + " is the start of the log cut off?",
                e.getMessage());
    }

    @Test
    void aGarbledTimeIsAnError() {
        CostLogException e = assertThrows(CostLogException.class, () -> read(dir, """
                #7 [2/2] RUN make
                #7 DONE 4l.2s
                """));

        assertEquals(dir.resolve("build.log") + ":2: expected DONE <seconds>s, found 'DONE 4l.2s'", e.getMessage());
    }

    @Test
    void anIndexTooLongForANumberIsStillAVertex() throws CostLogException {
        StepCosts costs = read(dir, """
                #%1$s [2/2] RUN make
                #%1$s DONE 1.5s
                """.formatted("2".repeat(40)));

        assertEquals(Duration.ofMillis(1500), costs.step("2").orElseThrow().duration());
    }

    @Test
    void aTimeBeyondWhatADurationHoldsIsAnError() {
        CostLogException e = assertThrows(CostLogException.class, () -> read(dir, """
                #7 [2/2] RUN make
                #7 DONE 9999999999999999999.5s
                """));

        assertEquals(
                dir.resolve("build.log") + ":2: a step time beyond 292 years: 'DONE 9999999999999999999.5s'",
                e.getMessage());
    }
}
