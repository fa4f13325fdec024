package io.github.dockercache.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.model.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every cause is listed, and a stable step passes only when all of its causes are expected. */
class ExpectedChangeTest {
    @TempDir
    Path dir;

    private static List<String> violations(Comparison comparison) {
        return FailOn.STABLE.violations(comparison.steps()).stream()
                .map(StepResult::stepId)
                .toList();
    }

    private static List<String> described(StepResult step) {
        return step.causes().stream()
                .map(c ->
                        c.kind() + " " + c.detail() + (c.expected() ? " (expected: " + c.expectedBecause() + ")" : ""))
                .toList();
    }

    @Test
    void aManifestEditWithAModeFlipListsBothAndFailsOnTheMode() throws Exception {
        Scenario app = Scenario.javaApp(dir);
        Snapshot before = app.snapshot();
        app.file("pom.xml", "<project><dependencies/></project>\n").chmod("pom.xml", "rwxr-xr-x");
        Comparison comparison = Scenario.compare(app.snapshot(), before);
        assertEquals(
                List.of(
                        "FILE_CONTENT pom.xml content changed (11 -> 35 bytes) (expected: a dependency manifest)",
                        "FILE_MODE pom.xml mode bits changed 0644 -> 0755"),
                described(Scenario.step(comparison, "build:3")));
        assertFalse(Scenario.step(comparison, "build:3").expected());
        assertEquals(List.of("build:3", "build:4"), violations(comparison));
    }

    @Test
    void aStepThatFollowsAnExpectedChangeIsNotExcusedForItsOwnEdit() throws Exception {
        Scenario app = Scenario.javaApp(dir);
        Snapshot before = app.snapshot();
        app.file("pom.xml", "<project><dependencies/></project>\n");
        Files.writeString(
                dir.resolve("Dockerfile"),
                Files.readString(dir.resolve("Dockerfile"))
                        .replace("RUN mvn -B dependency:go-offline", "RUN mvn -B dependency:resolve"));
        Comparison comparison = Scenario.compare(app.snapshot(), before);
        StepResult run = Scenario.step(comparison, "build:4");
        assertEquals("build:3", run.rootStepId());
        assertEquals(
                List.of(
                        "UPSTREAM_STEP builds on step build:3, which is rebuilt (expected: it builds on an expected"
                                + " change)",
                        "INSTRUCTION the command changed"),
                described(run));
        assertEquals(
                List.of("INSTRUCTION the command changed"),
                run.ownCauses().stream().map(c -> c.kind() + " " + c.detail()).toList());
        assertEquals(List.of("build:4"), violations(comparison));
    }

    /** lib-a 1.0 to 1.1 in the Quarkus app's lib/main. */
    private Scenario upgradeLibA(Scenario app) throws Exception {
        Files.delete(dir.resolve("target/quarkus-app/lib/main/com.example.lib-a-1.0.jar"));
        return app.file("target/quarkus-app/lib/main/com.example.lib-a-1.1.jar", "a 1.1");
    }

    @Test
    void aSourceEditKeepsAQuarkusDependencyLayerAndPasses() throws Exception {
        Scenario app = Scenario.quarkusJvm(dir).dependencies("com.example:lib-a:jar:1.0", "com.example:lib-b:jar:1.0");
        Snapshot before = app.snapshot();
        app.file("target/quarkus-app/app/app.jar", "app, edited")
                .file("target/quarkus-app/quarkus/generated-bytecode.jar", "g2");
        Comparison comparison = Scenario.compare(app.snapshot(), before);
        assertEquals(Verdict.CACHED, Scenario.step(comparison, "2").verdict());
        assertEquals(Verdict.REBUILT, Scenario.step(comparison, "4").verdict());
        assertEquals(List.of(), violations(comparison));
    }

