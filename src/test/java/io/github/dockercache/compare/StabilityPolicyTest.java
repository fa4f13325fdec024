package io.github.dockercache.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dockercache.model.Snapshot;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which steps are stable by default, and how the overrides change that (docs/stability.md). */
class StabilityPolicyTest {
    @TempDir
    java.nio.file.Path dir;

    private static Set<String> stable(Snapshot snapshot) {
        return new TreeSet<>(StabilityPolicy.defaults().stableSteps(snapshot));
    }

    private static Set<String> stable(StabilityPolicy policy, Snapshot snapshot) {
        return new TreeSet<>(policy.stableSteps(snapshot));
    }

    private static StabilityPolicy policy(
            List<String> stableSteps,
            List<String> unstableSteps,
            List<String> stableStages,
            List<String> unstableStages) {
        StabilityPolicy defaults = StabilityPolicy.defaults();
        return new StabilityPolicy(
                defaults.manifests(),
                defaults.dependencyOutputs(),
                stableSteps,
                unstableSteps,
                stableStages,
                unstableStages);
    }

    /** Spring Boot's pattern: the jar is built in a builder stage, extracted in a stage built FROM it. */
    private Scenario springBoot() {
        return new Scenario(dir)
                .dockerfile(
                        "FROM maven:3.9.9-eclipse-temurin-21 AS builder",
                        "WORKDIR /workspace",
                        "COPY pom.xml .",
                        "RUN mvn -B dependency:go-offline",
                        "COPY src ./src",
                        "RUN mvn -B -o package",
                        "",
                        "FROM builder AS extract",
                        "RUN java -Djarmode=tools -jar target/app.jar extract --layers --launcher --destination extracted",
                        "",
                        "FROM eclipse-temurin:21-jre AS runtime",
                        "WORKDIR /application",
                        "COPY --from=extract /workspace/extracted/dependencies/ ./",
                        "COPY --from=extract /workspace/extracted/spring-boot-loader/ ./",
                        "COPY --from=extract /workspace/extracted/snapshot-dependencies/ ./",
                        "COPY --from=extract /workspace/extracted/application/ ./",
                        "ENTRYPOINT [\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]")
                .file("pom.xml", "<project/>\n")
                .file("src/main/java/App.java", "class App {}\n");
    }

    @Test
    void aStageBuiltFromAStageThatReadSourcesHasNoStableStep() throws Exception {
        Scenario app = springBoot();
        Snapshot before = app.snapshot();
        assertEquals(
                new TreeSet<>(List.of(
                        "builder:1",
                        "builder:2",
                        "builder:3",
                        "builder:4",
                        "runtime:1",
                        "runtime:2",
                        "runtime:3",
                        "runtime:4")),
                stable(before),
                "extract:1 follows COPY src; the layers copied from it are stable only where they are dependencies");
        app.file("src/main/java/App.java", "class App { int x; }\n");
        Comparison comparison = Scenario.compare(app.snapshot(), before);
        assertEquals(Verdict.REBUILT, Scenario.step(comparison, "extract:1").verdict());
        assertEquals(List.of(), FailOn.STABLE.violations(comparison.steps()), "a source edit passes");
    }

    /** Docker's guide for Java: the manifest bind-mounted into the download, package and extract stages on top. */
    @Test
    void aBindMountOfAManifestKeepsTheDownloadStableAndStagesOnTopFollowTheChain() throws Exception {
        Snapshot snapshot = new Scenario(dir)
                .dockerfile(
                        "FROM eclipse-temurin:21-jdk-jammy AS deps",
                        "WORKDIR /build",
                        "COPY --chmod=0755 mvnw mvnw",
                        "COPY .mvn/ .mvn/",
                        "RUN --mount=type=bind,source=pom.xml,target=pom.xml --mount=type=cache,target=/root/.m2 ./mvnw dependency:go-offline",
                        "FROM deps AS package",
                        "COPY ./src src/",
                        "RUN --mount=type=bind,source=pom.xml,target=pom.xml ./mvnw package",
                        "FROM package AS extract",
                        "RUN java -Djarmode=layertools -jar target/app.jar extract --destination target/extracted",
                        "FROM eclipse-temurin:21-jre-jammy AS final",
                        "COPY --from=extract build/target/extracted/dependencies/ ./",
                        "COPY --from=extract build/target/extracted/application/ ./")
                .file("mvnw", "#!/bin/sh\n")
                .file(".mvn/wrapper/maven-wrapper.properties", "x=1\n")
                .file("pom.xml", "<project/>\n")
                .file("src/main/java/App.java", "class App {}\n")
                .snapshot();
        assertEquals(
                new TreeSet<>(List.of("deps:1", "deps:2", "deps:3", "deps:4", "deps:5", "final:1", "final:2")),
                stable(snapshot));
    }

