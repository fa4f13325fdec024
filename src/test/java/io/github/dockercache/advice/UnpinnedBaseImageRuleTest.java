package io.github.dockercache.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnpinnedBaseImageRuleTest {
    @TempDir
    Path dir;

    @Test
    void aTagIsInfoAndTheFixKeepsPlatformAndStageName() throws Exception {
        List<Finding> findings = new Project(dir)
                .dockerfile("FROM --platform=$BUILDPLATFORM maven:3.9.9-eclipse-temurin-17 AS build", "RUN mvn -v")
                .findings("DC301");
        assertEquals(1, findings.size());
        Finding finding = findings.get(0);
        assertEquals("Dockerfile:1", finding.location());
        assertEquals(Severity.INFO, finding.severity());
        assertEquals(
                "maven:3.9.9-eclipse-temurin-17 is a tag, not a digest: when the tag moves to new layers,"
                        + " every step of 'build' rebuilds",
                finding.message());
        assertEquals("""
                pin the digest (docker buildx imagetools inspect maven:3.9.9-eclipse-temurin-17 prints it):
                  FROM --platform=$BUILDPLATFORM maven:3.9.9-eclipse-temurin-17@sha256:<digest> AS build""", finding.fix());
    }

    @Test
    void noTagOrLatestIsAWarning() throws Exception {
        List<Finding> findings = new Project(dir)
                .dockerfile("FROM python", "RUN true", "FROM registry.local:5000/base:latest", "RUN true")
                .findings("DC301");
        assertEquals(List.of(1, 3), findings.stream().map(Finding::line).toList());
        assertTrue(findings.stream().allMatch(f -> f.severity() == Severity.WARNING));
        assertEquals(
                "python has no tag, so it follows latest: when the tag moves to new layers, every step of"
                        + " stage-0 rebuilds",
                findings.get(0).message());
        assertEquals("""
                choose a version and pin its digest (docker buildx imagetools inspect python prints it):
                  FROM python:<version>@sha256:<digest>""", findings.get(0).fix());
        assertEquals("""
                choose a version and pin its digest (docker buildx imagetools inspect \
                registry.local:5000/base:latest prints it):
                  FROM registry.local:5000/base:<version>@sha256:<digest>""", findings.get(1).fix());
    }

    @Test
    void anImageFromAVariableIsJudgedByItsValue() throws Exception {
        List<Finding> findings = new Project(dir)
                .dockerfile("ARG BASE=alpine:3.20", "FROM ${BASE}", "RUN true")
                .findings("DC301");
        assertEquals(1, findings.size());
        assertEquals(
                "pin the digest in the value that ${BASE} expands to, docker.io/library/alpine:3.20@sha256:<digest>"
                        + " (docker buildx imagetools inspect docker.io/library/alpine:3.20 prints it)",
                findings.get(0).fix());
        assertEquals(List.of(), findings.get(0).edits());
    }

    @Test
    void digestsStagesAndScratchAreFine() throws Exception {
        String digest = "sha256:" + "a".repeat(64);
        List<Finding> findings = new Project(dir)
                .dockerfile(
                        "FROM alpine:3.20@" + digest + " AS base",
                        "RUN true",
                        "FROM BASE",
                        "RUN true",
                        "FROM scratch",
                        "COPY --from=base /etc/hostname /")
                .findings("DC301");
        assertEquals(List.of(), findings);
    }

    @Test
    void suppressedAboveTheInstructionOrForTheWholeFile() throws Exception {
        Project project = new Project(dir);
        project.dockerfile(
                "FROM alpine:3.20 AS a",
                "RUN true",
                "# dockercache:ignore=DC301 base images are pinned by Renovate",
                "FROM alpine:3.20",
                "RUN true");
        assertEquals(
                List.of(1),
                project.findings("DC301").stream().map(Finding::line).toList());
        project.dockerfile("# dockercache:ignore = dc303, DC301", "", "FROM alpine:3.20", "RUN true");
        assertEquals(List.of(), project.findings("DC301"));
        project.dockerfile("FROM alpine:3.20", "RUN true");
        assertEquals(
                List.of(),
                project.advise("dc301").stream()
                        .filter(f -> f.ruleId().equals("DC301"))
                        .toList());
    }
}
