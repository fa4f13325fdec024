package io.github.dockercache.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dockercache.compare.StabilityPolicy;
import io.github.dockercache.compare.Verdict;
import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.model.BuildSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {
    private static final String UNTRACKED_JAR =
            "reads target/app.jar, which git does not track: history cannot know its content at each commit";

    @TempDir
    Path directory;

    private ImageHistory replay(String range, int count) throws Exception {
        BuildSettings settings = new BuildSettings(
                directory, directory.resolve("Dockerfile"), Map.of(), null, ClientPlatform.LINUX, null);
        return Replay.of(settings, StabilityPolicy.defaults(), range, count);
    }

    /** Each commit's verdicts, one letter per step: c cached, r rebuilt, u unknown; or its problem. */
    private static List<String> verdicts(ImageHistory history) {
        return history.commits().stream()
                .map(c -> c.commit().subject() + ": "
                        + (c.problem() != null
                                ? c.problem()
                                : c.steps().stream()
                                        .map(s -> s.verdict()
                                                .name()
                                                .substring(0, 1)
                                                .toLowerCase())
                                        .collect(Collectors.joining())))
                .toList();
    }

    @Test
    void namesExactlyTheCommitsThatBustAStableLayerWithTheirCauses() throws Exception {
        HistoryRepository.build(directory);
        ImageHistory history = replay(null, 50);
        List<String> busting = history.commits().stream()
                .filter(c -> c.firstStableRebuilt().isPresent())
                .map(c -> c.commit().subject() + ": step "
                        + c.firstStableRebuilt().get().stepId() + ", "
                        + c.firstStableRebuilt().get().cause().detail())
                .toList();
        assertEquals(
                List.of(
                        "Add a dependency: step 3, pom.xml content changed (48 -> 63 bytes)",
                        "Make pom.xml executable: step 3, pom.xml mode bits changed 0644 -> 0755",
                        "Bump busybox to 1.37: step 1, the base image changed: docker.io/library/busybox:1.36 ->"
                                + " docker.io/library/busybox:1.37"),
                busting);
        assertEquals("HEAD~7..HEAD", history.range());
    }

    @Test
    void theRevertIsAHitAndStepsReadingUntrackedFilesAreUnknown() throws Exception {
        HistoryRepository.build(directory);
        ImageHistory history = replay(null, 50);
        assertEquals(
                List.of(
                        "Initial import: nothing earlier to compare with: the first commit",
                        "Edit the source: ccccrrr",
                        "Add a dependency: ccrrrrr",
                        "Make pom.xml executable: ccrrrrr",
                        "Document the build: ccccccu",
                        "Bump busybox to 1.37: rrrrrrr",
                        "Revert \"Bump busybox to 1.37\": ccccccu"),
                verdicts(history));
        StepOutcome jar = history.commits().get(6).steps().get(6);
        assertEquals(UNTRACKED_JAR, jar.unknownReason());
        assertEquals(
                "the build context holds files git does not track (target/): steps that read them are unknown",
                history.untrackedNote());
    }

    @Test
    void hashesEachFileContentOnceAndLeavesTheCheckoutAlone() throws Exception {
        HistoryRepository repository = HistoryRepository.build(directory);
        repository.write("src/Main.java", "class Main { /* not committed */ }\n");
        byte[] index = Files.readAllBytes(directory.resolve(".git/index"));
        String status = repository.git().status().call().getModified().toString();
        ImageHistory history = replay(null, 50);
        // .gitignore, 2 Dockerfiles, 3 pom.xml (the chmod changes its header), 2 Main.java, 2 README.md, target/app.jar
        assertEquals(11, history.filesHashed());
        assertArrayEquals(index, Files.readAllBytes(directory.resolve(".git/index")));
        assertEquals(status, repository.git().status().call().getModified().toString());
        assertEquals("class Main { /* not committed */ }\n", Files.readString(directory.resolve("src/Main.java")));
    }

    @Test
    void aRangeReplaysItsCommitsAgainstTheOneBefore() throws Exception {
        HistoryRepository.build(directory);
        ImageHistory history = replay("HEAD~2..HEAD", 0);
        assertEquals(
                List.of("Bump busybox to 1.37: rrrrrrr", "Revert \"Bump busybox to 1.37\": ccccccu"),
                verdicts(history));
        assertEquals(Verdict.REBUILT, history.commits().get(0).steps().get(0).verdict());
        assertNull(history.commits().get(1).firstStableRebuilt().orElse(null));
    }

    @Test
    void refusesWhatGitCannotAnswer() throws Exception {
        HistoryRepository.build(directory);
        assertEquals(
                "git knows no commit 'nosuch'; check the range",
                assertThrows(HistoryException.class, () -> replay("nosuch..HEAD", 0))
                        .getMessage());
        assertEquals(
                "the range 'HEAD' is not of the form FROM..TO (such as origin/main..HEAD); give a range or a number"
                        + " of commits",
                assertThrows(HistoryException.class, () -> replay("HEAD", 0)).getMessage());
        Path elsewhere = Files.createTempDirectory("no-git");
        try {
            BuildSettings settings = new BuildSettings(
                    elsewhere, elsewhere.resolve("Dockerfile"), Map.of(), null, ClientPlatform.LINUX, null);
            String message = assertThrows(
                            HistoryException.class, () -> Replay.of(settings, StabilityPolicy.defaults(), null, 5))
                    .getMessage();
            assertEquals(
                    "no git repository at or above " + elsewhere + ": history replays the commits of the repository"
                            + " that holds the build context",
                    message);
        } finally {
            Files.delete(elsewhere);
        }
    }
}