    @Test
    void aDependencyJarThatChangesWithoutADependencyChangeFails() throws Exception {
        Scenario app = Scenario.quarkusJvm(dir).dependencies("com.example:lib-a:jar:1.0", "com.example:lib-b:jar:1.0");
        Snapshot before = app.snapshot();
        app.file("target/quarkus-app/lib/main/com.example.lib-b-1.0.jar", "b 1.0, rebuilt");
        Comparison comparison = Scenario.compare(app.snapshot(), before);
        assertEquals(
                List.of("FILE_CONTENT target/quarkus-app/lib/main/com.example.lib-b-1.0.jar content changed (5 -> 14"
                        + " bytes)"),
                described(Scenario.step(comparison, "2")));
        assertNull(
                Scenario.step(comparison, "2").causes().get(0).advice(),
                "the COPY names target/: ignoring it breaks the build");
        assertEquals(List.of("2"), violations(comparison));
    }

    @Test
    void aSourceEditOfASiblingModuleChangesItsJarInTheDependencyLayerAsExpected() throws Exception {
        Scenario app = Scenario.quarkusJvm(dir)
                .file("target/quarkus-app/lib/main/org.acme.common-1.0-SNAPSHOT.jar", "c")
                .dependencies(
                        "com.example:lib-a:jar:1.0", "com.example:lib-b:jar:1.0", "org.acme:common:jar:1.0-SNAPSHOT");
        Snapshot before = app.snapshot(); // recorded before modules were: the current reactor tells
        app.file("target/quarkus-app/lib/main/org.acme.common-1.0-SNAPSHOT.jar", "c, edited")
                .modules("org.acme:common:jar:1.0-SNAPSHOT");
        Comparison comparison = Scenario.compare(app.snapshot(), before);
        StepResult lib = Scenario.step(comparison, "2");
        assertEquals(
                List.of("FILE_CONTENT target/quarkus-app/lib/main/org.acme.common-1.0-SNAPSHOT.jar content changed"
                        + " (1 -> 9 bytes) (expected: org.acme:common is a module of this build)"),
                described(lib));
        assertTrue(lib.stable() && lib.expected());
        assertEquals(List.of(), violations(comparison));
    }

    @Test
    void aDependencyBumpIsExpectedAndNamesTheJarsAddedAndRemoved() throws Exception {
        Scenario app = Scenario.quarkusJvm(dir).dependencies("com.example:lib-a:jar:1.0", "com.example:lib-b:jar:1.0");
        Snapshot before = app.snapshot();
        upgradeLibA(app)
                .file("target/quarkus-app/lib/main/com.example.lib-c-1.0.jar", "c 1.0")
                .dependencies("com.example:lib-a:jar:1.1", "com.example:lib-b:jar:1.0", "com.example:lib-c:jar:1.0");
        Comparison comparison = Scenario.compare(app.snapshot(), before);
        StepResult lib = Scenario.step(comparison, "2");
        assertEquals(
                List.of(
                        "FILE_REMOVED target/quarkus-app/lib/main/com.example.lib-a-1.0.jar was removed (expected: dependency"
                                + " com.example:lib-a 1.0 -> 1.1)",
                        "FILE_ADDED target/quarkus-app/lib/main/com.example.lib-a-1.1.jar was added (expected: dependency"
                                + " com.example:lib-a 1.0 -> 1.1)",
                        "FILE_ADDED target/quarkus-app/lib/main/com.example.lib-c-1.0.jar was added (expected: dependency added"
                                + " com.example:lib-c:1.0)"),
                described(lib));
        assertTrue(lib.stable() && lib.expected());
        assertEquals(List.of(), violations(comparison));
        assertEquals(
                List.of("com.example:lib-a 1.0 -> 1.1", "added com.example:lib-c:1.0"),
                comparison.dependencies().changes());
    }

