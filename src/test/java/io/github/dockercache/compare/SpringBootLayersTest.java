package io.github.dockercache.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.model.Snapshot;
import io.github.dockercache.report.Goal;
import io.github.dockercache.report.HtmlReport;
import io.github.dockercache.report.JsonReport;
import io.github.dockercache.testing.SpringBootJar;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layers of a Spring Boot jar extracted in one stage and copied in the next, predicted from the jar's own entries:
 * the Dockerfile Spring Boot documents, and the engine-confirmed verdicts of the differential scenarios
 * {@code spring-boot-*}.
 */
class SpringBootLayersTest {
    /** Spring Boot's documented Dockerfile (3.3 and later), with the JRE image its examples name. */
    static final List<String> TOOLS_DOCKERFILE = List.of(
            "FROM eclipse-temurin:21-jre AS extract",
            "WORKDIR /builder",
            "COPY target/*.jar application.jar",
            "RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted",
            "FROM eclipse-temurin:21-jre",
            "WORKDIR /application",
            "COPY --from=extract /builder/extracted/dependencies/ ./",
            "COPY --from=extract /builder/extracted/spring-boot-loader/ ./",
            "COPY --from=extract /builder/extracted/snapshot-dependencies/ ./",
            "COPY --from=extract /builder/extracted/application/ ./",
            "ENTRYPOINT [\"java\", \"-jar\", \"application.jar\"]");
    /** The Dockerfile of Spring Boot 2.3 to 3.2's documentation: {@code -Djarmode=layertools} and a relative WORKDIR. */
    private static final List<String> LAYERTOOLS_DOCKERFILE = List.of(
            "FROM eclipse-temurin:17-jre AS builder",
            "WORKDIR application",
            "ARG JAR_FILE=target/*.jar",
            "COPY ${JAR_FILE} application.jar",
            "RUN java -Djarmode=layertools -jar application.jar extract",
            "FROM eclipse-temurin:17-jre",
            "WORKDIR application",
            "COPY --from=builder application/dependencies/ ./",
            "COPY --from=builder application/spring-boot-loader/ ./",
            "COPY --from=builder application/snapshot-dependencies/ ./",
            "COPY --from=builder application/application/ ./");

    private static final Instant LATER = Instant.parse("2024-06-01T12:00:00Z");

    @TempDir
    java.nio.file.Path dir;

    private Scenario app(List<String> dockerfile) {
        return new Scenario(dir).dockerfile(dockerfile.toArray(String[]::new)).file(".dockerignore", "");
    }

    /** The verdicts of the runtime stage's layer copies after the jar is rewritten by {@code change}. */
    private Comparison rebuilt(List<String> dockerfile, UnaryOperator<SpringBootJar> change) throws Exception {
        return rebuilt(dockerfile, UnaryOperator.identity(), change);
    }

    /** The app jar made by {@code jar}, then changed by {@code change}, compared with it. */
    private Comparison rebuilt(
            List<String> dockerfile, UnaryOperator<SpringBootJar> jar, UnaryOperator<SpringBootJar> change)
            throws Exception {
        Scenario app = app(dockerfile);
        jar.apply(SpringBootJar.app()).writeTo(dir.resolve("target/app.jar"));
        Snapshot before = app.snapshot();
        change.apply(jar.apply(SpringBootJar.app())).writeTo(dir.resolve("target/app.jar"));
        return Scenario.compare(app.snapshot(), before);
    }

    @Test
    void aChangedClassRebuildsTheApplicationLayerOnly() throws Exception {
        Comparison comparison = rebuilt(
                TOOLS_DOCKERFILE,
                jar -> jar.file("BOOT-INF/classes/com/example/App.class", "class App v2")
                        .time(LATER));
        Map<String, Verdict> verdicts = Scenario.verdicts(comparison);
        assertEquals(Verdict.REBUILT, verdicts.get("extract:4"), verdicts.toString());
        assertEquals(Verdict.CACHED, verdicts.get("stage-1:3"), verdicts.toString());
        assertEquals(Verdict.CACHED, verdicts.get("stage-1:4"), verdicts.toString());
        assertEquals(Verdict.CACHED, verdicts.get("stage-1:5"), verdicts.toString());
        assertEquals(Verdict.REBUILT, verdicts.get("stage-1:6"), verdicts.toString());
        Cause cause = Scenario.step(comparison, "stage-1:6").causes().get(0);
        assertEquals(CauseKind.JAR_LAYER, cause.kind());
        assertEquals(
                "layer 'application' of target/app.jar changed: BOOT-INF/classes/com/example: changed App.class",
                cause.detail());
    }

