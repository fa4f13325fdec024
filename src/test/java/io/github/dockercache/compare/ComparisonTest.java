package io.github.dockercache.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.model.Analysis;
import io.github.dockercache.model.AnalysisException;
import io.github.dockercache.model.BaseImage;
import io.github.dockercache.model.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Verdicts and causes on real directory trees, for the rules of cache-model §1 to §7. */
class ComparisonTest {
    @TempDir
    Path dir;

    @Test
    void checkErrorTrueIsAWarningThatTheBuildFailsAndABadBuildArgumentIsRejected() throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile("FROM scratch as base", "COPY a /a")
                .file("a", "a\n");
        assertEquals(
                List.of(),
                app.snapshot().warnings().stream()
                        .filter(w -> w.contains("fails"))
                        .toList());
        app.buildArg("BUILDKIT_DOCKERFILE_CHECK", "error=true");
        assertEquals(
                List.of(
                        "Dockerfile:1:1: FromAsCasing: 'as' and 'FROM' keywords' casing do not match",
                        "BuildKit fails this build before any step: lint violation found for rules: FromAsCasing (error=true in"
                                + " the check options); fix those warnings or skip their rules"),
                app.snapshot().warnings());
        app.buildArg("BUILDKIT_DOCKERFILE_CHECK", "skip=FromAsCasing;error=true");
        assertEquals(List.of(), app.snapshot().warnings());
        app.buildArg("BUILDKIT_DOCKERFILE_CHECK", "eror=true");
        AnalysisException e = assertThrows(AnalysisException.class, app::snapshot);
        assertEquals(
                "failed to parse build-arg:BUILDKIT_DOCKERFILE_CHECK: invalid check option \"eror\"; fix the"
                        + " BUILDKIT_DOCKERFILE_CHECK build argument (e.g. skip=JSONArgsRecommended;error=true)",
                e.getMessage());
    }

    @Test
    void stepIdsFollowBuildKitsCounting() throws Exception {
        Snapshot snapshot = Scenario.javaApp(dir).snapshot();
        assertEquals(
                List.of(
                        "build:1",
                        "build:2",
                        "build:3",
                        "build:4",
                        "build:5",
                        "build:6",
                        "stage-1:1",
                        "stage-1:2",
                        "stage-1:3"),
                snapshot.steps().stream().map(s -> s.place().id()).toList());
    }

    @Test
    void nothingChangedIsAllCached() throws Exception {
        Scenario app = Scenario.javaApp(dir);
        Comparison comparison = Scenario.compare(app.snapshot(), app.snapshot());
        assertTrue(comparison.steps().stream().allMatch(s -> s.verdict() == Verdict.CACHED));
    }

    @Test
    void mtimeIsNeverHashed() throws Exception {
        Scenario app = Scenario.javaApp(dir);
        Snapshot before = app.snapshot();
        Files.setLastModifiedTime(dir.resolve("pom.xml"), FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
        assertTrue(
                Scenario.compare(app.snapshot(), before).steps().stream().allMatch(s -> s.verdict() == Verdict.CACHED));
    }

    @Test
    void sourceEditKeepsTheDependencyLayerCached() throws Exception {
        Scenario app = Scenario.javaApp(dir);
        Snapshot before = app.snapshot();
        app.file("src/main/java/App.java", "class App { int x; }\n");
        Comparison comparison = Scenario.compare(app.snapshot(), before);
        Map<String, Verdict> verdicts = Scenario.verdicts(comparison);
        assertEquals(Verdict.CACHED, verdicts.get("build:4"));
        assertEquals(Verdict.REBUILT, verdicts.get("build:5"));
        assertEquals(Verdict.REBUILT, verdicts.get("build:6"));
        assertEquals(Verdict.CACHED, verdicts.get("stage-1:2"));
        assertEquals(Verdict.UNKNOWN, verdicts.get("stage-1:3"), "COPY --from a rebuilt stage depends on its output");
        assertNotNull(Scenario.step(comparison, "stage-1:3").unknownReason());
        Cause cause = Scenario.step(comparison, "build:5").causes().get(0);
        assertEquals(CauseKind.FILE_CONTENT, cause.kind());
        assertEquals("src/main/java/App.java", cause.subject());
        assertTrue(FailOn.STABLE.violations(comparison.steps()).isEmpty());
    }

    @Test
    void manifestEditIsExpected() throws Exception {
        Scenario app = Scenario.javaApp(dir);
        Snapshot before = app.snapshot();
        app.file("pom.xml", "<project><!-- new dependency --></project>\n");
        Comparison comparison = Scenario.compare(app.snapshot(), before);
        StepResult copy = Scenario.step(comparison, "build:3");
        assertEquals(Verdict.REBUILT, copy.verdict());
        assertTrue(copy.stable() && copy.expected());
        StepResult run = Scenario.step(comparison, "build:4");
        assertTrue(run.stable() && run.expected() && run.rootStepId().equals("build:3"));
        assertTrue(FailOn.STABLE.violations(comparison.steps()).isEmpty());
        assertTrue(
                FailOn.ANY.violations(comparison.steps()).isEmpty(),
                "everything after goes back to the expected change");
    }

    @Test
    void chmodOfACopiedFileFailsWithTheModeBits() throws Exception {
        Scenario app = Scenario.javaApp(dir);
        Snapshot before = app.snapshot();
        app.chmod("pom.xml", "rwxr-xr-x");
        Comparison comparison = Scenario.compare(app.snapshot(), before);
        Cause cause = Scenario.step(comparison, "build:3").causes().get(0);
        assertEquals(CauseKind.FILE_MODE, cause.kind());
        assertEquals("0644", cause.before());
        assertEquals("0755", cause.after());
        assertFalse(cause.expected());
        assertEquals(
                List.of("build:3", "build:4"),
                FailOn.STABLE.violations(comparison.steps()).stream()
                        .map(StepResult::stepId)
                        .toList());
    }

    @Test
    void ignoredFilesDoNotCount() throws Exception {
        Scenario app = Scenario.javaApp(dir).file("target/app.jar", "v1");
        Snapshot before = app.snapshot();
        app.file("target/app.jar", "v2");
        assertTrue(
                Scenario.compare(app.snapshot(), before).steps().stream().allMatch(s -> s.verdict() == Verdict.CACHED));
    }

    @Test
    void buildArgRebuildsFromTheFirstRunAfterItsDeclaration() throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile(
                        "FROM busybox:1.36",
                        "RUN echo early",
                        "ARG VERSION=1",
                        "COPY a.txt /a.txt",
                        "RUN echo $VERSION",
                        "WORKDIR /app")
                .file("a.txt", "a");
        Snapshot before = app.snapshot();
        assertEquals(
                Map.of(
                        "1",
                        Verdict.CACHED,
                        "2",
                        Verdict.CACHED,
                        "3",
                        Verdict.CACHED,
                        "4",
                        Verdict.CACHED,
                        "5",
                        Verdict.CACHED),
                Scenario.verdicts(Scenario.compare(app.buildArg("VERSION", "1").snapshot(), before)));
        Comparison changed = Scenario.compare(app.buildArg("VERSION", "2").snapshot(), before);
        assertEquals(
                List.of(Verdict.CACHED, Verdict.CACHED, Verdict.CACHED, Verdict.REBUILT, Verdict.REBUILT),
                List.copyOf(Scenario.verdicts(changed).values()));
        Cause cause = Scenario.step(changed, "4").causes().get(0);
        assertEquals(CauseKind.BUILD_ARG, cause.kind());
        assertEquals("VERSION", cause.subject());
        assertEquals("1", cause.before());
        assertEquals("2", cause.after());
        assertTrue(cause.detail().contains("line 3"), cause.detail());
    }

    /** An ARG read only by an EXPOSE right below it still reaches every later RUN: the fix moves both down. */
    @Test
    void theFixForAnArgReadOnlyByExposeMovesTheExposeDownWithIt() throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile("FROM busybox:1.36", "ARG PORT", "EXPOSE ${PORT}", "RUN true", "COPY a.txt /a.txt")
                .file("a.txt", "a");
        Snapshot before = app.buildArg("PORT", "8081").snapshot();
        Comparison changed = Scenario.compare(app.buildArg("PORT", "8082").snapshot(), before);
        Cause cause = Scenario.step(changed, "2").causes().get(0);
        assertEquals(CauseKind.BUILD_ARG, cause.kind());
        assertEquals(
                "RUN at line 4 does not use PORT; declare ARG PORT just before the first step that uses it, below"
                        + " this one (with any EXPOSE, LABEL or ENV above it that reads PORT), so that the steps above keep"
                        + " their cache",
                cause.advice());
    }

    /**
     * A COPY between the ARG and the RUN uses the variable (Spring's guide: {@code ARG JAR_FILE=target/*.jar},
     * {@code COPY ${JAR_FILE} ...}, then a RUN): the ARG cannot move below the RUN, so no fix says to; and the COPY,
     * whose selection the argument changed over the same jar, names the selection, not a content change.
     */
    @Test
    void anArgThatACopyAboveTheRunUsesGetsNoFixToMoveItAndItsCopyNoContentChange() throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile(
                        "FROM busybox:1.36",
                        "ARG JAR_FILE=target/*.jar",
                        "COPY ${JAR_FILE} app.jar",
                        "RUN unzip -l app.jar")
                .file("target/app-1.0.jar", "jar");
        Snapshot before = app.snapshot();
        Comparison changed =
                Scenario.compare(app.buildArg("JAR_FILE", "target/app-1.0.jar").snapshot(), before);
        List<Cause> copy = Scenario.step(changed, "2").causes();
        assertEquals(
                List.of(CauseKind.BUILD_ARG), copy.stream().map(Cause::kind).toList(), copy.toString());
        assertTrue(
                copy.get(0).detail().contains("*.jar -> app-1.0.jar"),
                copy.get(0).detail());
        Cause run = Scenario.step(changed, "3").causes().stream()
                .filter(cause -> cause.kind() == CauseKind.BUILD_ARG)
                .findFirst()
                .orElseThrow();
        assertNull(run.advice(), run.advice());
    }

    /** An edit inside a RUN here-document leaves the first line, the step's text, as it was: the body is named. */
    @Test
    void anEditedRunHereDocumentIsNamedAsSuchNotAsAVariable() throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile("FROM busybox:1.36", "RUN <<EOF", "addgroup -S demo", "adduser -S demo -G demo", "EOF");
        Snapshot before = app.snapshot();
        app.dockerfile("FROM busybox:1.36", "RUN <<EOF", "addgroup -S demo", "adduser -S -u 10001 demo -G demo", "EOF");
        Cause cause = Scenario.step(Scenario.compare(app.snapshot(), before), "2")
                .causes()
                .get(0);
        assertEquals(CauseKind.INSTRUCTION, cause.kind());
        assertTrue(cause.detail().startsWith("the here-document changed: the command changed"), cause.detail());
    }

    /**
     * The ARG moved below the RUN (the fix above, done): the RUN rebuilds once, because the build arg the build still
     * gives left its environment. The cause says so, and offers no fix: moving the ARG is the edit itself.
     */
    @Test
    void anArgMovedBelowTheStepIsNotCalledUnsetAndGetsNoFix() throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile("FROM busybox:1.36", "ARG PORT", "EXPOSE ${PORT}", "RUN true", "COPY a.txt /a.txt")
                .file("a.txt", "a");
        Snapshot before = app.buildArg("PORT", "8081").snapshot();
        app.dockerfile("FROM busybox:1.36", "RUN true", "COPY a.txt /a.txt", "ARG PORT", "EXPOSE ${PORT}");
        Comparison moved = Scenario.compare(app.buildArg("PORT", "8081").snapshot(), before);
        Cause cause = Scenario.step(moved, "2").causes().get(0);
        assertEquals(CauseKind.BUILD_ARG, cause.kind());
        assertEquals(
                "build arg PORT is no longer in its environment (was '8081', --build-arg PORT, declared by ARG at line"
                        + " 2): the build still gives it, but no ARG above this step declares it now",
                cause.detail());
        assertNull(cause.advice());
    }

    /** With a frontend image that has it (labs, or 1.20+): what the pattern selects below the root is the key. */
    @Test
    void copyParentsIsKeyedOnWhatItsPatternSelects() throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile(
                        "# syntax=docker/dockerfile:1-labs",
                        "FROM busybox:1.36",
                        "COPY --parents src/**/*.txt ./conf/./app.conf /out/",
                        "RUN true")
                .file("src/one/a.txt", "a")
                .file("src/b.md", "b")
                .file("conf/app.conf", "c");
        Snapshot before = app.snapshot();
        app.file("src/b.md", "changed, but not selected");
        assertEquals(
                Map.of("1", Verdict.CACHED, "2", Verdict.CACHED, "3", Verdict.CACHED),
                Scenario.verdicts(Scenario.compare(app.snapshot(), before)));
        Files.move(dir.resolve("src/one"), dir.resolve("src/two"));
        assertEquals(
                Map.of("1", Verdict.CACHED, "2", Verdict.REBUILT, "3", Verdict.REBUILT),
                Scenario.verdicts(Scenario.compare(app.snapshot(), before)),
                "the file keeps its parents, which changed");
    }

    @Test
    void undeclaredBuildArgIsIgnored() throws Exception {
        Scenario app = new Scenario(dir).dockerfile("FROM busybox:1.36", "RUN echo hi");
        Snapshot before = app.snapshot();
        assertTrue(Scenario.compare(app.buildArg("OTHER", "x").snapshot(), before).steps().stream()
                .allMatch(s -> s.verdict() == Verdict.CACHED));
    }

    @Test
    void envChangeRebuildsOnlyLaterSteps() throws Exception {
        Scenario app = new Scenario(dir).dockerfile("FROM busybox:1.36", "RUN echo one", "ENV MODE=a", "RUN echo two");
        Snapshot before = app.snapshot();
        app.dockerfile("FROM busybox:1.36", "RUN echo one", "ENV MODE=b", "RUN echo two");
        Comparison comparison = Scenario.compare(app.snapshot(), before);
        assertEquals(
                List.of(Verdict.CACHED, Verdict.CACHED, Verdict.REBUILT),
                List.copyOf(Scenario.verdicts(comparison).values()));
        Cause cause = Scenario.step(comparison, "3").causes().get(0);
        assertEquals(CauseKind.ENV, cause.kind());
        assertEquals("a", cause.before());
    }

    @Test
    void editedRunTextIsNamedAndACommentLineIsNot() throws Exception {
        Scenario app = new Scenario(dir).dockerfile("FROM busybox:1.36", "RUN echo a \\", "  && echo b", "RUN echo c");
        Snapshot before = app.snapshot();
        app.dockerfile("FROM busybox:1.36", "RUN echo a \\", "# a comment", "  && echo b", "RUN echo c");
        assertTrue(
                Scenario.compare(app.snapshot(), before).steps().stream().allMatch(s -> s.verdict() == Verdict.CACHED));
        app.dockerfile("FROM busybox:1.36", "RUN echo a \\", "    && echo b", "RUN echo c");
        Comparison comparison = Scenario.compare(app.snapshot(), before);
        assertEquals(
                CauseKind.INSTRUCTION,
                Scenario.step(comparison, "2").causes().get(0).kind());
        assertEquals(Verdict.REBUILT, Scenario.step(comparison, "3").verdict());
    }

    @Test
    void unreachableStagesAreNotBuilt() throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile(
                        "FROM busybox:1.36 AS base",
                        "COPY a.txt /a",
                        "FROM scratch AS other",
                        "COPY b.txt /b",
                        "FROM base",
                        "RUN true")
                .file("a.txt", "a")
                .file("b.txt", "b");
        Snapshot before = app.snapshot();
        assertTrue(before.steps().stream().noneMatch(s -> s.place().stage().equals("other")));
        app.file("b.txt", "changed");
        assertTrue(
                Scenario.compare(app.snapshot(), before).steps().stream().allMatch(s -> s.verdict() == Verdict.CACHED));
        assertEquals(
                List.of("other:1"),
                app.target("other").snapshot().steps().stream()
                        .map(s -> s.place().id())
                        .toList());
    }

    @Test
    void missesAreStickyIntoChildStages() throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile("FROM busybox:1.36 AS base", "COPY a.txt /a", "FROM base AS child", "RUN true")
                .file("a.txt", "a");
        Snapshot before = app.snapshot();
        app.file("a.txt", "b");
        Comparison comparison = Scenario.compare(app.snapshot(), before);
        StepResult child = Scenario.step(comparison, "child:1");
        assertEquals(Verdict.REBUILT, child.verdict());
        assertEquals(CauseKind.UPSTREAM_STAGE, child.causes().get(0).kind());
        assertEquals("base:2", child.rootStepId());
    }

    @Test
    void keysDoNotDependOnWhereTheContextIs(@TempDir Path other) throws Exception {
        Scenario here = Scenario.javaApp(dir);
        Snapshot a = here.snapshot();
        for (Path path : (Iterable<Path>) Files.walk(dir)::iterator) {
            Path copy = other.resolve(dir.relativize(path).toString());
            if (Files.isDirectory(path)) {
                Files.createDirectories(copy);
            } else {
                Files.copy(path, copy, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Snapshot b = new Scenario(other).snapshot();
        assertEquals(
                a.steps().stream().map(s -> s.keys().key()).collect(Collectors.toList()),
                b.steps().stream().map(s -> s.keys().key()).collect(Collectors.toList()));
    }

    @Test
    void secretBuildArgsAreNotStoredInClear() throws Exception {
        Scenario app = new Scenario(dir).dockerfile("FROM busybox:1.36", "ARG NPM_TOKEN", "RUN echo hi");
        Snapshot snapshot = app.buildArg("NPM_TOKEN", "s3cr3t-value").snapshot();
        String json = io.github.dockercache.store.SnapshotStore.toJson(snapshot);
        assertFalse(json.contains("s3cr3t-value"), json);
    }

    @Test
    void stableMarkerOverridesTheDefault() throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile(
                        "FROM busybox:1.36",
                        "COPY . /src",
                        "# dockercache:stable",
                        "RUN make",
                        "# dockercache:unstable",
                        "RUN true");
        app.file("a.txt", "a");
        Snapshot snapshot = app.snapshot();
        assertEquals(java.util.Set.of("3"), StabilityPolicy.defaults().stableSteps(snapshot));
    }

    @Test
    void workdirRootIsNotAStep() throws Exception {
        Snapshot snapshot = new Scenario(dir)
                .dockerfile("FROM busybox:1.36", "WORKDIR /", "RUN true")
                .snapshot();
        assertEquals(
                List.of("FROM", "RUN"),
                snapshot.steps().stream().map(s -> s.place().instruction()).toList());
        assertNull(snapshot.target());
    }

    /** Verdicts of {@code after} against {@code before}, both built in {@link #dir} with a.txt. */
    private Comparison workdirChange(String[] before, String[] after) throws Exception {
        Scenario app = new Scenario(dir).dockerfile(before).file("a.txt", "a");
        Snapshot baseline = app.snapshot();
        return Scenario.compare(app.dockerfile(after).snapshot(), baseline);
    }

    @Test
    void workdirRootOnAnImageBaseIsUnknownBothWays() throws Exception {
        String[] without = {"FROM busybox:1.36", "COPY a.txt /a.txt", "RUN cat /a.txt"};
        String[] with = {"FROM busybox:1.36", "COPY a.txt /a.txt", "WORKDIR /", "RUN cat /a.txt"};
        for (Comparison comparison : List.of(workdirChange(without, with), workdirChange(with, without))) {
            assertEquals(Verdict.CACHED, Scenario.step(comparison, "2").verdict());
            StepResult run = Scenario.step(comparison, "3");
            assertEquals(Verdict.UNKNOWN, run.verdict(), "BuildKit keeps it only if the image sets no WORKDIR");
            assertTrue(run.unknownReason().contains("base image's own WORKDIR"), run.unknownReason());
            assertEquals(CauseKind.WORKDIR, run.causes().get(0).kind());
        }
    }

    /** An image base's WORKDIR is unknown offline; elsewhere it is known, and the image is taken to set none. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            relative COPY below a new WORKDIR /      | FROM busybox:1.36;COPY a.txt a.txt      | FROM busybox:1.36;WORKDIR /;COPY a.txt a.txt       | 2 | UNKNOWN
            absolute COPY below a new WORKDIR /      | FROM busybox:1.36;COPY a.txt /a.txt     | FROM busybox:1.36;WORKDIR /;COPY a.txt /a.txt      | 2 | CACHED
            relative WORKDIR made absolute           | FROM busybox:1.36;WORKDIR app;RUN make  | FROM busybox:1.36;WORKDIR /app;RUN make            | 2 | UNKNOWN
            RUN below a new WORKDIR /app             | FROM busybox:1.36;RUN make              | FROM busybox:1.36;WORKDIR /app;RUN make            | 3 | REBUILT
            relative COPY to another directory       | FROM busybox:1.36;COPY a.txt x/         | FROM busybox:1.36;COPY a.txt y/                    | 2 | REBUILT
            RUN below WORKDIR / after WORKDIR /app   | FROM busybox:1.36;WORKDIR /app;RUN make | FROM busybox:1.36;WORKDIR /app;WORKDIR /;RUN make  | 3 | REBUILT
            RUN below a second WORKDIR /             | FROM busybox:1.36;WORKDIR /;RUN make    | FROM busybox:1.36;WORKDIR /;WORKDIR /;RUN make     | 2 | CACHED
            relative COPY below WORKDIR / on scratch | FROM scratch;COPY a.txt a.txt           | FROM scratch;WORKDIR /;COPY a.txt a.txt            | 1 | CACHED
            relative COPY in a stage FROM scratch    | FROM scratch AS root;FROM root;COPY a.txt a.txt | FROM scratch AS root;FROM root;WORKDIR /;COPY a.txt a.txt | stage-1:1 | CACHED
            """)
    void workdirVerdicts(String change, String before, String after, String stepId, Verdict expected) throws Exception {
        Comparison comparison = workdirChange(before.split(";"), after.split(";"));
        assertEquals(
                expected,
                Scenario.step(comparison, stepId).verdict(),
                Scenario.verdicts(comparison).toString());
    }

    @Test
    void lineEndingFlipsAreNamed() throws Exception {
        Scenario app = Scenario.javaApp(dir).file("src/main/java/App.java", "class App {}\nclass B {}\n");
        Snapshot before = app.snapshot();
        app.file("src/main/java/App.java", "class App {}\r\nclass B {}\r\n");
        Comparison comparison = Comparison.compare(app.snapshot(), before, StabilityPolicy.defaults(), dir);
        Cause cause = Scenario.step(comparison, "build:5").causes().get(0);
        assertEquals(CauseKind.LINE_ENDINGS, cause.kind());
        assertTrue(cause.advice().contains(".gitattributes"));
    }

    @Test
    void aMovedFileIsARename() throws Exception {
        Scenario app = Scenario.javaApp(dir);
        Snapshot before = app.snapshot();
        Files.createDirectories(dir.resolve("src/main/java/app"));
        Files.move(dir.resolve("src/main/java/App.java"), dir.resolve("src/main/java/app/App.java"));
        Comparison comparison = Scenario.compare(app.snapshot(), before);
        List<Cause> causes = Scenario.step(comparison, "build:5").causes();
        assertTrue(
                causes.stream()
                        .anyMatch(c -> c.kind() == CauseKind.FILE_RENAMED
                                && c.detail()
                                        .equals("src/main/java/App.java was renamed to src/main/java/app/App.java")),
                causes.toString());
    }

    @Test
    void impactOfAPathFollowsTheChain() throws Exception {
        Snapshot snapshot = Scenario.javaApp(dir).snapshot();
        Map<String, Verdict> impact = new LinkedHashMap<>();
        Impact.of(snapshot, "src/main/java/New.java")
                .forEach((step, verdict) -> impact.put(step.place().id(), verdict));
        assertEquals(
                Map.of("build:5", Verdict.REBUILT, "build:6", Verdict.REBUILT, "stage-1:3", Verdict.UNKNOWN), impact);
        assertEquals(
                List.of("build:3", "build:4", "build:5", "build:6", "stage-1:3"),
                Impact.of(snapshot, "pom.xml").keySet().stream()
                        .map(s -> s.place().id())
                        .toList());
        assertTrue(Impact.of(snapshot, "README.md").isEmpty());
    }

    @Test
    void aJarThatDiffersOnlyInEntryTimestampsIsNamedAsSuch() throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile("FROM eclipse-temurin:17-jre", "COPY target/app.jar /app.jar")
                .file(".dockerignore", "");
        writeJar(dir.resolve("target/app.jar"), 1_700_000_000_000L, "class bytes");
        Snapshot before = app.snapshot();
        writeJar(dir.resolve("target/app.jar"), 1_800_000_000_000L, "class bytes");
        Cause cause = Scenario.step(Scenario.compare(app.snapshot(), before), "2")
                .causes()
                .get(0);
        assertEquals(CauseKind.BUILD_TIMESTAMPS, cause.kind());
        assertEquals(
                "target/app.jar differs only in build-time stamps: App.class '2023-11-14T22:13:20Z' -> '2027-01-15T08:00:00Z',"
                        + " META-INF/MANIFEST.MF '2023-11-14T22:13:20Z' -> '2027-01-15T08:00:00Z'",
                cause.detail());
        assertTrue(cause.advice().contains("project.build.outputTimestamp"));

        writeJar(dir.resolve("target/app.jar"), 1_800_000_000_000L, "other class bytes");
        Cause content = Scenario.step(Scenario.compare(app.snapshot(), before), "2")
                .causes()
                .get(0);
        assertEquals(CauseKind.FILE_CONTENT, content.kind());
        assertEquals("target/app.jar content changed: changed App.class", content.detail());
        assertEquals(List.of("App.class"), content.entries().changed());
    }

    private static void writeJar(Path jar, long time, String classBytes) throws Exception {
        Files.createDirectories(jar.getParent());
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
            for (String name : List.of("META-INF/MANIFEST.MF", "App.class")) {
                java.util.zip.ZipEntry entry = new java.util.zip.ZipEntry(name);
                entry.setTime(time);
                out.putNextEntry(entry);
                out.write((name.endsWith(".class") ? classBytes : "Manifest-Version: 1.0\n").getBytes());
                out.closeEntry();
            }
        }
        Files.setPosixFilePermissions(jar, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Test
    void shellUserAndWorkdirEditsAreNamed() throws Exception {
        Scenario app = new Scenario(dir).dockerfile("FROM busybox:1.36", "WORKDIR /a", "USER app", "RUN make");
        Snapshot before = app.snapshot();
        app.dockerfile("FROM busybox:1.36", "SHELL [\"/bin/bash\", \"-c\"]", "WORKDIR /a", "USER app", "RUN make");
        assertEquals(
                CauseKind.SHELL,
                Scenario.step(Scenario.compare(app.snapshot(), before), "3")
                        .causes()
                        .get(0)
                        .kind());
        app.dockerfile("FROM busybox:1.36", "WORKDIR /a", "USER root", "RUN make");
        Cause user = Scenario.step(Scenario.compare(app.snapshot(), before), "3")
                .causes()
                .get(0);
        assertEquals(CauseKind.USER, user.kind());
        assertEquals("app", user.before());
        app.dockerfile("FROM busybox:1.36", "WORKDIR /b", "USER app", "RUN make");
        assertEquals(
                CauseKind.WORKDIR,
                Scenario.step(Scenario.compare(app.snapshot(), before), "2")
                        .causes()
                        .get(0)
                        .kind());
    }

    @Test
    void symlinkTargetAddedAndRemovedFilesAreNamed() throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile("FROM scratch", "COPY conf /conf")
                .file("conf/a.txt", "a")
                .file("conf/b.txt", "b");
        Files.createSymbolicLink(dir.resolve("conf/current"), Path.of("a.txt"));
        Snapshot before = app.snapshot();
        Files.delete(dir.resolve("conf/current"));
        Files.createSymbolicLink(dir.resolve("conf/current"), Path.of("b.txt"));
        Files.delete(dir.resolve("conf/b.txt"));
        app.file("conf/c.txt", "c is new");
        List<Cause> causes =
                Scenario.step(Scenario.compare(app.snapshot(), before), "1").causes();
        assertEquals(
                List.of(CauseKind.FILE_REMOVED, CauseKind.FILE_ADDED, CauseKind.SYMLINK_TARGET),
                causes.stream().map(Cause::kind).toList(),
                causes.toString());
        assertEquals("b.txt", causes.get(2).after());
    }

    /** An application whose tests a .dockerignore line may leave out: four entries below src/test, one beside it. */
    private Scenario appWithTests() throws Exception {
        return new Scenario(dir)
                .dockerfile("FROM scratch", "COPY src /src")
                .file("src/main/App.java", "app")
                .file("src/test/a/ATest.java", "a")
                .file("src/test/BTest.java", "b")
                .file("src/test/CTest.java", "c")
                .file("src/test-data.txt", "data");
    }

    @Test
    void aDirectoryLeftOutWithMoreThanThreeEntriesBelowItIsOneCause() throws Exception {
        Scenario app = appWithTests();
        Snapshot before = app.snapshot();
        app.file(".dockerignore", "src/test\nsrc/test-data.txt\n");
        app.file("src/main/new/New.java", "new");

        List<String> causes = Scenario.step(Scenario.compare(app.snapshot(), before), "1").causes().stream()
                .map(Cause::detail)
                .toList();

        assertEquals(
                List.of(
                        "src/main/new was added",
                        "src/main/new/New.java was added",
                        "src/test was removed, with the 4 entries below it",
                        "src/test-data.txt was removed"),
                causes);
    }

    /** The same edit, compared with the context it left: still on disk, so excluded, with the line that does it. */
    @Test
    void whatTheIgnoreFileNowExcludesIsNotSaidRemovedButExcludedByItsLine() throws Exception {
        Scenario app = appWithTests();
        Snapshot before = app.snapshot();
        app.file(".dockerignore", "# tests stay out\n\nsrc/test/\nsrc/test-data.txt\n");
        app.file("src/main/new/New.java", "new");
        Analysis after = app.analyse();

        Comparison comparison =
                Comparison.compareWithContext(after.snapshot(), before, StabilityPolicy.defaults(), after.context());
        List<Cause> causes = Scenario.step(comparison, "1").causes();

        assertEquals(
                List.of(
                        "src/main/new was added",
                        "src/main/new/New.java was added",
                        "src/test is now excluded by .dockerignore (line 3: `src/test/`), with the 4 entries below it",
                        "src/test-data.txt is now excluded by .dockerignore (line 4: `src/test-data.txt`)"),
                causes.stream().map(Cause::detail).toList());
        Cause excluded = causes.get(3);
        assertEquals(CauseKind.FILE_EXCLUDED, excluded.kind());
        assertEquals("file 0644 4 bytes", excluded.before());
        assertEquals(".dockerignore line 4: src/test-data.txt", excluded.after());
        assertEquals(
                "expected if .dockerignore line 4 is meant to keep it out of the build; if the step needs it, narrow"
                        + " that line or re-include it with !src/test-data.txt",
                excluded.advice());
        assertFalse(excluded.expected());
        assertEquals(
                Scenario.verdicts(Scenario.compare(after.snapshot(), before)),
                Scenario.verdicts(comparison),
                "the same verdicts as without the context");
    }

    /** A file deleted is removed, even where a line would exclude it; the Dockerfile's own ignore file is named. */
    @Test
    void aDeletedFileIsRemovedAndTheDockerfilesOwnIgnoreFileIsNamed() throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile("FROM scratch", "COPY . /app")
                .file("README.md", "r")
                .file("NOTES.md", "n")
                .file("App.java", "app");
        Snapshot before = app.snapshot();
        app.file(".dockerignore", "App.java\n");
        app.file("Dockerfile.dockerignore", "Dockerfile.dockerignore\n*.md\n");
        Files.delete(dir.resolve("NOTES.md"));
        Analysis after = app.analyse();

        List<String> causes = Scenario.step(
                        Comparison.compareWithContext(
                                after.snapshot(), before, StabilityPolicy.defaults(), after.context()),
                        "1")
                .causes()
                .stream()
                .map(Cause::detail)
                .toList();

        assertEquals(
                List.of(
                        ".dockerignore was added",
                        "NOTES.md was removed",
                        "README.md is now excluded by Dockerfile.dockerignore (line 2: `*.md`)"),
                causes);
    }

    @Test
    void aBaseImageEditIsNamedWithItsAdvice() throws Exception {
        Scenario app = new Scenario(dir).dockerfile("FROM busybox:1.36", "RUN true");
        Snapshot before = app.snapshot();
        app.dockerfile("FROM busybox:1.37", "RUN true");
        Cause cause = Scenario.step(Scenario.compare(app.snapshot(), before), "1")
                .causes()
                .get(0);
        assertEquals(CauseKind.BASE_IMAGE, cause.kind());
        assertEquals("docker.io/library/busybox:1.37", cause.after());
        assertNotNull(cause.advice());
    }

    private static final String LAYERS = "sha256:" + "1".repeat(64);

    private static BaseImage image(String digest, String layers, List<String> env, String workingDir) {
        return new BaseImage(digest, layers, new BaseImage.Config(env, workingDir, "", List.of()));
    }

    @Test
    void aTagPushedAgainWithTheSameLayersKeepsCopyAndRebuildsRunOnTheImagesNewEnvironment() throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile("FROM registry.example/app:1", "COPY a.txt /a.txt", "RUN true")
                .file("a.txt", "a")
                .image(image("sha256:" + "a".repeat(64), LAYERS, List.of("MARKER=one"), ""));
        Snapshot before = app.snapshot();
        app.image(image("sha256:" + "b".repeat(64), LAYERS, List.of("MARKER=two"), ""));
        Comparison comparison = Scenario.compare(app.snapshot(), before);

        assertEquals(
                Map.of("1", Verdict.CACHED, "2", Verdict.CACHED, "3", Verdict.REBUILT), Scenario.verdicts(comparison));
        Cause cause = Scenario.step(comparison, "3").causes().get(0);
        assertEquals(CauseKind.BASE_IMAGE, cause.kind());
        assertEquals("the base image's config changed: Env MARKER changed: 'one' -> 'two'", cause.detail());
    }

    @Test
    void otherLayersRebuildEverythingAndNameBothDigests() throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile("FROM registry.example/app:1", "COPY a.txt /a.txt")
                .file("a.txt", "a")
                .image(image("sha256:" + "a".repeat(64), LAYERS, List.of(), ""));
        Snapshot before = app.snapshot();
        app.image(image("sha256:" + "b".repeat(64), "sha256:" + "2".repeat(64), List.of(), ""));
        Comparison comparison = Scenario.compare(app.snapshot(), before);

        assertEquals(Verdict.REBUILT, Scenario.step(comparison, "2").verdict());
        Cause cause = Scenario.step(comparison, "1").causes().get(0);
        assertEquals(CauseKind.BASE_IMAGE, cause.kind());
        assertEquals(
                "the tag registry.example/app:1 moved to an image with other layers: sha256:" + "a".repeat(64)
                        + " -> sha256:" + "b".repeat(64),
                cause.detail());
    }

    @Test
    void aRelativeWorkdirJoinsTheImagesWorkingDirectory() throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile("FROM registry.example/app:1", "WORKDIR app", "COPY a.txt .")
                .file("a.txt", "a")
                .image(image("sha256:" + "a".repeat(64), LAYERS, List.of(), "/srv"));
        Snapshot before = app.snapshot();
        assertEquals("/srv/app", before.steps().get(1).reads().inputs().get("path"));
        assertNull(before.steps().get(1).keys().unknownReason(), "the image's WORKDIR is known: nothing to guess");

        app.image(image("sha256:" + "b".repeat(64), LAYERS, List.of(), "/opt"));
        Comparison comparison = Scenario.compare(app.snapshot(), before);
        assertEquals(Verdict.REBUILT, Scenario.step(comparison, "2").verdict());
        Cause cause = Scenario.step(comparison, "2").causes().get(0);
        assertEquals("the base image's config changed: WorkingDir changed: '/srv/app' -> '/opt/app'", cause.detail());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "app |          | User changed: 'app' -> 'root'",
                "    | /bin/bash | Shell changed: '[\"/bin/sh\",\"-c\"]' -> '[\"/bin/bash\",\"-c\"]'"
            })
    void aRunNamesTheImageConfigFieldItReadsWhenOnlyThatChanged(String user, String shell, String change)
            throws Exception {
        BaseImage.Config before = new BaseImage.Config(
                List.of(), "", user == null ? "" : user, shell == null ? List.of() : List.of("/bin/sh", "-c"));
        BaseImage.Config after = new BaseImage.Config(
                List.of(), "", user == null ? "" : "root", shell == null ? List.of() : List.of(shell, "-c"));
        Scenario app = new Scenario(dir)
                .dockerfile("FROM registry.example/app:1", "RUN true")
                .image(new BaseImage("sha256:" + "a".repeat(64), LAYERS, before));
        Snapshot baseline = app.snapshot();
        app.image(new BaseImage("sha256:" + "b".repeat(64), LAYERS, after));
        Comparison comparison = Scenario.compare(app.snapshot(), baseline);

        assertEquals(Verdict.CACHED, Scenario.step(comparison, "1").verdict(), "same layers");
        Cause cause = Scenario.step(comparison, "2").causes().get(0);
        assertEquals(CauseKind.BASE_IMAGE, cause.kind());
        assertEquals("the base image's config changed: " + change, cause.detail());
    }

    @Test
    void aDigestOnlyBaselineKeysFromOnTheDigestAsBefore() throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile("FROM registry.example/app:1", "RUN true")
                .image(BaseImage.ofDigest("sha256:" + "a".repeat(64)));
        Snapshot before = app.snapshot();
        assertEquals(
                "sha256:" + "a".repeat(64),
                before.steps().get(0).reads().inputs().get("digest"));
        assertEquals(
                Map.of("1", Verdict.CACHED, "2", Verdict.CACHED),
                Scenario.verdicts(Scenario.compare(app.snapshot(), before)));

        app.image(BaseImage.ofDigest("sha256:" + "b".repeat(64)));
        assertEquals(
                Verdict.REBUILT,
                Scenario.step(Scenario.compare(app.snapshot(), before), "2").verdict(),
                "without the layers, another digest is another image");
    }

    @Test
    void theRecordedImageIsReadBackAsItWasGiven() throws Exception {
        BaseImage given = image("sha256:" + "a".repeat(64), LAYERS, List.of("A=1"), "/srv");
        Snapshot snapshot = new Scenario(dir)
                .dockerfile("FROM registry.example/app:1")
                .image(given)
                .snapshot();
        assertEquals(given, BaseImage.recordedIn(snapshot.steps().get(0)));
    }

    @Test
    void theLegacyBuilderKeysAnImageOnItsDigestAlone() throws Exception {
        Scenario app = new Scenario(dir)
                .builder(io.github.dockercache.model.Builder.CLASSIC)
                .dockerfile("FROM registry.example/app:1", "COPY a.txt /a.txt")
                .file("a.txt", "a")
                .image(image("sha256:" + "a".repeat(64), LAYERS, List.of("MARKER=one"), ""));
        Snapshot before = app.snapshot();
        app.image(image("sha256:" + "b".repeat(64), LAYERS, List.of("MARKER=two"), ""));
        assertEquals(
                Verdict.REBUILT,
                Scenario.step(Scenario.compare(app.snapshot(), before), "2").verdict());
    }

    /** As the differential scenarios source-date-epoch-added and -changed-workdir show on Docker 28 and 26. */
    @ParameterizedTest
    @CsvSource({"0.25, REBUILT", "0.22, REBUILT", "0.21, CACHED", "0.13, CACHED"})
    void sourceDateEpochStampsWorkdirFromBuildKit022(String version, Verdict expected) throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile("FROM busybox:1.36", "WORKDIR /app")
                .buildkitVersion(version)
                .buildArg("SOURCE_DATE_EPOCH", "1000");
        Snapshot before = app.snapshot();
        app.buildArg("SOURCE_DATE_EPOCH", "2000");
        assertEquals(
                expected,
                Scenario.step(Scenario.compare(app.snapshot(), before), "2").verdict());
    }

    @Test
    void aFileThatBecameADirectoryIsNamed() throws Exception {
        Scenario app =
                new Scenario(dir).dockerfile("FROM scratch", "COPY conf /conf").file("conf/settings", "a=1");
        Snapshot before = app.snapshot();
        Files.delete(dir.resolve("conf/settings"));
        app.file("conf/settings/a.properties", "a=1");
        Cause cause = Scenario.step(Scenario.compare(app.snapshot(), before), "1")
                .causes()
                .get(0);
        assertEquals(CauseKind.FILE_TYPE, cause.kind());
        assertEquals("conf/settings changed from file to dir", cause.detail());
    }

    @Test
    void anEditedHeredocBodyIsNamed() throws Exception {
        Scenario app = new Scenario(dir).dockerfile("FROM scratch", "COPY <<EOF /motd", "hello", "EOF");
        Snapshot before = app.snapshot();
        app.dockerfile("FROM scratch", "COPY <<EOF /motd", "hello again", "EOF");
        assertEquals(
                CauseKind.HEREDOC,
                Scenario.step(Scenario.compare(app.snapshot(), before), "1")
                        .causes()
                        .get(0)
                        .kind());
    }

    @Test
    void anInsertedStepIsNew() throws Exception {
        Scenario app = new Scenario(dir).dockerfile("FROM busybox:1.36", "RUN make");
        Snapshot before = app.snapshot();
        app.dockerfile("FROM busybox:1.36", "RUN apt-get update", "RUN make");
        Comparison comparison = Scenario.compare(app.snapshot(), before);
        assertEquals(
                CauseKind.INSTRUCTION,
                Scenario.step(comparison, "2").causes().get(0).kind(),
                "compared with the RUN it replaced");
        assertEquals(
                CauseKind.UPSTREAM_STEP,
                Scenario.step(comparison, "3").causes().get(0).kind());
        app.dockerfile("FROM busybox:1.36", "RUN make", "RUN make test");
        assertEquals(
                CauseKind.NEW_STEP,
                Scenario.step(Scenario.compare(app.snapshot(), before), "3")
                        .causes()
                        .get(0)
                        .kind());
    }

    static final String UMASK_REASON = "group/other write bits differ, as a different umask at checkout leaves them:"
            + " only a build on this machine can tell; record the baseline where the image is built, or use the same umask";

    @Test
    void aGroupWriteOnlyChangeIsUnknownAndNeverFails() throws Exception {
        Scenario app = Scenario.javaApp(dir);
        app.chmod("pom.xml", "rw-r--r--");
        Snapshot before = app.snapshot();
        app.chmod("pom.xml", "rw-rw-r--"); // a checkout under umask 002
        Comparison comparison = Scenario.compare(app.snapshot(), before);
        StepResult copy = Scenario.step(comparison, "build:3");
        assertEquals(Verdict.UNKNOWN, copy.verdict());
        Cause cause = copy.causes().get(0);
        assertEquals(CauseKind.UMASK_MODE, cause.kind());
        assertEquals("pom.xml mode bits changed 0644 -> 0664", cause.detail());
        assertNull(cause.advice(), "the unknown reason says what to do");
        assertEquals(UMASK_REASON, copy.unknownReason());
        assertEquals(Verdict.UNKNOWN, Scenario.step(comparison, "build:4").verdict());
        assertTrue(FailOn.STABLE.violations(comparison.steps()).isEmpty());
    }

    @Test
    void umaskBitsOnFilesAndDirectoriesTogetherAreUnknownForTheUmask() throws Exception {
        StepResult copy = copyOfSrcAfterModes("rwxrwxrwx", "rw-rw-rw-");
        assertEquals(Verdict.UNKNOWN, copy.verdict());
        assertEquals(
                List.of(CauseKind.UMASK_MODE),
                copy.causes().stream().map(Cause::kind).distinct().toList());
        assertEquals(UMASK_REASON, copy.unknownReason());
    }

    /** {@code COPY src /src} after src (0755) and src/a.txt (0644) are given these modes. */
    private StepResult copyOfSrcAfterModes(String directoryMode, String fileMode) throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile("FROM busybox:1.36", "COPY src /src")
                .file("src/a.txt", "a");
        app.chmod("src", "rwxr-xr-x").chmod("src/a.txt", "rw-r--r--");
        Snapshot before = app.snapshot();
        app.chmod("src", directoryMode).chmod("src/a.txt", fileMode);
        return Scenario.step(Scenario.compare(app.snapshot(), before), "2");
    }

    @Test
    void umaskBitsBesideAnotherChangeStillRebuild() throws Exception {
        Scenario app = Scenario.javaApp(dir);
        app.chmod("pom.xml", "rw-r--r--");
        Snapshot before = app.snapshot();
        app.chmod("pom.xml", "rwxrwxr-x"); // the executable bit too
        Comparison comparison = Scenario.compare(app.snapshot(), before);
        Cause cause = Scenario.step(comparison, "build:3").causes().get(0);
        assertEquals(CauseKind.FILE_MODE, cause.kind());
        assertEquals(
                List.of("build:3", "build:4"),
                FailOn.STABLE.violations(comparison.steps()).stream()
                        .map(StepResult::stepId)
                        .toList());
        app.chmod("pom.xml", "rw-rw-r--").file("pom.xml", "<project>edited</project>");
        assertEquals(
                Verdict.REBUILT,
                Scenario.step(Scenario.compare(app.snapshot(), before), "build:3")
                        .verdict(),
                "a content change beside the umask bits");
    }

    @Test
    void aDirectoryModeAndAnUmaskOnlyChangeGiveBothReasons() throws Exception {
        StepResult copy = copyOfSrcAfterModes("rwx------", "rw-rw-r--");
        assertEquals(Verdict.UNKNOWN, copy.verdict());
        assertEquals(
                "only metadata that a warm builder does not re-hash changed: BuildKit rebuilds this step on a"
                        + " fresh builder (a new checkout, CI) but keeps it cached on one that already synced this context"
                        + " directory (docs/cache-model.md §3.3); " + UMASK_REASON,
                copy.unknownReason());
    }

    @Test
    void aDirectoryModeOnlyChangeIsUnknownForAWarmBuilder() throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile("FROM busybox:1.36", "COPY src /src", "RUN ls /src")
                .file("src/a.txt", "a");
        app.chmod("src", "rwxr-xr-x");
        Snapshot before = app.snapshot();
        app.chmod("src", "rwx------");
        Comparison comparison = Scenario.compare(app.snapshot(), before);
        StepResult copy = Scenario.step(comparison, "2");
        assertEquals(Verdict.UNKNOWN, copy.verdict());
        assertEquals(CauseKind.DIRECTORY_MODE, copy.causes().get(0).kind());
        assertTrue(copy.unknownReason().contains("fresh builder"), copy.unknownReason());
        assertEquals(
                Verdict.UNKNOWN, Scenario.step(comparison, "3").verdict(), "unchanged itself, it follows the COPY");
    }

    @Test
    void anXattrOnlyChangeIsUnknownForAWarmBuilder() throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile("FROM busybox:1.36", "COPY a.txt /a.txt")
                .file("a.txt", "a");
        java.nio.file.attribute.UserDefinedFileAttributeView view = Files.getFileAttributeView(
                dir.resolve("a.txt"), java.nio.file.attribute.UserDefinedFileAttributeView.class);
        org.junit.jupiter.api.Assumptions.assumeTrue(
                view != null && Files.getFileStore(dir).supportsFileAttributeView("user"),
                "the temporary file system keeps no user xattrs");
        Snapshot before = app.snapshot();
        view.write("note", java.nio.ByteBuffer.wrap("reviewed".getBytes()));
        StepResult copy = Scenario.step(Scenario.compare(app.snapshot(), before), "2");
        assertEquals(Verdict.UNKNOWN, copy.verdict());
        assertEquals(CauseKind.XATTRS, copy.causes().get(0).kind());
    }

    @Test
    void aModeChangeTo0755NamesTheWindowsClientToo() throws Exception {
        Scenario app = Scenario.javaApp(dir);
        Snapshot before = app.snapshot();
        app.chmod("pom.xml", "rwxr-xr-x");
        assertTrue(Scenario.step(Scenario.compare(app.snapshot(), before), "build:3")
                .causes()
                .get(0)
                .advice()
                .contains("Windows"));
    }

    @Test
    void runNetworkDefaultIsTheBuildsNetwork() throws Exception {
        Scenario app = new Scenario(dir).dockerfile("FROM busybox:1.36", "RUN echo hi"); // built with --network=none
        Snapshot before = app.snapshot();
        app.dockerfile("FROM busybox:1.36", "RUN --network=default echo hi");
        assertEquals(
                Verdict.CACHED,
                Scenario.step(Scenario.compare(app.snapshot(), before), "2").verdict());
        app.dockerfile("FROM busybox:1.36", "RUN --network=none echo hi");
        assertEquals(
                Verdict.CACHED,
                Scenario.step(Scenario.compare(app.snapshot(), before), "2").verdict());
        app.dockerfile("FROM busybox:1.36", "RUN --network=host echo hi");
        Snapshot host = app.snapshot();
        assertEquals(
                Verdict.REBUILT,
                Scenario.step(Scenario.compare(host, before), "2").verdict());
        assertEquals(
                List.of("Dockerfile:2:1: RUN --network=host needs the network.host entitlement: docker build fails"
                        + " with \"network.host is not allowed\" unless it is given --allow network.host"),
                host.warnings());
    }

    @Test
    void addWithAChecksumIsKeyedByTheChecksumAndTheFileNameNotTheAddress() throws Exception {
        String checksum = "--checksum=sha256:" + "ab".repeat(32);
        Scenario app = new Scenario(dir)
                .dockerfile("FROM busybox:1.36", "ADD " + checksum + " https://a.example/v1/app.jar /app.jar");
        Snapshot before = app.snapshot();
        app.dockerfile("FROM busybox:1.36", "ADD " + checksum + " https://b.example/v2/app.jar /app.jar");
        assertEquals(
                Verdict.CACHED,
                Scenario.step(Scenario.compare(app.snapshot(), before), "2").verdict());
        app.dockerfile("FROM busybox:1.36", "ADD " + checksum + " https://a.example/v1/other.jar /app.jar");
        assertEquals(
                Verdict.REBUILT,
                Scenario.step(Scenario.compare(app.snapshot(), before), "2").verdict());
        app.dockerfile(
                "FROM busybox:1.36",
                "ADD --checksum=sha256:" + "cd".repeat(32) + " https://a.example/v1/app.jar /app.jar");
        StepResult changed = Scenario.step(Scenario.compare(app.snapshot(), before), "2");
        assertEquals(Verdict.REBUILT, changed.verdict());
        assertEquals(CauseKind.SOURCE_CONTENT, changed.causes().get(0).kind());
    }
}