    @Test
    void copyAndMountFromAStageAreStableOnlyWhileThatStageHasNotReadSources() throws Exception {
        Snapshot snapshot = new Scenario(dir)
                .dockerfile(
                        "FROM node:22 AS deps",
                        "COPY package.json package-lock.json ./",
                        "RUN npm ci",
                        "FROM node:22 AS build",
                        "COPY . .",
                        "RUN npm run build",
                        "FROM node:22 AS runtime",
                        "COPY --from=deps /node_modules ./node_modules",
                        "RUN --mount=from=deps,source=/node_modules,target=/m ls /m",
                        "RUN --mount=from=build,source=/dist,target=/d cp -r /d /app",
                        "RUN echo after")
                .file("package.json", "{}")
                .file("package-lock.json", "{}")
                .file("index.js", "1")
                .snapshot();
        assertEquals(
                new TreeSet<>(List.of("deps:1", "deps:2", "deps:3", "runtime:1", "runtime:2", "runtime:3")),
                stable(snapshot),
                "runtime:4 mounts a stage that copied sources: it and what follows are not stable");
    }

    /** The Quarkus quickstarts' src/main/docker/Dockerfile.jvm, with their .dockerignore. */
    @Test
    void theDependencyLayerOfAQuarkusImageIsStable() throws Exception {
        Snapshot snapshot = Scenario.quarkusJvm(dir).snapshot();
        assertEquals(
                new TreeSet<>(List.of("1", "2")),
                stable(snapshot),
                "FROM and COPY lib/; *.jar, app/ and quarkus/ read sources");
    }

    /** Spring's "Spring Boot with Docker" guide: the jar unpacked into target/dependency, its libraries copied first. */
    @Test
    void theLibrariesOfAnUnpackedSpringBootJarAreStableItsClassesAreNot() throws Exception {
        Snapshot snapshot = new Scenario(dir)
                .dockerfile(
                        "FROM eclipse-temurin:21-jre",
                        "ARG DEPENDENCY=target/dependency",
                        "COPY ${DEPENDENCY}/BOOT-INF/lib /app/lib",
                        "COPY ${DEPENDENCY}/META-INF /app/META-INF",
                        "COPY ${DEPENDENCY}/BOOT-INF/classes /app")
                .file("target/dependency/BOOT-INF/lib/lib-a-1.0.jar", "a")
                .file("target/dependency/META-INF/MANIFEST.MF", "Start-Class: App\n")
                .file("target/dependency/BOOT-INF/classes/App.class", "app")
                .snapshot();
        assertEquals(new TreeSet<>(List.of("1", "2")), stable(snapshot));
    }

