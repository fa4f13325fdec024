package io.github.dockercache.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.StabilityPolicy;
import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.model.AnalysisException;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.Secrets;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.report.Goal;
import io.github.dockercache.report.JsonReport;
import io.github.dockercache.report.TextReport;
import io.github.dockercache.store.BaselineHistory;
import io.github.dockercache.store.SnapshotFormatException;
import io.github.dockercache.store.SnapshotStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fuzzes reading a snapshot or baseline file and comparing a build with it: the only failure a damaged or
 * hand-edited file may cause is a {@link SnapshotFormatException} that names the file and says how to record
 * it again; whatever file is accepted must compare and report without error, and recording a new baseline over
 * it (the secrets check, then the history merge of {@code dockercache:baseline}) must write a file that reads back
 * as the same baseline.
 *
 * <p>The input is the file's bytes; the build compared with it is the demo project's. {@code ./mvnw test}
 * replays the seeds in {@code src/test/resources/io/github/dockercache/fuzz/SnapshotFuzzTestInputs/readAndCompare/}: snapshots and a
 * baseline with history written by the plugin for the demo and for differential scenarios, and every crash found
 * so far. To fuzz: {@code scripts/fuzz.sh SnapshotFuzzTest#readAndCompare [seconds]}.
 */
class SnapshotFuzzTest {
    /** The demo project, read only: the comparison may read context files to explain a change. */
    private static final Path CONTEXT = Path.of("demo");

    private static final Snapshot CURRENT = snapshot(CONTEXT);
    private static final Path FILE = FuzzInput.temporaryFile("dockercache-fuzz-baseline", ".json");
    private static final Path RECORDED = FuzzInput.temporaryFile("dockercache-fuzz-recorded", ".json");

    @FuzzTest(maxDuration = "10m")
    @DictionaryEntries({
        "\"format\"",
        "\"dockercache-snapshot\"",
        "\"version\"",
        "\"dockerfile\"",
        "\"target\"",
        "\"buildArgs\"",
        "\"steps\"",
        "\"files\"",
        "\"warnings\"",
        "\"history\"",
        "\"id\"",
        "\"stage\"",
        "\"stageIndex\"",
        "\"number\"",
        "\"line\"",
        "\"instruction\"",
        "\"text\"",
        "\"key\"",
        "\"optimisticKey\"",
        "\"parentId\"",
        "\"parentKey\"",
        "\"unknownReason\"",
        "\"inputs\"",
        "\"origins\"",
        "\"sources\"",
        "\"fromStage\"",
        "\"marker\"",
        "\"type\"",
        "\"mode\"",
        "\"size\"",
        "\"content\"",
        "\"digest\"",
        "\"parts\"",
        "\"recordedAt\"",
        "\"commit\"",
        "\"keys\"",
        "\"optimisticKeys\"",
        "\"sha256:",
        "\"../",
        "\"/etc/passwd\"",
        "null",
        "-1"
    })
    void readAndCompare(byte[] input) throws IOException {
        Files.write(FILE, input);
        Snapshot baseline;
        try {
            baseline = SnapshotStore.read(FILE);
        } catch (SnapshotFormatException e) {
            String message = e.getMessage();
            assertTrue(message.equals("cannot use " + FILE + ": " + e.reason() + "."), message);
            assertTrue(message.lines().count() == 1, () -> "more than one line: " + message);
            return;
        }
        Comparison comparison = Comparison.compare(CURRENT, baseline, StabilityPolicy.defaults(), CONTEXT);
        TextReport.explain(comparison);
        JsonReport.of(Goal.EXPLAIN, comparison, FILE.getFileName().toString(), false);
        Secrets.recoverableIn(baseline, CURRENT);
        Snapshot merged = BaselineHistory.merge(
                CURRENT, baseline, "2025-01-02T03:04:05Z", "0123abc", BaselineHistory.DEFAULT_SIZE);
        assertTrue(merged.history().size() <= BaselineHistory.DEFAULT_SIZE, "history longer than its size");
        SnapshotStore.write(RECORDED, merged);
        try {
            // as written: a baseline keeps short digests of context entries (docs/snapshot-format.md)
            assertEquals(
                    SnapshotStore.toJson(merged),
                    SnapshotStore.toJson(SnapshotStore.read(RECORDED)),
                    "the recorded baseline reads back otherwise");
        } catch (SnapshotFormatException e) {
            throw new AssertionError("the plugin wrote a baseline it cannot read: " + e.getMessage(), e);
        }
    }

    private static Snapshot snapshot(Path context) {
        try {
            return CacheModel.snapshot(new BuildSettings(
                    context, context.resolve("Dockerfile"), Map.of(), null, ClientPlatform.LINUX, null));
        } catch (AnalysisException e) {
            throw new IllegalStateException(e);
        }
    }
}