    @Test
    void aChangedDependencyRebuildsTheDependencyLayerAndNamesTheEntry() throws Exception {
        Comparison comparison =
                rebuilt(TOOLS_DOCKERFILE, jar -> jar.file("BOOT-INF/lib/caffeine-3.2.2.jar", "caffeine 3.2.2 rebuilt"));
        assertEquals(Verdict.REBUILT, Scenario.step(comparison, "stage-1:3").verdict());
        Cause cause = Scenario.step(comparison, "stage-1:3").causes().get(0);
        assertEquals(CauseKind.JAR_LAYER, cause.kind());
        assertEquals(List.of("BOOT-INF/lib/caffeine-3.2.2.jar"), cause.entries().changed());
        assertEquals(
                "layer 'dependencies' of target/app.jar changed: BOOT-INF/lib: changed caffeine-3.2.2.jar",
                cause.detail());
    }

    @Test
    void aDependencyUpgradeSaysWhichJarWasAddedAndWhichRemoved() throws Exception {
        Comparison comparison = rebuilt(
                TOOLS_DOCKERFILE,
                jar -> jar.without("BOOT-INF/lib/guava-19.0.jar").file("BOOT-INF/lib/guava-20.0.jar", "guava 20"));
        Cause cause = Scenario.step(comparison, "stage-1:3").causes().get(0);
        assertEquals(
                new EntryChanges(
                        List.of("BOOT-INF/lib/guava-20.0.jar"),
                        List.of("BOOT-INF/lib/guava-19.0.jar"),
                        List.of(),
                        List.of()),
                cause.entries());
        assertEquals(
                "layer 'dependencies' of target/app.jar changed: BOOT-INF/lib: added guava-20.0.jar; removed"
                        + " guava-19.0.jar",
                cause.detail());
        Cause jar = Scenario.step(comparison, "extract:3").causes().get(0);
        assertEquals(
                "target/app.jar content changed: BOOT-INF: changed classpath.idx, layers.idx; BOOT-INF/lib: added"
                        + " guava-20.0.jar; removed guava-19.0.jar",
                jar.detail());
        assertNull(jar.advice(), "ignoring target/ would break COPY target/*.jar");
        String html = HtmlReport.of(comparison, FailOn.STABLE);
        assertTrue(
                html.contains("<span class=\"entries\">BOOT-INF: changed classpath.idx, layers.idx; BOOT-INF/lib:"
                        + " added guava-20.0.jar; removed guava-19.0.jar</span>"),
                html);
        assertTrue(
                html.contains("dependencies&#39; of target/app.jar changed: BOOT-INF/lib: added guava-20.0.jar; removed"
                        + " guava-19.0.jar"),
                html);
        String json = JsonReport.of(Goal.CHECK, comparison, ".dockercache/baseline.json", false);
        assertTrue(json.contains("\"kind\": \"jar-layer\""), json);
        assertTrue(
                json.replaceAll("\\s+", "")
                        .contains("\"entries\":{\"added\":[\"BOOT-INF/lib/guava-20.0.jar\"],"
                                + "\"removed\":[\"BOOT-INF/lib/guava-19.0.jar\"],\"changed\":[],\"restamped\":[]}"),
                json);
    }

    /** As {@link #rebuilt}, with the project's runtime dependencies before and after as Maven lists them. */
    private Comparison rebuilt(List<String> before, List<String> after, UnaryOperator<SpringBootJar> change)
            throws Exception {
        Scenario app = app(TOOLS_DOCKERFILE).dependencies(before.toArray(String[]::new));
        SpringBootJar.app().writeTo(dir.resolve("target/app.jar"));
        Snapshot baseline = app.snapshot();
        change.apply(SpringBootJar.app()).writeTo(dir.resolve("target/app.jar"));
        return Scenario.compare(app.dependencies(after.toArray(String[]::new)).snapshot(), baseline);
    }

    private static final List<String> GUAVA_19 =
            List.of("com.github.ben-manes.caffeine:caffeine:jar:3.2.2", "com.google.guava:guava:jar:19.0");

