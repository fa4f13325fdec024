package io.github.dockercache.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine and its progress parsing work at all: a fresh build is BUILT, the same build again CACHED. */
class EngineSmokeTest {

    @Test
    void rebuildOfUnchangedContextIsCached(@TempDir Path context) throws IOException {
        Engine engine = Engine.forTests();
        Path dockerfile = Files.writeString(context.resolve("Dockerfile"), """
                FROM dockercache-busybox:latest
                COPY a.txt /a.txt
                RUN cat /a.txt > /b.txt
                """);
        Files.writeString(context.resolve("a.txt"), "a\n");
        EngineBuild first;
        EngineBuild second;
        try (Engine.Exclusive held = engine.exclusive()) {
            engine.prune();
            first = engine.build(context, dockerfile, Map.of(), null);
            second = engine.build(context, dockerfile, Map.of(), null);
        }

        assertTrue(first.succeeded(), first::logTail);
        assertEquals(
                Map.of("1", EngineStatus.BASE, "2", EngineStatus.BUILT, "3", EngineStatus.BUILT), first.statuses());
        assertTrue(second.succeeded(), second::logTail);
        assertEquals(
                Map.of("1", EngineStatus.BASE, "2", EngineStatus.CACHED, "3", EngineStatus.CACHED), second.statuses());
    }

    @Test
    void multiStageStepsAreNamedByStage(@TempDir Path context) throws IOException {
        Engine engine = Engine.forTests();
        Path dockerfile = Files.writeString(context.resolve("Dockerfile"), """
                FROM dockercache-busybox:latest AS Builder
                RUN echo built > /out.txt
                FROM scratch
                COPY --from=builder /out.txt /out.txt
                """);

        EngineBuild build = engine.build(context, dockerfile, Map.of(), null);

        assertTrue(build.succeeded(), build::logTail);
        assertEquals(
                List.of("builder:1", "builder:2", "stage-1:1"),
                List.copyOf(build.steps().keySet()));
    }
}
