package io.github.dockercache.differential;

import static io.github.dockercache.differential.EngineStatus.BASE;
import static io.github.dockercache.differential.EngineStatus.BUILT;
import static io.github.dockercache.differential.EngineStatus.CACHED;
import static io.github.dockercache.differential.EngineStatus.ERROR;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing of the legacy builder's output as Docker 28.5 prints it (excerpts of real output); needs no engine. */
class ClassicProgressTest {

    @Test
    void stepsAreNumberedPerStageFromTheirFrom() {
        String log = """
                DEPRECATED: The legacy builder is deprecated and will be removed in a future release.
                Sending build context to Docker daemon  3.072kB
                Step 1/7 : ARG BASE=dockercache-busybox:latest
                Step 2/7 : FROM ${BASE} AS builder
                 ---> 6094ee685403
                Step 3/7 : COPY a.txt /a.txt
                 ---> Using cache
                 ---> 7f623c590675
                Step 4/7 : RUN cat /a.txt > /b.txt
                 ---> Running in 732068f7b75e
                 ---> Removed intermediate container 732068f7b75e
                 ---> 24d8ead82586
                Step 5/7 : FROM dockercache-busybox:latest
                 ---> 6094ee685403
                Step 6/7 : LABEL x=y
                 ---> Running in e94a823e1618
                 ---> Removed intermediate container e94a823e1618
                 ---> 71fd7194865e
                Step 7/7 : RUN cat /missing
                 ---> Running in 34f259cde42c
                cat: can't open '/missing': No such file or directory
                The command '/bin/sh -c cat /missing' returned a non-zero code: 1
                """;

        Map<String, EngineStatus> statuses =
                EngineStep.statuses(ClassicProgress.steps(log, List.of("builder", "stage-1")));

        Map<String, EngineStatus> expected = new LinkedHashMap<>();
        expected.put("builder:1", BASE);
        expected.put("builder:2", CACHED);
        expected.put("builder:3", BUILT);
        expected.put("stage-1:1", BASE);
        expected.put("stage-1:2", BUILT);
        expected.put("stage-1:3", ERROR);
        assertEquals(expected, statuses);
    }

    @Test
    void singleStageStepsAreNumbers() {
        String log = """
                Step 1/2 : FROM dockercache-busybox:latest
                 ---> 6094ee685403
                Step 2/2 : COPY a.txt /a.txt
                 ---> 2c6e3dd372da
                Successfully built 2c6e3dd372da
                """;

        assertEquals(
                List.of(
                        new EngineStep("1", BASE, "FROM dockercache-busybox:latest"),
                        new EngineStep("2", BUILT, "COPY a.txt /a.txt")),
                List.copyOf(ClassicProgress.steps(log, List.of("stage-0")).values()));
    }
}
