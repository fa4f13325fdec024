package io.github.dockercache.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.model.Builder;
import io.github.dockercache.model.Snapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change that cannot tell offline (the umask bits; on BuildKit a directory's mode) gets one treatment in every step:
 * alone it leaves the step unknown, and beside a change that rebuilds the step, or after a rebuilt parent, it is listed
 * but never fails the step (differential chmod-umask-bits-chain, chmod-umask-bits-beside-edit).
 */
class NeverFailingCausesTest {
    private static final String UMASK_REASON = ComparisonTest.UMASK_REASON;
    private static final String UMASK_BITS =
            " (expected: only the group/other write bits, which the umask at checkout sets)";

    @TempDir
    Path dir;

    /** pom.xml read by a dependency step, src by a build step, everything by a last COPY; one stage copies on. */
    private Scenario chain() {
        return new Scenario(dir)
                .dockerfile(
                        "FROM busybox:1.36 AS build",
                        "WORKDIR /w",
                        "COPY pom.xml ./",
                        "RUN cat pom.xml > /deps",
                        "COPY src ./src",
                        "RUN ls -lR src > /listing",
                        "COPY . /all",
                        "",
                        "FROM busybox:1.36",
                        "COPY --from=build /listing /listing")
                .file("pom.xml", "<project/>\n")
                .file("src/main/App.java", "class App {}\n")
                .chmod("src", "rwxr-xr-x")
                .chmod("src/main", "rwxr-xr-x")
                .chmod("pom.xml", "rw-r--r--")
                .chmod("src/main/App.java", "rw-r--r--");
    }

    private static List<String> described(StepResult step) {
        return step.causes().stream()
                .map(c ->
                        c.kind() + " " + c.detail() + (c.expected() ? " (expected: " + c.expectedBecause() + ")" : ""))
                .toList();
    }

    private static List<String> failing(Comparison comparison) {
        return FailOn.ANY.violations(comparison.steps()).stream()
                .map(StepResult::stepId)
                .toList();
    }

    @Test
    void theUmaskBitsOfAFileAreUnknownAloneAndNeverFailAfterARebuiltParent() throws Exception {
        Scenario app = chain();
        Snapshot before = app.snapshot();
        app.chmod("src/main/App.java", "rw-rw-r--");
        Comparison alone = Scenario.compare(app.snapshot(), before);
        StepResult copy = Scenario.step(alone, "build:5");
        assertEquals(Verdict.UNKNOWN, copy.verdict());
        assertEquals(UMASK_REASON, copy.unknownReason());
        List<String> umask = List.of("UMASK_MODE src/main/App.java mode bits changed 0644 -> 0664" + UMASK_BITS);
        assertEquals(umask, described(copy));
        assertEquals(umask, described(Scenario.step(alone, "build:7")));
        assertEquals(Verdict.UNKNOWN, Scenario.step(alone, "build:7").verdict());
        assertEquals(UMASK_REASON, Scenario.step(alone, "build:7").unknownReason());

        // a manifest edit, expected, rebuilds the chain from build:3: the same bits ride along and fail nothing
        app.file("pom.xml", "<project><dependencies/></project>\n");
        Comparison afterEdit = Scenario.compare(app.snapshot(), before);
        StepResult copyAfterEdit = Scenario.step(afterEdit, "build:5");
        assertEquals(Verdict.REBUILT, copyAfterEdit.verdict());
        assertEquals("build:3", copyAfterEdit.rootStepId());
        assertEquals(
                List.of(
                        "UPSTREAM_STEP builds on step build:4, which is rebuilt (expected: it builds on an expected"
                                + " change)",
                        umask.get(0)),
                described(copyAfterEdit));
        assertEquals(
                List.of(
                        "UPSTREAM_STEP builds on step build:6, which is rebuilt (expected: it builds on an expected"
                                + " change)",
                        "FILE_CONTENT pom.xml content changed (11 -> 35 bytes) (expected: a dependency manifest)",
                        umask.get(0)),
                described(Scenario.step(afterEdit, "build:7")));
        assertEquals(List.of(), failing(afterEdit));
    }

    @Test
    void theUmaskBitsBesideAnExpectedEditInOneStepDoNotFailIt() throws Exception {
        Scenario app = chain();
        Snapshot before = app.snapshot();
        app.file("pom.xml", "<project><dependencies/></project>\n").chmod("pom.xml", "rw-rw-r--");
        Comparison comparison = Scenario.compare(app.snapshot(), before);
        StepResult copy = Scenario.step(comparison, "build:3");
        assertEquals(Verdict.REBUILT, copy.verdict(), "the edit rebuilds it, whatever the bits");
        assertEquals(
                List.of(
                        "FILE_CONTENT pom.xml content changed (11 -> 35 bytes) (expected: a dependency manifest)",
                        "UMASK_MODE pom.xml mode bits changed 0644 -> 0664" + UMASK_BITS),
                described(copy));
        assertEquals(List.of(), failing(comparison));

        app.chmod("pom.xml", "rwxrwxr-x"); // the executable bit is a change of its own: it fails
        assertEquals(
                List.of("build:3", "build:4", "build:5", "build:6", "build:7"),
                failing(Scenario.compare(app.snapshot(), before)));
    }

    @Test
    void theUmaskBitsBesideASourceEditAreListedAndTheEditFails() throws Exception {
        Scenario app = chain();
        Snapshot before = app.snapshot();
        app.chmod("src/main", "rwxrwxr-x").file("src/main/App.java", "class App { int edited; }\n");
        Comparison comparison = Scenario.compare(app.snapshot(), before);
        StepResult copy = Scenario.step(comparison, "build:5");
        assertEquals(Verdict.REBUILT, copy.verdict());
        assertEquals(
                List.of(
                        "UMASK_MODE src/main mode bits changed 0755 -> 0775" + UMASK_BITS,
                        "FILE_CONTENT src/main/App.java content changed (13 -> 26 bytes)"),
                described(copy));
        assertEquals(List.of("build:5", "build:6", "build:7"), failing(comparison));
    }

    @Test
    void aDirectoryModeBesideAnExpectedEditFailsOnlyWhereTheBuilderHashesIt() throws Exception {
        Map<Builder, List<String>> failing =
                Map.of(Builder.BUILDKIT, List.of(), Builder.CLASSIC, List.of("build:5", "build:6", "build:7"));
        for (Builder builder : List.of(Builder.BUILDKIT, Builder.CLASSIC)) {
            Scenario app = chain().builder(builder);
            Snapshot before = app.snapshot();
            app.file("pom.xml", "<project><dependencies/></project>\n").chmod("src/main", "rwx------");
            Comparison comparison = Scenario.compare(app.snapshot(), before);
            StepResult copy = Scenario.step(comparison, "build:5");
            assertEquals(Verdict.REBUILT, copy.verdict());
            assertTrue(
                    described(copy)
                            .contains("DIRECTORY_MODE src/main mode bits changed 0755 -> 0700"
                                    + (builder == Builder.CLASSIC
                                            ? ""
                                            : " (expected: metadata that a warm builder does not re-hash)")),
                    () -> builder + ": " + described(copy));
            assertEquals(failing.get(builder), failing(comparison), builder::toString);
        }
    }
}