    @Test
    void aDependencyUpgradeInsideTheJarIsTheExpectedCauseOfTheStableDependencyLayer() throws Exception {
        Comparison comparison = rebuilt(
                GUAVA_19,
                List.of("com.github.ben-manes.caffeine:caffeine:jar:3.2.2", "com.google.guava:guava:jar:20.0"),
                jar -> jar.without("BOOT-INF/lib/guava-19.0.jar").file("BOOT-INF/lib/guava-20.0.jar", "guava 20"));
        StepResult layer = Scenario.step(comparison, "stage-1:3");
        assertTrue(layer.stable(), "the dependencies layer is stable by default");
        assertEquals(Verdict.REBUILT, layer.verdict());
        assertEquals(
                "dependency com.google.guava:guava 19.0 -> 20.0",
                layer.causes().get(0).expectedBecause());
        assertEquals(
                List.of(),
                FailOn.STABLE.violations(comparison.steps()).stream()
                        .map(StepResult::stepId)
                        .toList());
    }

    /**
     * Spring's guide builds the jar in the stage that extracts it: COPY pom.xml comes before the jar's COPY, so a
     * dependency change also changes what the extraction builds on. That never changes the layers Spring Boot
     * extracts from the jar, so the dependencies layer is rebuilt for its expected cause alone (project
     * spring-boot-cache-mount).
     */
    @Test
    void aDependencyChangeBeforeTheJarsCopyIsNoUnexpectedCauseOfTheDependencyLayer() throws Exception {
        List<String> dockerfile = new java.util.ArrayList<>(TOOLS_DOCKERFILE);
        dockerfile.add(2, "COPY pom.xml .");
        Scenario app =
                app(dockerfile).dependencies(GUAVA_19.toArray(String[]::new)).file("pom.xml", "<project/>");
        SpringBootJar.app().writeTo(dir.resolve("target/app.jar"));
        Snapshot baseline = app.snapshot();
        SpringBootJar.app()
                .without("BOOT-INF/lib/guava-19.0.jar")
                .file("BOOT-INF/lib/guava-20.0.jar", "guava 20")
                .writeTo(dir.resolve("target/app.jar"));
        Comparison comparison = Scenario.compare(
                app.file("pom.xml", "<project><!-- guava 20 --></project>")
                        .dependencies(
                                "com.github.ben-manes.caffeine:caffeine:jar:3.2.2", "com.google.guava:guava:jar:20.0")
                        .snapshot(),
                baseline);
        StepResult layer = Scenario.step(comparison, "stage-1:3");
        assertEquals(Verdict.REBUILT, layer.verdict());
        assertTrue(layer.expected(), layer.causes().toString());
        assertTrue(
                layer.causes().stream().anyMatch(cause -> cause.detail().contains("a step before the jar's COPY")),
                layer.causes().toString());
        assertEquals(
                List.of(),
                FailOn.STABLE.violations(comparison.steps()).stream()
                        .map(StepResult::stepId)
                        .toList());
    }

    @Test
    void aDependencyJarThatChangesInsideTheJarWithoutADependencyChangeFails() throws Exception {
        Comparison comparison = rebuilt(
                GUAVA_19, GUAVA_19, jar -> jar.file("BOOT-INF/lib/caffeine-3.2.2.jar", "caffeine 3.2.2 rebuilt"));
        StepResult layer = Scenario.step(comparison, "stage-1:3");
        assertNull(layer.causes().get(0).expectedBecause());
        // the loader layer above it is stable too, and rebuilt with it
        assertEquals(
                List.of("stage-1:3", "stage-1:4"),
                FailOn.STABLE.violations(comparison.steps()).stream()
                        .map(StepResult::stepId)
                        .toList());
    }

    @Test
    void aChangedSnapshotRebuildsItsOwnLayerAndLeavesTheDependenciesCached() throws Exception {
        Map<String, Verdict> verdicts = Scenario.verdicts(rebuilt(
                TOOLS_DOCKERFILE, jar -> jar.file("BOOT-INF/lib/demo-lib-1.0-SNAPSHOT.jar", "demo-lib snapshot v2")));
        assertEquals(Verdict.CACHED, verdicts.get("stage-1:3"), verdicts.toString());
        assertEquals(Verdict.CACHED, verdicts.get("stage-1:4"), verdicts.toString());
        assertEquals(Verdict.REBUILT, verdicts.get("stage-1:5"), verdicts.toString());
    }

