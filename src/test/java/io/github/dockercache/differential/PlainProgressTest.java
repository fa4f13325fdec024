package io.github.dockercache.differential;

import static io.github.dockercache.differential.EngineStatus.BASE;
import static io.github.dockercache.differential.EngineStatus.BUILT;
import static io.github.dockercache.differential.EngineStatus.CACHED;
import static io.github.dockercache.differential.EngineStatus.ERROR;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing of plain progress as the engines print it (excerpts of real output); needs no engine. */
class PlainProgressTest {

    @Test
    void singleStageStepsAreNumbersInBuildOrder() {
        // Docker 28.5 / BuildKit 0.25: no stage in single-stage labels; vertices arrive in any order.
        String log = """
                #0 building with "default" instance using docker driver
                #1 [internal] load build definition from Dockerfile
                #1 DONE 0.0s
                #5 [1/3] FROM docker.io/library/dockercache-busybox:latest
                #5 CACHED
                #7 [3/3] RUN cat /a.txt > /b
                #6 [2/3] COPY a.txt /a.txt
                #6 CACHED
                #7 DONE 0.1s
                #8 exporting to image
                #8 DONE 0.2s
                """;

        Map<String, EngineStep> steps = PlainProgress.steps(log, List.of("stage-0"));

        assertEquals(
                List.of(
                        new EngineStep("1", BASE, "FROM docker.io/library/dockercache-busybox:latest"),
                        new EngineStep("2", CACHED, "COPY a.txt /a.txt"),
                        new EngineStep("3", BUILT, "RUN cat /a.txt > /b")),
                List.copyOf(steps.values()));
    }

    @Test
    void stepNumbersPaddedToTheWidthOfTheTotalAreRead() {
        // A stage of ten steps or more: BuildKit pads the step number, "[controller  5/11]", "[ 5/11]".
        String multiStage = """
                #15 [controller  5/11] RUN chown -R jenkins /var/jenkins_home
                #15 DONE 0.2s
                #16 [controller 10/11] COPY jenkins.sh /usr/local/bin/jenkins.sh
                #16 CACHED
                """;
        String singleStage = """
                #17 [ 2/10] COPY a.txt /a.txt
                #17 DONE 0.1s
                """;

        assertEquals(
                Map.of("controller:5", BUILT, "controller:10", CACHED),
                EngineStep.statuses(PlainProgress.steps(multiStage, List.of("jre", "controller"))));
        assertEquals(Map.of("2", BUILT), EngineStep.statuses(PlainProgress.steps(singleStage, List.of("stage-0"))));
    }

    @Test
    void singleStageLabelWithStageNameIsStillANumber() {
        String log = """
                #4 [stage-0 2/2] COPY a.txt /a.txt
                #4 DONE 0.0s
                """;

        assertEquals(Map.of("2", BUILT), EngineStep.statuses(PlainProgress.steps(log, List.of("stage-0"))));
    }

    @Test
    void multiStageStepsCarryTheirStageInDockerfileOrder() {
        // Docker 20.10 / BuildKit 0.8 prints a digest line per vertex; stage 0 is not reached here.
        String log = """
                #4 [out 1/1] COPY b.txt /b
                #4 sha256:8dc12ff37832b35b6096028ed0870b6819fe80e5fd21cfbd1a2c3375b524ad44
                #4 DONE 0.0s
                #2 [builder 2/2] RUN echo x > /x
                #2 sha256:21155295d6dcd2ced13f9752bbd0871a3efe0d30f4ce03613237a34078af4ac5
                #2 CACHED
                """;

        Map<String, EngineStep> steps = PlainProgress.steps(log, List.of("builder", "out"));

        assertEquals(List.of("builder:2", "out:1"), List.copyOf(steps.keySet()));
        assertEquals(Map.of("builder:2", CACHED, "out:1", BUILT), EngineStep.statuses(steps));
    }

    @Test
    void failedCancelledAndUnfinishedStepsAreErrors() {
        // Two stages on one base image share one FROM vertex, printed under one of their labels.
        String log = """
                #4 [bad 1/2] FROM docker.io/library/dockercache-busybox:latest
                #4 CACHED
                #5 [slow 2/2] RUN sleep 2
                #5 ...
                #6 [bad 2/2] RUN exit 3
                #6 ERROR: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3
                #5 [slow 2/2] RUN sleep 2
                #5 CANCELED
                #7 [stage-2 1/2] COPY --from=slow /bin/sh /sh
                """;

        Map<String, EngineStep> steps = PlainProgress.steps(log, List.of("slow", "bad", "stage-2"));

        assertEquals(List.of("slow:2", "bad:1", "bad:2", "stage-2:1"), List.copyOf(steps.keySet()));
        assertEquals(
                Map.of("slow:2", ERROR, "bad:1", BASE, "bad:2", ERROR, "stage-2:1", ERROR), EngineStep.statuses(steps));
    }

    @Test
    void theLastOfSeveralVerticesWithOneLabelIsTheStep() {
        // BuildKit 0.13 prints ADD <url> as an HTTP fetch (always done) and the copy, both with the step's label.
        String log = """
                #5 [2/2] ADD http://127.0.0.1:8000/a.txt /a.txt
                #5 DONE 0.0s
                #6 [2/2] ADD http://127.0.0.1:8000/a.txt /a.txt
                #6 CACHED
                """;

        assertEquals(Map.of("2", CACHED), EngineStep.statuses(PlainProgress.steps(log, List.of("stage-0"))));
    }

    @Test
    void stageLabelsAreLowerCaseNamesOrIndexes() {
        String dockerfile = """
                # syntax is not parsed
                from dockercache-busybox:latest as Builder
                RUN echo from here
                  FROM scratch
                FROM builder AS Final
                """;

        assertEquals(List.of("builder", "stage-1", "final"), StageLabels.of(dockerfile));
    }
}
