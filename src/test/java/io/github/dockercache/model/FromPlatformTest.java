package io.github.dockercache.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.StepResult;
import io.github.dockercache.compare.Verdict;
import io.github.dockercache.testing.PlainTree;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A FROM's {@code --platform}: the frontend gives every op of a stage its platform, the target platform when none is
 * written, so {@code $TARGETPLATFORM} is the same key as none; whether another value is that platform depends on the
 * builder and the build's {@code --platform}, which the plugin does not see: unknown, never cached (differential
 * scenario {@code from-platform-written}, where both engines on linux/amd64 reuse every step).
 */
class FromPlatformTest {
    @TempDir
    Path dir;

    private Snapshot snapshot(String name, String platform) throws Exception {
        return new PlainTree(dir.resolve(name))
                .dockerfile(
                        "FROM " + (platform.isEmpty() ? "" : "--platform=" + platform + " ") + "busybox", "RUN echo")
                .snapshot(Map.of(), null);
    }

    @ParameterizedTest
    @CsvSource({
        "'',                   '',                   CACHED",
        "'',                   $TARGETPLATFORM,      CACHED",
        "'',                   ${TARGETPLATFORM},    CACHED",
        "$BUILDPLATFORM,       $BUILDPLATFORM,       CACHED",
        "linux/amd64,          linux/amd64,          CACHED",
        "'',                   linux/amd64,          UNKNOWN",
        "linux/amd64,          '',                   UNKNOWN",
        "'',                   linux/arm64,          UNKNOWN",
        "'',                   $BUILDPLATFORM,       UNKNOWN",
        "linux/amd64,          $BUILDPLATFORM,       UNKNOWN",
        "$TARGETPLATFORM,      linux/s390x,          UNKNOWN"
    })
    void platformWritten(String before, String after, Verdict verdict) throws Exception {
        List<StepResult> steps = Comparison.compare(snapshot("after", after), snapshot("before", before))
                .steps();
        for (StepResult step : steps) {
            assertEquals(verdict, step.verdict(), step::toString);
        }
        if (verdict == Verdict.UNKNOWN) {
            String platform = after.isEmpty() ? before : after;
            assertTrue(
                    steps.get(0).unknownReason().contains("FROM --platform=" + platform + " is the one a FROM without"),
                    steps.get(0)::unknownReason);
        }
    }

    /**
     * Another stage FROM the same image without {@code --platform}: the edited FROM then matches that stage's FROM in
     * the baseline, and the steps after it must still be unknown for the platform, not rebuilt (generated pair
     * {@code from-5-8}, played in a batch of many stages: both engines reuse every step).
     */
    @Test
    void stepsAfterThePlatformStayUnknownWhenTheFromMatchesAnotherStage() throws Exception {
        Snapshot before = twoStages("before", "--platform=linux/amd64 ");
        Snapshot after = twoStages("after", "");
        List<StepResult> steps = Comparison.compare(after, before).steps();
        for (StepResult step : steps) {
            assertNotEquals(Verdict.REBUILT, step.verdict(), step::toString);
        }
        StepResult run = steps.stream()
                .filter(step -> step.text().equals("COPY a.txt /a.txt"))
                .findFirst()
                .orElseThrow();
        assertEquals(Verdict.UNKNOWN, run.verdict(), run::toString);
        assertTrue(
                run.unknownReason().contains("FROM --platform=linux/amd64 is the one a FROM without"),
                run::unknownReason);
    }

    private Snapshot twoStages(String name, String platform) throws Exception {
        return new PlainTree(dir.resolve(name))
                .file("a.txt", "a")
                .dockerfile(
                        "FROM busybox AS b",
                        "COPY a.txt /b.txt",
                        "FROM " + platform + "busybox AS a",
                        "COPY a.txt /a.txt",
                        "FROM b",
                        "COPY --from=a /a.txt /a")
                .snapshot(Map.of(), null);
    }
}
