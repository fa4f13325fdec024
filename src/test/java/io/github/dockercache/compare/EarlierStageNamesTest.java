package io.github.dockercache.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.dockercache.model.Snapshot;
import io.github.dockercache.store.SnapshotStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Earlier versions keyed the name of the stage a COPY --from reads ({@code src[0].stage}); this one records it unkeyed,
 * as BuildKit keys the stage's content only. Against a baseline they recorded, the name is no cause: the README's demo
 * said "the source's stage was removed (was build)" beside "stage 'build' changed".
 */
class EarlierStageNamesTest {
    @TempDir
    Path dir;

    @Test
    void aStageNameAnEarlierVersionKeyedIsNoCause() throws Exception {
        Scenario app = new Scenario(dir)
                .file("App.java", "class App {}\n")
                .dockerfile(
                        "FROM busybox:1.36 AS build",
                        "COPY App.java /src/",
                        "FROM busybox:1.36",
                        "COPY --from=build /src /app");
        Snapshot earlier = keyedStageNames(app.snapshot());
        StepResult copy = Scenario.compare(
                        app.file("App.java", "class App { }\n").snapshot(), earlier)
                .steps()
                .stream()
                .filter(step -> step.text().startsWith("COPY --from"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                List.of(CauseKind.UPSTREAM_STAGE),
                copy.causes().stream().map(Cause::kind).toList(),
                copy::toString);
    }

    /** The snapshot as an earlier version wrote it: the stage names keyed. */
    private Snapshot keyedStageNames(Snapshot snapshot) throws Exception {
        String json = SnapshotStore.toJson(snapshot);
        String earlier = json.replace("\"unkeyed:src[0].stage\"", "\"src[0].stage\"");
        assertNotEquals(json, earlier);
        Path file = dir.resolve("earlier.json");
        Files.writeString(file, earlier);
        return SnapshotStore.read(file);
    }
}
