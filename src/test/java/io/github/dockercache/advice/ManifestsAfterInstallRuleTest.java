package io.github.dockercache.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestsAfterInstallRuleTest {
    @TempDir
    Path dir;

    @Test
    void aLockFileCopiedOnlyWithTheSources() throws Exception {
        List<Finding> findings = new Project(dir)
                .file("web/package.json", "{}\n")
                .file("web/package-lock.json", "{}\n")
                .file("web/index.js", "\n")
                .dockerfile("FROM node:20", "WORKDIR /app", "COPY web/package.json ./", "RUN npm ci", "COPY web/ ./")
                .findings("DC102");
        assertEquals(1, findings.size());
        Finding finding = findings.get(0);
        assertEquals("Dockerfile:4", finding.location());
        assertEquals(Severity.WARNING, finding.severity());
        assertEquals(
                "RUN npm ci at line 4 installs before package-lock.json is copied: a change to it does not re-run"
                        + " the install, which keeps stale dependencies",
                finding.message());
        assertEquals("""
                copy it with the other manifests; insert above line 4:
                  COPY web/package-lock.json ./""", finding.fix());
    }

    @Test
    void modulesAndMavenConfiguration() throws Exception {
        List<Finding> findings = new Project(dir)
                .file("pom.xml", "<project/>\n")
                .file("module-a/pom.xml", "<project/>\n")
                .file("module-a/target/classes/META-INF/maven/pom.xml", "<project/>\n")
                .file(".mvn/extensions.xml", "<extensions/>\n")
                .file("mvnw", "#!/bin/sh\n")
                .dockerfile(
                        "FROM maven:3.9.9-eclipse-temurin-17",
                        "WORKDIR /src",
                        "COPY pom.xml /src/pom.xml",
                        "RUN mvn -B dependency:go-offline")
                .findings("DC102");
        assertEquals(
                "RUN mvn -B dependency:go-offline at line 4 installs before .mvn/, module-a/pom.xml are copied:"
                        + " a change to them does not re-run the install, which keeps stale dependencies",
                findings.get(0).message());
        assertEquals("""
                copy them with the other manifests; insert above line 4:
                  COPY module-a/pom.xml /src/module-a/
                  COPY .mvn/ /src/.mvn/""", findings.get(0).fix());
    }

    @Test
    void theWrapperFilesMatterOnlyToTheWrapper() throws Exception {
        Project project = new Project(dir)
                .file("pom.xml", "<project/>\n")
                .file(".mvn/wrapper/maven-wrapper.properties", "distributionUrl=x\n")
                .file("mvnw", "#!/bin/sh\n");
        assertEquals(
                List.of(),
                project.dockerfile(
                                "FROM maven:3.9.9-eclipse-temurin-17",
                                "COPY pom.xml .",
                                "RUN mvn dependency:go-offline")
                        .findings("DC102"));
        List<Finding> findings = project.dockerfile(
                        "FROM eclipse-temurin:17", "COPY mvnw pom.xml ./", "RUN ./mvnw dependency:go-offline")
                .findings("DC102");
        assertEquals(
                "RUN ./mvnw dependency:go-offline at line 3 installs before .mvn/wrapper/ is copied: a change to it"
                        + " does not re-run the install, which keeps stale dependencies",
                findings.get(0).message());
        assertEquals("""
                copy it with the other manifests; insert above line 3:
                  COPY .mvn/wrapper/ .mvn/wrapper/""", findings.get(0).fix());
    }

    @Test
    void bindMountedManifests() throws Exception {
        List<Finding> findings = new Project(dir)
                .file("go.mod", "module x\n")
                .file("go.sum", "\n")
                .dockerfile("FROM golang:1.23", "RUN --mount=type=bind,source=go.mod,target=go.mod go mod download")
                .findings("DC102");
        assertEquals(
                "bind-mount go.sum into the RUN at line 2 as well, next to the manifests it already mounts",
                findings.get(0).fix());
    }

    @Test
    void everythingTheInstallReadsIsCopiedFirst() throws Exception {
        List<Finding> findings = new Project(dir)
                .file("requirements.txt", "flask\n")
                .file("requirements-dev.txt", "pytest\n")
                .file("package.json", "{}\n")
                .dockerfile(
                        "FROM python:3.12",
                        "COPY requirements.txt ./",
                        "RUN pip install --no-cache-dir -r requirements.txt",
                        "RUN npm install -g typescript",
                        "COPY . .")
                .findings("DC102");
        assertEquals(List.of(), findings);
    }

    @Test
    void suppressedAboveTheInstall() throws Exception {
        List<Finding> findings = new Project(dir)
                .file("package.json", "{}\n")
                .file("yarn.lock", "\n")
                .dockerfile("FROM node:20", "COPY package.json ./", "# dockercache:ignore=DC102", "RUN yarn install")
                .findings("DC102");
        assertEquals(List.of(), findings);
    }
}