    @Test
    void stageCommentsAndSettingsOverrideTheDefaultAndAStepsOwnSettingWins() throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile(
                        "FROM busybox:1.36 AS deps",
                        "RUN echo download",
                        "# dockercache:unstable-stage",
                        "FROM deps AS tools",
                        "RUN echo tools",
                        "# dockercache:stable",
                        "RUN echo pinned",
                        "# dockercache:stable-stage",
                        "FROM busybox:1.36 AS app",
                        "COPY a.txt /a.txt",
                        "COPY --from=tools /etc/hostname /tools",
                        "# dockercache:unstable",
                        "RUN echo after")
                .file("a.txt", "a");
        Snapshot snapshot = app.snapshot();
        assertEquals(
                new TreeSet<>(List.of("deps:1", "deps:2", "tools:2", "app:1", "app:2", "app:3")), stable(snapshot));
        assertEquals(
                new TreeSet<>(List.of("deps:1", "tools:1", "tools:2", "app:1", "app:2", "app:3")),
                stable(policy(List.of("tools:1"), List.of("echo download"), List.of(), List.of()), snapshot),
                "a step entry beats a stage comment; unstableSteps beats the default");
        assertEquals(
                new TreeSet<>(List.of("tools:2", "app:1", "app:2", "app:3")),
                stable(policy(List.of(), List.of(), List.of(), List.of("DEPS")), snapshot));
        assertEquals(
                new TreeSet<>(List.of("deps:1", "deps:2", "tools:2", "app:1", "app:2", "app:3")),
                stable(policy(List.of(), List.of(), List.of("tools"), List.of()), snapshot),
                "at one level unstable wins: the comment keeps tools unstable");
    }

    @Test
    void aStageMarkedUnstableEndsTheStablePartForStagesBuiltFromIt() throws Exception {
        Snapshot snapshot = new Scenario(dir)
                .dockerfile(
                        "# dockercache:unstable-stage",
                        "FROM busybox:1.36 AS base",
                        "RUN echo base",
                        "FROM base AS child",
                        "RUN echo child")
                .snapshot();
        assertEquals(Set.of(), stable(snapshot));
    }

    @Test
    void aMarkerThatMarksNothingIsAWarning() throws Exception {
        Snapshot snapshot = new Scenario(dir)
                .dockerfile(
                        "FROM busybox:1.36 AS base",
                        "# dockercache:stable-stage",
                        "RUN echo base",
                        "# dockercache:stable",
                        "FROM base AS child",
                        "# dockercache:unstable",
                        "ENV A=1",
                        "RUN echo child")
                .snapshot();
        assertEquals(
                List.of(
                        "Dockerfile:3:1: # dockercache:stable-stage marks a stage and has no effect above RUN: put it directly"
                                + " above the stage's FROM",
                        "Dockerfile:5:1: # dockercache:stable has no effect: FROM at this line makes no build step; to mark the"
                                + " whole stage, write # dockercache:stable-stage above it",
                        "Dockerfile:7:1: # dockercache:unstable has no effect: ENV at this line makes no build step"),
                snapshot.warnings());
    }

    @Test
    void anOverrideEntryThatMatchesNothingIsNamed() throws Exception {
        Snapshot snapshot = new Scenario(dir)
                .dockerfile("FROM busybox:1.36 AS base", "RUN echo hi")
                .snapshot();
        StabilityPolicy policy = policy(List.of("9", "echo hi"), List.of(), List.of("Base"), List.of("runtime"));
        assertEquals(
                List.of(
                        new StabilityPolicy.Unmatched(
                                "stableSteps",
                                "9",
                                "matches no step: it is neither a step id (1, 2) nor text of an instruction built for"
                                        + " this target"),
                        new StabilityPolicy.Unmatched(
                                "unstableStages", "runtime", "names no stage of the Dockerfile (base)")),
                policy.unmatched(snapshot, List.of("base")));
    }

    @Test
    void anEmptyDependencyOutputDirectoryIsJudgedByItsSource() throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile(Scenario.QUARKUS_DOCKERFILE)
                .file(".dockerignore", "")
                .file("target/quarkus-app/quarkus-run.jar", "run");
        java.nio.file.Files.createDirectories(dir.resolve("target/quarkus-app/lib"));
        java.nio.file.Files.createDirectories(dir.resolve("target/quarkus-app/app"));
        java.nio.file.Files.createDirectories(dir.resolve("target/quarkus-app/quarkus"));
        assertEquals(new TreeSet<>(List.of("1", "2")), stable(app.snapshot()));
    }
}