    @Test
    void aSnapshotLibraryBuiltAgainWithNewTimesOnlyIsNamedAsReStamped() throws Exception {
        SpringBootJar library = new SpringBootJar().file("com/example/lib/Lib.class", "lib bytes");
        byte[] before = library.bytes();
        byte[] after = library.time(LATER).bytes();
        Scenario app = app(TOOLS_DOCKERFILE);
        SpringBootJar.app()
                .file("BOOT-INF/lib/demo-lib-1.0-SNAPSHOT.jar", before)
                .writeTo(dir.resolve("target/app.jar"));
        Snapshot baseline = app.snapshot();
        SpringBootJar.app()
                .file("BOOT-INF/lib/demo-lib-1.0-SNAPSHOT.jar", after)
                .writeTo(dir.resolve("target/app.jar"));
        Comparison comparison = Scenario.compare(app.snapshot(), baseline);

        assertEquals(Verdict.CACHED, Scenario.step(comparison, "stage-1:3").verdict());
        StepResult snapshots = Scenario.step(comparison, "stage-1:5");
        assertEquals(Verdict.REBUILT, snapshots.verdict(), "other bytes in the layer, whatever they hold");
        Cause cause = snapshots.causes().get(0);
        assertEquals(
                List.of("BOOT-INF/lib/demo-lib-1.0-SNAPSHOT.jar"),
                cause.entries().restamped());
        assertEquals(
                "layer 'snapshot-dependencies' of target/app.jar changed: BOOT-INF/lib: re-stamped"
                        + " demo-lib-1.0-SNAPSHOT.jar",
                cause.detail());
        assertEquals(Advice.RESTAMPED_LIBRARIES, cause.advice());
    }

    @Test
    void anEntryMovedToAnotherLayerRebuildsBoth() throws Exception {
        Comparison comparison = rebuilt(TOOLS_DOCKERFILE, jar -> jar.file(SpringBootJar.LAYERS_INDEX, """
                - "dependencies":
                  - "BOOT-INF/lib/caffeine-3.2.2.jar"
                  - "BOOT-INF/lib/spring-boot-jarmode-tools-3.5.0.jar"
                - "spring-boot-loader":
                  - "org/"
                - "snapshot-dependencies":
                  - "BOOT-INF/lib/demo-lib-1.0-SNAPSHOT.jar"
                  - "BOOT-INF/lib/guava-19.0.jar"
                - "application":
                  - "BOOT-INF/classes/"
                  - "BOOT-INF/classpath.idx"
                  - "BOOT-INF/layers.idx"
                  - "META-INF/"
                """));
        assertEquals(Verdict.REBUILT, Scenario.step(comparison, "stage-1:3").verdict());
        assertEquals(
                List.of("BOOT-INF/lib/guava-19.0.jar"),
                Scenario.step(comparison, "stage-1:3").causes().get(0).entries().removed());
    }

    @Test
    void aJarRebuiltWithNewTimesOnlyKeepsTheLibrariesCachedButNotTheRewrittenApplicationJar() throws Exception {
        Comparison comparison = rebuilt(TOOLS_DOCKERFILE, jar -> jar.time(LATER));
        Map<String, Verdict> verdicts = Scenario.verdicts(comparison);
        assertEquals(Verdict.CACHED, verdicts.get("stage-1:5"), verdicts.toString());
        assertEquals(Verdict.REBUILT, verdicts.get("stage-1:6"), verdicts.toString());
        Cause cause = Scenario.step(comparison, "stage-1:6").causes().get(0);
        assertEquals(
                "layer 'application' of target/app.jar changed: Spring Boot writes its application jar anew, with"
                        + " the time of the extraction, whenever target/app.jar changes (its entries were re-stamped with another"
                        + " build time: 4)",
                cause.detail());
        assertTrue(
                cause.advice().startsWith("spring-boot-maven-plugin's repackage wrote this jar (Spring Boot 3.5.0)"),
                cause.advice());
    }

