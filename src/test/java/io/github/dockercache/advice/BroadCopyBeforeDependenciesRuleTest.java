package io.github.dockercache.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BroadCopyBeforeDependenciesRuleTest {
    @TempDir
    Path dir;

    private Project mavenProject() {
        return new Project(dir)
                .file("pom.xml", "<project/>\n")
                .file("module-a/pom.xml", "<project/>\n")
                .file(".mvn/maven.config", "-B\n")
                .file("module-a/src/main/java/App.java", "class App {}\n");
    }

    private Project nodeProject() {
        return new Project(dir)
                .file("package.json", "{}\n")
                .file("package-lock.json", "{}\n")
                .file("server.js", "console.log('hi')\n");
    }

    @Test
    void copyAllBeforeABuildGetsADownloadStepInFront() throws Exception {
        List<Finding> findings = mavenProject()
                .dockerfile(
                        "FROM maven:3.9.9-eclipse-temurin-17 AS build",
                        "WORKDIR /workspace",
                        "COPY --chown=1000 . .",
                        "RUN ./mvnw -B package")
                .file("mvnw", "#!/bin/sh\n")
                .findings("DC101");
        assertEquals(1, findings.size());
        Finding finding = findings.get(0);
        assertEquals("Dockerfile:3", finding.location());
        assertEquals(Severity.WARNING, finding.severity());
        assertEquals(
                "COPY --chown=1000 . . at line 3 copies 6 files before RUN ./mvnw -B package at line 4 downloads"
                        + " the dependencies: every edit to any of them downloads them again",
                finding.message());
        assertEquals("""
                copy the manifests and download the dependencies first; replace line 3 with:
                  COPY --chown=1000 mvnw pom.xml ./
                  COPY --chown=1000 module-a/pom.xml module-a/
                  COPY --chown=1000 .mvn/ .mvn/
                  RUN ./mvnw -B dependency:go-offline
                  COPY --chown=1000 . .""", finding.fix());
    }

    @Test
    void aWrapperOnlyMvnDirectoryIsLeftToTheWrapper() throws Exception {
        List<Finding> findings = new Project(dir)
                .file("pom.xml", "<project/>\n")
                .file(".mvn/wrapper/maven-wrapper.properties", "distributionUrl=x\n")
                .file("src/main/java/App.java", "class App {}\n")
                .dockerfile("FROM maven:3.9.9-eclipse-temurin-17", "WORKDIR /app", "COPY . .", "RUN mvn -B package")
                .findings("DC101");
        assertEquals("""
                copy the manifests and download the dependencies first; replace line 3 with:
                  COPY pom.xml ./
                  RUN mvn -B dependency:go-offline
                  COPY . .""", findings.get(0).fix());
    }

    @Test
    void copyAllBeforeAnInstallMovesTheRestBelowIt() throws Exception {
        List<Finding> findings = nodeProject()
                .dockerfile(
                        "FROM node:20",
                        "WORKDIR /app",
                        "COPY . .",
                        "ENV NODE_ENV=production",
                        "RUN npm ci",
                        "CMD [\"node\", \"server.js\"]")
                .findings("DC101");
        assertEquals(1, findings.size());
        assertEquals(
                "COPY . . at line 3 copies 4 files before RUN npm ci at line 5, which needs only package-lock.json,"
                        + " package.json: every edit to any of them re-runs the install",
                findings.get(0).message());
        assertEquals("""
                copy the manifests before the install and the rest after it; replace lines 3-5 with:
                  COPY package-lock.json package.json ./
                  ENV NODE_ENV=production
                  RUN npm ci
                  COPY . .""", findings.get(0).fix());
    }

    @Test
    void installAndBuildInOneRunAreSplit() throws Exception {
        List<Finding> findings = nodeProject()
                .dockerfile("FROM node:20", "WORKDIR /app", "COPY ./ /app/", "RUN npm ci && npm run build")
                .findings("DC101");
        assertEquals("""
                copy the manifests and download the dependencies first (then drop the install from the RUN at line 4); \
                replace line 3 with:
                  COPY package-lock.json package.json /app/
                  RUN npm ci
                  COPY ./ /app/""", findings.get(0).fix());
    }

    @Test
    void manifestsFirstIsFine() throws Exception {
        List<Finding> findings = mavenProject()
                .dockerfile(
                        "FROM maven:3.9.9-eclipse-temurin-17 AS build",
                        "WORKDIR /workspace",
                        "COPY pom.xml ./",
                        "COPY module-a/pom.xml module-a/",
                        "COPY .mvn/ .mvn/",
                        "RUN mvn -B dependency:go-offline",
                        "COPY . .",
                        "RUN mvn -B package")
                .advise();
        assertEquals(
                List.of(),
                findings.stream().filter(f -> f.ruleId().startsWith("DC10")).toList());
    }

    @Test
    void noFixThatCouldBreakTheBuildIsSuggested() throws Exception {
        // the manifests would land in /src while the download runs in /
        assertEquals(
                List.of(),
                mavenProject()
                        .dockerfile(
                                "FROM maven:3.9.9-eclipse-temurin-17", "COPY . /src", "RUN cd /src && mvn -B package")
                        .findings("DC101"));
        // a RUN between the copy and the install may need the other files
        assertEquals(
                List.of(),
                nodeProject()
                        .dockerfile(
                                "FROM node:20", "WORKDIR /app", "COPY . .", "RUN node server.js --check", "RUN npm ci")
                        .findings("DC101"));
    }

    @Test
    void suppressedAboveTheCopy() throws Exception {
        List<Finding> findings = nodeProject()
                .dockerfile("FROM node:20", "WORKDIR /app", "# dockercache:ignore=DC101", "COPY . .", "RUN npm ci")
                .findings("DC101");
        assertEquals(List.of(), findings);
    }

    @Test
    void aProjectThatAlreadyDownloadsWithItsOwnTaskIsFine() throws Exception {
        // microservices-demo's adservice: the manifests are copied and a task of the build's own downloads the
        // dependencies (./gradlew downloadRepos) before COPY . .; the build below it finds them there
        List<Finding> findings = new Project(dir)
                .file("build.gradle", "plugins { id 'java' }\n")
                .file("gradlew", "#!/bin/sh\n")
                .file("gradle/wrapper/gradle-wrapper.properties", "distributionUrl=gradle.zip\n")
                .file("src/main/java/App.java", "class App {}\n")
                .dockerfile(
                        "FROM eclipse-temurin:21-jdk AS builder",
                        "WORKDIR /app",
                        "COPY [\"build.gradle\", \"gradlew\", \"./\"]",
                        "COPY gradle gradle",
                        "RUN chmod +x gradlew",
                        "RUN ./gradlew downloadRepos",
                        "COPY . .",
                        "RUN ./gradlew installDist")
                .findings("DC101");
        assertEquals(List.of(), findings);
    }

    @Test
    void anNpmBuildDownloadsNothing() throws Exception {
        // vercel/next.js's with-docker example: node_modules come from another stage; yarn build only runs a script
        List<Finding> findings = new Project(dir)
                .file("package.json", "{}\n")
                .file("yarn.lock", "\n")
                .file("src/app.js", "\n")
                .dockerfile(
                        "FROM node:18-alpine AS builder",
                        "WORKDIR /app",
                        "COPY --from=deps /app/node_modules ./node_modules",
                        "COPY . .",
                        "RUN yarn build")
                .findings("DC101");
        assertEquals(List.of(), findings);
    }
}
