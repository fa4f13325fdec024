package io.github.dockercache.compare;

import static io.github.dockercache.compare.Verdict.CACHED;
import static io.github.dockercache.compare.Verdict.REBUILT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.model.AnalysisException;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The legacy builder's rules (cache-model §10) against BuildKit's, on real directory trees. */
class ClassicBuilderTest {
    @TempDir
    Path dir;

    private Scenario classic() {
        return new Scenario(dir).builder(Builder.CLASSIC);
    }

    /** The verdicts of a second snapshot taken after {@code change}, compared with one taken before it. */
    private static Map<String, Verdict> verdictsAfter(Scenario scenario, Consumer<Scenario> change) throws Exception {
        Snapshot before = scenario.snapshot();
        change.accept(scenario);
        return Scenario.verdicts(Scenario.compare(scenario.snapshot(), before));
    }

    @Test
    void everyInstructionIsAStepAndEveryStageUpToTheTargetIsBuilt() throws Exception {
        Scenario scenario = classic()
                .dockerfile(
                        "ARG VERSION=1",
                        "FROM busybox AS unused",
                        "RUN echo unused",
                        "FROM busybox AS app",
                        "ENV A=1",
                        "LABEL a=b",
                        "WORKDIR /",
                        "EXPOSE 80",
                        "FROM busybox AS after")
                .target("app");

        Snapshot snapshot = scenario.snapshot();

        assertEquals(
                List.of("unused:1", "unused:2", "app:1", "app:2", "app:3", "app:4", "app:5"),
                snapshot.steps().stream().map(s -> s.place().id()).toList());
        assertEquals(
                List.of("app:1"), // BuildKit: no metadata steps, no WORKDIR /, no unused stage
                scenario.builder(Builder.BUILDKIT).snapshot().steps().stream()
                        .map(s -> s.place().id())
                        .toList());
    }

    @Test
    void aLabelEditMissesFromTheLabelOn() throws Exception {
        Scenario scenario = classic()
                .file("a.txt", "a\n")
                .dockerfile("FROM busybox", "COPY a.txt /a.txt", "LABEL version=1", "RUN cat /a.txt");

        assertEquals(
                Map.of("1", CACHED, "2", CACHED, "3", REBUILT, "4", REBUILT),
                verdictsAfter(
                        scenario,
                        edited -> edited.dockerfile(
                                "FROM busybox", "COPY a.txt /a.txt", "LABEL version=2", "RUN cat /a.txt")));
    }

    @Test
    void theCopyHashIncludesTheSourcePath() throws Exception {
        Scenario scenario =
                classic().file("old/config.txt", "same\n").dockerfile("FROM busybox", "COPY old/config.txt /c");
        Snapshot before = scenario.snapshot();
        Snapshot buildKitBefore = scenario.builder(Builder.BUILDKIT).snapshot();
        Files.delete(dir.resolve("old/config.txt"));
        scenario.file("new/config.txt", "same\n").dockerfile("FROM busybox", "COPY new/config.txt /c");

        StepResult copy = Scenario.compare(scenario.builder(Builder.CLASSIC).snapshot(), before)
                .steps()
                .get(1);
        assertEquals(REBUILT, copy.verdict());
        assertEquals(
                List.of(CauseKind.FILE_RENAMED),
                copy.causes().stream().map(Cause::kind).toList());
        assertEquals(
                CACHED,
                Scenario.verdicts(Scenario.compare(
                                scenario.builder(Builder.BUILDKIT).snapshot(), buildKitBefore))
                        .get("2"));
    }

    @Test
    void aDirectoryModeChangeMissesForSure() throws Exception {
        Scenario scenario = classic()
                .file("src/a.txt", "a\n")
                .chmod("src", "rwxr-xr-x")
                .dockerfile("FROM busybox", "COPY src /src");

        // the whole context is sent every build: no warm-builder blind spot as in BuildKit
        assertEquals(
                REBUILT,
                verdictsAfter(scenario, changed -> changed.chmod("src", "rwx------"))
                        .get("2"));
    }