    @Test
    void theApplicationJarIsWrittenAnewWhenOnlyAnotherLayerChanged() throws Exception {
        List<String> applicationFirst = List.of(
                TOOLS_DOCKERFILE.get(0),
                TOOLS_DOCKERFILE.get(1),
                TOOLS_DOCKERFILE.get(2),
                TOOLS_DOCKERFILE.get(3),
                TOOLS_DOCKERFILE.get(4),
                TOOLS_DOCKERFILE.get(5),
                TOOLS_DOCKERFILE.get(9),
                TOOLS_DOCKERFILE.get(6));
        Comparison comparison =
                rebuilt(applicationFirst, jar -> jar.file("BOOT-INF/lib/caffeine-3.2.2.jar", "caffeine 3.2.2 rebuilt"));
        StepResult application = Scenario.step(comparison, "stage-1:3");
        assertEquals(Verdict.REBUILT, application.verdict());
        assertEquals(
                "layer 'application' of target/app.jar changed: Spring Boot writes its application jar anew, with"
                        + " the time of the extraction, whenever target/app.jar changes",
                application.causes().get(0).detail());
    }

    @Test
    void theLauncherLayoutKeepsNoTimesSoARestampedJarStaysCached() throws Exception {
        List<String> dockerfile = TOOLS_DOCKERFILE.stream()
                .map(line -> line.replace("--layers", "--layers --launcher"))
                .toList();
        Map<String, Verdict> verdicts = Scenario.verdicts(rebuilt(dockerfile, jar -> jar.time(LATER)));
        assertEquals(Verdict.REBUILT, verdicts.get("extract:4"), verdicts.toString());
        for (String id : List.of("stage-1:3", "stage-1:4", "stage-1:5", "stage-1:6")) {
            assertEquals(Verdict.CACHED, verdicts.get(id), id + ": " + verdicts);
        }
    }

    /** {@code -Djarmode=layertools} runs from spring-boot-jarmode-tools (3.3 and later) or -layertools (2.3 to 3.2). */
    @Test
    void theLayertoolsFormOfSpringBoot2IsReadAsTheLauncherLayoutWithEitherJarmodeLibrary() throws Exception {
        UnaryOperator<SpringBootJar> layertoolsLibrary =
                jar -> jar.without("BOOT-INF/lib/spring-boot-jarmode-tools-3.5.0.jar")
                        .file("BOOT-INF/lib/spring-boot-jarmode-layertools-3.2.0.jar", "jarmode layertools 3.2.0");
        for (UnaryOperator<SpringBootJar> library :
                List.of(UnaryOperator.<SpringBootJar>identity(), layertoolsLibrary)) {
            Map<String, Verdict> verdicts = Scenario.verdicts(rebuilt(
                    LAYERTOOLS_DOCKERFILE,
                    library,
                    jar -> jar.file("BOOT-INF/classes/com/example/App.class", "class App v2")
                            .time(LATER)));
            assertEquals(Verdict.CACHED, verdicts.get("stage-1:3"), verdicts.toString());
            assertEquals(Verdict.REBUILT, verdicts.get("stage-1:6"), verdicts.toString());
        }
    }

    @Test
    void aLayertoolsExtractionWithoutAJarmodeLibrarySaysSo() throws Exception {
        Scenario app = app(LAYERTOOLS_DOCKERFILE);
        SpringBootJar.app()
                .without("BOOT-INF/lib/spring-boot-jarmode-tools-3.5.0.jar")
                .writeTo(dir.resolve("target/app.jar"));
        String reason = app.snapshot().steps().stream()
                .filter(s -> s.place().id().equals("stage-1:3"))
                .findFirst()
                .orElseThrow()
                .keys()
                .unknownReason();
        assertTrue(
                reason.contains("target/app.jar has no spring-boot-jarmode-tools-*.jar or"
                        + " spring-boot-jarmode-layertools-*.jar in BOOT-INF/lib/: the jarmode 'layertools' is not there to"
                        + " run"),
                reason);
    }

    @Test
    void theToolsModeDoesNotRunFromTheLayertoolsLibrary() throws Exception {
        Scenario app = app(TOOLS_DOCKERFILE);
        SpringBootJar.app()
                .without("BOOT-INF/lib/spring-boot-jarmode-tools-3.5.0.jar")
                .file("BOOT-INF/lib/spring-boot-jarmode-layertools-3.2.0.jar", "jarmode layertools 3.2.0")
                .writeTo(dir.resolve("target/app.jar"));
        String reason = app.snapshot().steps().stream()
                .filter(s -> s.place().id().equals("stage-1:3"))
                .findFirst()
                .orElseThrow()
                .keys()
                .unknownReason();
        assertTrue(
                reason.contains("target/app.jar has no spring-boot-jarmode-tools-*.jar in BOOT-INF/lib/: the"
                        + " jarmode 'tools' is not there to run"),
                reason);
    }

