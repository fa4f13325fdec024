package io.github.dockercache.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.StepResult;
import io.github.dockercache.compare.Verdict;
import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineHistoryTest {
    @TempDir
    Path dir;

    @BeforeEach
    void context() throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM busybox:1.36\nCOPY app.txt /app.txt\nRUN cat /app.txt\n");
        Files.writeString(dir.resolve("app.txt"), "version A");
    }

    private Snapshot snapshot() throws Exception {
        return CacheModel.snapshot(
                new BuildSettings(dir, dir.resolve("Dockerfile"), Map.of(), null, ClientPlatform.LINUX, null));
    }

    @Test
    void aRevertedChangeHitsAnEarlierBuild() throws Exception {
        Snapshot a = snapshot();
        Snapshot baseline = BaselineHistory.merge(a, null, "2026-11-20T10:00:00Z", "aaaaaaaaaaaa", 10);
        Files.writeString(dir.resolve("app.txt"), "version B");
        baseline = BaselineHistory.merge(snapshot(), baseline, "2026-11-21T10:00:00Z", "bbbbbbbbbbbb", 10);
        assertEquals(2, baseline.history().size());

        Files.writeString(dir.resolve("app.txt"), "version A");
        Comparison comparison = Comparison.compare(snapshot(), baseline);
        assertTrue(comparison.steps().stream().allMatch(s -> s.verdict() == Verdict.CACHED));
        StepResult copy = comparison.steps().get(1);
        assertEquals("aaaaaaaaaaaa", copy.matchedBuild().commit());
        assertEquals(
                "2026-11-20 10:00 UTC, commit aaaaaaaaaaaa", copy.matchedBuild().describe());
    }

    @Test
    void historyKeepsTheNewestBuildsUpToItsSize() throws Exception {
        Snapshot baseline = null;
        for (int i = 0; i < 5; i++) {
            Files.writeString(dir.resolve("app.txt"), "version " + i);
            baseline = BaselineHistory.merge(snapshot(), baseline, "2026-11-2" + i + "T00:00:00Z", null, 3);
        }
        assertEquals(3, baseline.history().size());
        assertEquals("2026-11-24T00:00:00Z", baseline.history().get(0).recordedAt());
        assertEquals("2026-11-22T00:00:00Z", baseline.history().get(2).recordedAt());
    }

    @Test
    void recordingTheSameBuildTwiceKeepsOneEntry() throws Exception {
        Snapshot baseline = BaselineHistory.merge(snapshot(), null, "2026-11-20T00:00:00Z", null, 10);
        baseline = BaselineHistory.merge(snapshot(), baseline, "2026-11-21T00:00:00Z", null, 10);
        assertEquals(1, baseline.history().size());
    }

    @Test
    void historySurvivesTheFile() throws Exception {
        Snapshot baseline = BaselineHistory.merge(snapshot(), null, "2026-11-20T00:00:00Z", "cccccccccccc", 10);
        Path file = dir.resolve("out/baseline.json");
        SnapshotStore.write(file, baseline);
        assertEquals(baseline.history(), SnapshotStore.read(file).history());
    }

    @Test
    void commitComesFromTheCiOrFromGit() throws Exception {
        String sha = "0123456789abcdef0123456789abcdef01234567";
        assertEquals(
                "0123456789ab",
                Provenance.commit(dir, Map.of("GITHUB_SHA", sha)).orElseThrow());
        Path git = Files.createDirectories(dir.resolve(".git/refs/heads"));
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(git.resolve("main"), sha + "\n");
        assertEquals(
                "0123456789ab",
                Provenance.commit(dir.resolve("sub/dir"), Map.of()).orElseThrow());
        Files.delete(git.resolve("main"));
        Files.writeString(dir.resolve(".git/packed-refs"), "# pack-refs\n" + sha + " refs/heads/main\n");
        assertEquals("0123456789ab", Provenance.commit(dir, Map.of()).orElseThrow());
    }
}