    @Test
    void aNewBuildArgValueMissesAtTheFirstRunNotAtTheArg() throws Exception {
        Scenario scenario = classic()
                .file("a.txt", "a\n")
                .dockerfile("FROM busybox", "ARG VERSION=1", "COPY a.txt /a.txt", "RUN echo build", "RUN echo more");
        Snapshot before = scenario.snapshot();
        Comparison comparison =
                Scenario.compare(scenario.buildArg("VERSION", "2").snapshot(), before);

        assertEquals(
                Map.of("1", CACHED, "2", CACHED, "3", CACHED, "4", REBUILT, "5", REBUILT),
                Scenario.verdicts(comparison));
        StepResult run = comparison.steps().get(3);
        assertEquals(
                CauseKind.BUILD_ARG,
                run.causes().get(0).kind(),
                () -> run.causes().toString());
    }

    @Test
    void excludeIsIgnoredWithAWarning() throws Exception {
        Scenario scenario = classic()
                .file("d/a.txt", "a\n")
                .file("d/b.log", "1\n")
                .dockerfile("FROM busybox", "COPY --exclude=*.log d /d");

        assertEquals(
                REBUILT,
                verdictsAfter(scenario, changed -> changed.file("d/b.log", "2\n"))
                        .get("2"));
        Snapshot after = scenario.snapshot();
        assertTrue(
                after.warnings().stream().anyMatch(w -> w.contains("--exclude") && w.contains("Dockerfile:2")),
                after.warnings()::toString);
    }

    @Test
    void buildKitOnlySyntaxIsALocatedError() {
        for (String instruction : List.of(
                "RUN --mount=type=cache,target=/root/.m2 mvn package",
                "RUN --network=none echo hi",
                "COPY --chmod=755 a.txt /a")) {
            Scenario scenario = classic().file("a.txt", "a\n").dockerfile("FROM busybox", instruction);
            AnalysisException error = assertThrows(AnalysisException.class, scenario::snapshot, instruction);
            assertTrue(
                    error.getMessage().startsWith("Dockerfile:2:")
                            && error.getMessage().contains("needs BuildKit"),
                    error::getMessage);
        }
        // without a # syntax= frontend BuildKit's parser already refuses it, with the legacy builder's own message
        Scenario parents = classic().file("a.txt", "a\n").dockerfile("FROM busybox", "COPY --parents a.txt /p/");
        assertTrue(assertThrows(AnalysisException.class, parents::snapshot)
                .getMessage()
                .startsWith("Dockerfile:2:1: unknown flag: --parents"));
        Scenario labs = classic()
                .file("a.txt", "a\n")
                .dockerfile("# syntax=docker/dockerfile:1-labs", "FROM busybox", "COPY --parents a.txt /p/");
        assertTrue(assertThrows(AnalysisException.class, labs::snapshot)
                .getMessage()
                .contains("needs BuildKit"));
        Scenario heredoc = classic().dockerfile("FROM busybox", "RUN <<EOF", "echo hi", "EOF");
        assertTrue(assertThrows(AnalysisException.class, heredoc::snapshot)
                .getMessage()
                .contains("ignores the body"));
    }

    @Test
    void aWildcardMatchingNothingFailsTheLegacyBuild() {
        Scenario scenario = classic().dockerfile("FROM busybox", "COPY *.txt /t/");
        AnalysisException error = assertThrows(AnalysisException.class, scenario::snapshot);
        assertTrue(error.getMessage().contains("no source files were specified"), error::getMessage);
    }

    @Test
    void builderSettingIsReadCaseInsensitivelyAndRejectsOthers() {
        assertEquals(Builder.CLASSIC, Builder.fromSetting(" Classic "));
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> Builder.fromSetting("kaniko"));
        assertEquals("'kaniko' is not a builder: use buildkit or classic", error.getMessage());
    }
}