    @Test
    void aChangedExtractionStageLeavesUnchangedLayersUnknown() throws Exception {
        Scenario app = app(TOOLS_DOCKERFILE);
        SpringBootJar.app().writeTo(dir.resolve("target/app.jar"));
        Snapshot before = app.snapshot();
        app.dockerfile(TOOLS_DOCKERFILE.stream()
                .map(line -> line.replace("FROM eclipse-temurin:21-jre AS", "FROM eclipse-temurin:21.0.5_11-jre AS"))
                .toArray(String[]::new));
        StepResult dependencies = Scenario.step(Scenario.compare(app.snapshot(), before), "stage-1:3");
        assertEquals(Verdict.UNKNOWN, dependencies.verdict());
        assertTrue(dependencies.unknownReason().contains("is read from the jar"), dependencies.unknownReason());
    }

    @Test
    void anOptionThatIsNotModelledLeavesTheLayersUnknown() throws Exception {
        List<String> dockerfile = TOOLS_DOCKERFILE.stream()
                .map(line -> line.replace("--destination extracted", "--destination extracted --libraries deps"))
                .toList();
        StepResult dependencies = Scenario.step(rebuilt(dockerfile, jar -> jar.time(LATER)), "stage-1:3");
        assertEquals(Verdict.UNKNOWN, dependencies.verdict());
        assertTrue(
                dependencies.unknownReason().contains("byte-identical, which takes a real build"),
                dependencies.unknownReason());
    }

    @Test
    void aJarWithoutLayersIndexIsUnknownAndSaysWhy() throws Exception {
        String manifest =
                "Manifest-Version: 1.0\r\nMain-Class: org.springframework.boot.loader.launch.JarLauncher\r\n\r\n";
        Scenario app = app(TOOLS_DOCKERFILE);
        SpringBootJar.app().file("META-INF/MANIFEST.MF", manifest).writeTo(dir.resolve("target/app.jar"));
        Snapshot before = app.snapshot();
        SpringBootJar.app()
                .file("META-INF/MANIFEST.MF", manifest)
                .file("BOOT-INF/classes/com/example/App.class", "v2")
                .writeTo(dir.resolve("target/app.jar"));
        StepResult dependencies = Scenario.step(Scenario.compare(app.snapshot(), before), "stage-1:3");
        assertEquals(Verdict.UNKNOWN, dependencies.verdict());
        assertTrue(
                dependencies
                        .unknownReason()
                        .contains("target/app.jar has no layers index (no"
                                + " Spring-Boot-Layers-Index in its manifest)"),
                dependencies.unknownReason());
    }

    @Test
    void aJarThatIsNotASpringBootJarIsNotPredicted() throws Exception {
        Scenario app = app(TOOLS_DOCKERFILE);
        SpringBootJar.app()
                .file(
                        "META-INF/MANIFEST.MF",
                        "Manifest-Version: 1.0\r\nMain-Class: com.example.App\r\n"
                                + "Spring-Boot-Layers-Index: BOOT-INF/layers.idx\r\n\r\n")
                .writeTo(dir.resolve("target/app.jar"));
        Snapshot snapshot = app.snapshot();
        String reason = snapshot.steps().stream()
                .filter(s -> s.place().id().equals("stage-1:3"))
                .findFirst()
                .orElseThrow()
                .keys()
                .unknownReason();
        assertTrue(reason.contains("is not a Spring Boot jar (its Main-Class is com.example.App)"), reason);
    }

    @Test
    void theSnapshotRecordsWhichEntriesALayerHolds() throws Exception {
        Scenario app = app(TOOLS_DOCKERFILE);
        SpringBootJar.app().writeTo(dir.resolve("target/app.jar"));
        var step = app.snapshot().steps().stream()
                .filter(s -> s.place().id().equals("stage-1:3"))
                .findFirst()
                .orElseThrow();
        var held = io.github.dockercache.model.LayerEntries.parse(
                step.reads().inputs().get("unkeyed:src[0].layer-entries"));
        assertNotNull(held);
        assertEquals("dependencies", held.layer());
        assertEquals(
                List.of(
                        "BOOT-INF/lib/caffeine-3.2.2.jar",
                        "BOOT-INF/lib/guava-19.0.jar",
                        "BOOT-INF/lib/spring-boot-jarmode-tools-3.5.0.jar"),
                List.copyOf(held.entries().keySet()));
    }
}
