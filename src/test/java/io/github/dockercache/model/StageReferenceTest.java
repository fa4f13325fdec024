package io.github.dockercache.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.testing.PlainTree;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How steps refer to stages. BuildKit keys what a step reads from a stage by the stage's content, never its name
 * (differential scenario {@code copy-from-stage-renamed}); it finds the stage of a FROM or a mount's {@code from=} by
 * name only, where {@code COPY --from} also takes an index ({@code run-mount-from-index}).
 */
class StageReferenceTest {
    @TempDir
    Path dir;

    private Snapshot snapshot(String name, String... dockerfile) throws Exception {
        return new PlainTree(dir.resolve(name)).dockerfile(dockerfile).snapshot(Map.of(), null);
    }

    private static List<String> keys(Snapshot snapshot) {
        return snapshot.steps().stream().map(step -> step.keys().key()).toList();
    }

    @Test
    void renamingAStageKeepsEveryKey() throws Exception {
        String[] dockerfile = {
            "FROM busybox AS src",
            "RUN mkdir /m && echo s > /m/s",
            "FROM src AS child",
            "RUN echo c > /c",
            "FROM busybox AS app",
            "COPY --from=src /m/s /f",
            "RUN --mount=type=bind,from=src,source=/m,target=/n cat /n/s > /r",
            "COPY --from=child /c /c"
        };
        Snapshot before = snapshot("before", dockerfile);
        Snapshot after = snapshot(
                "after",
                List.of(dockerfile).stream()
                        .map(line -> line.replace("AS src", "AS renamed")
                                .replace("FROM src", "FROM renamed")
                                .replace("from=src", "from=renamed"))
                        .toArray(String[]::new));
        assertEquals(keys(before), keys(after));
    }

    @Test
    void aMountFromANumberIsAnImage() throws Exception {
        Snapshot snapshot = snapshot(
                "mount",
                "FROM busybox AS src",
                "RUN echo s > /s",
                "FROM busybox",
                "RUN --mount=type=bind,from=0,target=/n cat /n/s > /r");
        assertEquals(
                List.of("stage-1"),
                snapshot.steps().stream()
                        .map(step -> step.place().stage())
                        .distinct()
                        .toList(),
                "the first stage is not built");
        StepSnapshot run = snapshot.steps().get(snapshot.steps().size() - 1);
        assertEquals("docker.io/library/0:latest", run.reads().inputs().get("mount[0].image"));
        assertTrue(
                snapshot.warnings().stream()
                        .anyMatch(w -> w.contains(
                                "RUN --mount from=0 names the image 0, not stage 'src': BuildKit finds a mount's from="
                                        + " by stage name only")),
                snapshot.warnings()::toString);
    }

    @Test
    void aFromOfANumberIsAnImageAndACopyFromANumberAStage() throws Exception {
        Snapshot snapshot = snapshot("from", "FROM busybox AS src", "RUN echo s > /s", "FROM 0", "COPY --from=0 /s /s");
        StepSnapshot from = snapshot.steps().stream()
                .filter(step -> step.place().instruction().equals("FROM")
                        && step.place().stage().equals("stage-1"))
                .findFirst()
                .orElseThrow();
        assertEquals("docker.io/library/0:latest", from.reads().inputs().get("image"));
        assertFalse(snapshot.steps().stream()
                .filter(step -> step.place().instruction().equals("COPY"))
                .findFirst()
                .orElseThrow()
                .reads()
                .inputs()
                .containsKey("src[0].image"));
    }
}