    @Test
    void aDependencyBumpWithAModeFlipInTheLayerFailsOnTheMode() throws Exception {
        Scenario app = Scenario.quarkusJvm(dir).dependencies("com.example:lib-a:jar:1.0", "com.example:lib-b:jar:1.0");
        Snapshot before = app.snapshot();
        upgradeLibA(app)
                .chmod("target/quarkus-app/lib/main/com.example.lib-b-1.0.jar", "rwxr-xr-x")
                .dependencies("com.example:lib-a:jar:1.1", "com.example:lib-b:jar:1.0");
        Comparison comparison = Scenario.compare(app.snapshot(), before);
        assertTrue(
                described(Scenario.step(comparison, "2"))
                        .contains(
                                "FILE_MODE target/quarkus-app/lib/main/com.example.lib-b-1.0.jar mode bits changed 0644 -> 0755"));
        assertEquals(List.of("2"), violations(comparison));
    }

    @Test
    void aBaselineWithoutDependenciesLetsADependencyLayerChangeThroughAndSaysWhy() throws Exception {
        Scenario app = Scenario.quarkusJvm(dir).dependencies("com.example:lib-a:jar:1.0", "com.example:lib-b:jar:1.0");
        Snapshot before = app.snapshot().withDependencies(null);
        app.file("target/quarkus-app/lib/main/com.example.lib-b-1.0.jar", "b 1.0, rebuilt");
        Comparison comparison = Scenario.compare(app.snapshot(), before);
        assertEquals(
                "the baseline records no dependencies to check this against; record it again",
                Scenario.step(comparison, "2").causes().get(0).expectedBecause());
        assertEquals(List.of(), violations(comparison));
    }

    @Test
    void aBaseImageCauseShowsTheOldAndTheNewReference() throws Exception {
        Scenario app = new Scenario(dir).dockerfile("FROM busybox:1.36", "RUN true");
        Snapshot before = app.snapshot();
        app.dockerfile("FROM busybox:1.37", "RUN true");
        assertEquals(
                List.of("BASE_IMAGE the base image changed: docker.io/library/busybox:1.36 ->"
                        + " docker.io/library/busybox:1.37"),
                described(Scenario.step(Scenario.compare(app.snapshot(), before), "1")));
    }

    @Test
    void aBuildArgThatMovesACopySourceIsNamedNotTheInput() throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile(
                        "FROM busybox:1.36 AS build",
                        "ARG JAR=a.jar",
                        "COPY ${JAR} /app.jar",
                        "FROM busybox:1.36",
                        "ARG JAR=a.jar",
                        "COPY --from=build /app.jar /${JAR}")
                .file("a.jar", "a")
                .file("b.jar", "b")
                .buildArg("JAR", "a.jar");
        Snapshot before = app.snapshot();
        Comparison comparison = Scenario.compare(app.buildArg("JAR", "b.jar").snapshot(), before);
        assertEquals(
                List.of(
                        "FILE_REMOVED a.jar was removed",
                        "FILE_ADDED b.jar was added",
                        "BUILD_ARG build arg JAR changed: 'a.jar' -> 'b.jar' (--build-arg JAR), so the source changed: a.jar -> b.jar"),
                described(Scenario.step(comparison, "build:2")));
        assertEquals(
                List.of("BUILD_ARG build arg JAR changed: 'a.jar' -> 'b.jar' (--build-arg JAR), so the"
                        + " destination changed: /a.jar -> /b.jar"),
                described(Scenario.step(comparison, "stage-1:2")).subList(1, 2));
        comparison
                .steps()
                .forEach(s -> s.causes().forEach(c -> assertFalse(c.detail().contains("src["), c.detail())));
    }

    @Test
    void anEditOfSeveralOptionsNamesEachInWords() throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile("FROM busybox:1.36", "COPY a.txt /a/")
                .file("a.txt", "a");
        Snapshot before = app.snapshot();
        app.dockerfile("FROM busybox:1.36", "COPY --chown=185 a.txt /b/");
        assertEquals(
                List.of("INSTRUCTION --chown changed: (none) -> 185; the destination changed: /a/ -> /b/"),
                described(Scenario.step(Scenario.compare(app.snapshot(), before), "2")));
    }
}
