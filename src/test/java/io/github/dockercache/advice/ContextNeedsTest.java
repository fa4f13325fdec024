package io.github.dockercache.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.context.ScanProgress;
import io.github.dockercache.dockerfile.BuildKitVersion;
import io.github.dockercache.model.Analysis;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.ImageDigests;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No suggested ignore line takes what a source of any stage, any target or another Dockerfile names (issue 14 #4). */
class ContextNeedsTest {
    @TempDir
    Path dir;

    /** A Spring Boot project built in a stage, with a second target that copies the jar built on the host. */
    private Project springBoot() {
        return springBootWith("FROM eclipse-temurin:21-jre AS prebuilt", "COPY target/*.jar /app.jar");
    }

    /** The project built in a stage, then {@code otherStage}, then the image from the built jar. */
    private Project springBootWith(String... otherStage) {
        List<String> lines = new ArrayList<>(List.of(
                "FROM maven:3.9.9-eclipse-temurin-21 AS build",
                "WORKDIR /workspace",
                "COPY . .",
                "RUN mvn -B package"));
        lines.addAll(List.of(otherStage));
        lines.addAll(List.of("FROM eclipse-temurin:21-jre", "COPY --from=build /workspace/target/*.jar /app.jar"));
        return new Project(dir)
                .file("pom.xml", "<project/>\n")
                .file("src/main/java/App.java", "class App {}\n")
                .file("target/app.jar", "jar\n")
                .file("target/classes/App.txt", "class\n")
                .dockerfile(lines.toArray(String[]::new));
    }

    @Test
    void anotherTargetCopiesFromTargetSoTheBroadCopyLeavesItOutInstead() throws Exception {
        Finding finding = springBoot().findings("DC202").get(0);
        assertEquals("target", finding.path());
        assertEquals("""
                leave it out of this COPY (another step copies it on purpose; dockerfile syntax 1.19 or later):
                  COPY --exclude=target . .""", finding.fix());
        assertEquals(
                List.of(Edit.DockerfileLines.replace(3, 3, List.of("COPY --exclude=target . ."))), finding.edits());
    }

    @Test
    void withoutExcludeTheIgnoreLinesKeepWhatTheOtherTargetCopies() throws Exception {
        // BuildKit 0.13 knows no COPY --exclude without a # syntax= frontend, so the ignore file is narrowed instead
        Finding finding =
                springBoot().buildkit(BuildKitVersion.OLDEST).findings("DC202").get(0);
        assertEquals(
                List.of(new Edit.IgnoreLines(".dockerignore", List.of("target/*", "!target/*.jar", ".dockerignore"))),
                finding.edits());
        assertEquals("""
                create .dockerignore (the ! exceptions keep what a step copies on purpose; it lists itself, so that no COPY \
                copies it):
                  target/*
                  !target/*.jar
                  .dockerignore""", finding.fix());
    }

    @Test
    void theLegacyBuilderIgnoresExcludeSoItGetsTheIgnoreLines() throws Exception {
        // Docker 28's legacy builder ignores COPY --exclude (with a warning), Docker 26's rejects it
        Finding finding = springBoot().builder(Builder.CLASSIC).findings("DC202").stream()
                .filter(f -> f.path().equals("target"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                List.of(new Edit.IgnoreLines(".dockerignore", List.of("target/*", "!target/*.jar", ".dockerignore"))),
                finding.edits());
    }

    @Test
    void aSourceThatMatchesNothingYetIsKeptToo() throws Exception {
        // the native binary is not built on this machine, but the other target copies it once it is
        List<Finding> findings = springBootWith("FROM ubuntu:24.04 AS native", "COPY target/*-runner /app")
                .buildkit(BuildKitVersion.OLDEST)
                .findings("DC202");
        assertEquals(
                List.of(new Edit.IgnoreLines(
                        ".dockerignore", List.of("target/*", "!target/*-runner", ".dockerignore"))),
                findings.get(0).edits());
    }

    @Test
    void aSourceThatCannotBeExpandedKeepsEverythingBelowItsDirectory() throws Exception {
        List<Finding> findings = springBootWith(
                        "FROM eclipse-temurin:21-jre AS prebuilt", "ARG JAR", "COPY target/${JAR} /app.jar")
                .buildkit(BuildKitVersion.OLDEST)
                .findings("DC202");
        assertEquals(List.of(), findings); // all of target/ may be needed: nothing left to leave out
    }

    @Test
    void aBindMountOfTheWholeContextNeedsEverything() throws Exception {
        List<Finding> findings = springBootWith(
                        "FROM maven:3.9.9-eclipse-temurin-21 AS test",
                        "RUN --mount=type=bind,target=/src mvn -f /src/pom.xml verify")
                .buildkit(BuildKitVersion.OLDEST)
                .findings("DC202");
        assertEquals(List.of(), findings);
    }

    @Test
    void anExceptionThatWouldBringBackWhatTheIgnoreFileLeavesOutIsNotOffered() throws Exception {
        List<Finding> findings = springBoot()
                .buildkit(BuildKitVersion.OLDEST)
                .file("target/signing-key.jar", "secret\n")
                .file(".dockerignore", "target/signing-key.jar\n.dockerignore\n")
                .findings("DC202");
        // target/* then !target/*.jar would send target/signing-key.jar again
        assertEquals(
                List.of(),
                findings.stream().filter(f -> f.path().equals("target")).toList());
    }

    /** Quarkus: three Dockerfiles beside each other read the project's one .dockerignore. */
    private Project quarkus() {
        return new Project(dir)
                .builder(Builder.CLASSIC) // the legacy builder uploads the whole context, so DC201 speaks
                .file(
                        ".dockerignore",
                        "*\n!target/*-runner\n!target/*-runner.jar\n!target/lib/*\n!target/quarkus-app/\n")
                .file("pom.xml", "<project/>\n")
                .file("target/quarkus-app/quarkus-run.jar", "jar\n")
                .file("target/quarkus-app/lib/main/core.jar", "jar\n")
                .file("target/quarkus-app/app/app.jar", "jar\n")
                .file("target/quarkus-app/quarkus/generated-bytecode.jar", "jar\n")
                .file("target/app-runner.jar", "jar\n")
                .file("target/lib/core.jar", 150 * 1024)
                .file("target/app-runner", 300 * 1024)
                .file(
                        "src/main/docker/Dockerfile.jvm",
                        String.join(
                                "\n",
                                "FROM registry.access.redhat.com/ubi9/openjdk-21-runtime:1.24",
                                "COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/",
                                "COPY --chown=185 target/quarkus-app/*.jar /deployments/",
                                "COPY --chown=185 target/quarkus-app/app/ /deployments/app/",
                                "COPY --chown=185 target/quarkus-app/quarkus/ /deployments/quarkus/",
                                ""))
                .file(
                        "src/main/docker/Dockerfile.legacy-jar",
                        String.join(
                                "\n",
                                "FROM registry.access.redhat.com/ubi9/openjdk-21-runtime:1.24",
                                "COPY target/lib/* /deployments/lib/",
                                "COPY target/*-runner.jar /deployments/quarkus-run.jar",
                                ""))
                .file(
                        "src/main/docker/Dockerfile.native",
                        String.join(
                                "\n",
                                "FROM registry.access.redhat.com/ubi9/ubi-minimal:9.7",
                                "COPY --chown=1001:root --chmod=0755 target/*-runner /work/application",
                                ""))
                .building("src/main/docker/Dockerfile.jvm");
    }

    @Test
    void whatTheOtherDockerfilesCopyIsNeverIgnored() throws Exception {
        // target/lib/ and the native runner are unread by Dockerfile.jvm, but Dockerfile.legacy-jar and
        // Dockerfile.native, which read the same .dockerignore, copy them
        assertEquals(List.of(), quarkus().findings("DC201"));
    }

    @Test
    void aDockerfileWithItsOwnIgnoreFileSharesNothing() throws Exception {
        List<Finding> findings = quarkus()
                .file("src/main/docker/Dockerfile.legacy-jar.dockerignore", "*\n!target/lib/*\n!target/*-runner.jar\n")
                .file("src/main/docker/Dockerfile.native.dockerignore", "*\n!target/*-runner\n")
                .findings("DC201");
        // the legacy builder reads <context>/.dockerignore for every Dockerfile: the others still share it
        assertEquals(List.of(), findings);
        List<Finding> buildKit = quarkus()
                .builder(Builder.BUILDKIT)
                .file("src/main/docker/Dockerfile.legacy-jar.dockerignore", "*\n!target/lib/*\n!target/*-runner.jar\n")
                .file("src/main/docker/Dockerfile.native.dockerignore", "*\n!target/*-runner\n")
                .findings("DC201");
        assertEquals(List.of(), buildKit); // and BuildKit sends nothing unread at all
    }

    @Test
    void otherPackagesCheckTheirIgnoreLinesTheSameWay() throws Exception {
        springBoot();
        BuildSettings settings =
                new BuildSettings(dir, dir.resolve("Dockerfile"), Map.of(), null, ClientPlatform.LINUX, null);
        Analysis analysis = CacheModel.analyse(settings, null, ScanProgress.NONE, ImageDigests.NONE);
        assertEquals(
                Optional.of(List.of("target/*", "!target/*.jar", ".dockerignore")),
                Advisor.safeIgnoreLines(analysis, settings, List.of("target/")));
        assertEquals(Optional.empty(), Advisor.safeIgnoreLines(analysis, settings, List.of("target/app.jar")));
    }
}
