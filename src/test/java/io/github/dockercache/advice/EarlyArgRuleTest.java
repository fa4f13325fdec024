package io.github.dockercache.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlyArgRuleTest {
    @TempDir
    Path dir;

    @Test
    void argDeclaredAboveRunsThatDoNotUseIt() throws Exception {
        List<Finding> findings = new Project(dir)
                .dockerfile(
                        "FROM debian:12",
                        "ARG APP_VERSION=1.0.0",
                        "RUN apt-get update && apt-get install -y curl",
                        "WORKDIR /opt",
                        "RUN useradd app",
                        "RUN curl -fsSLo app.tgz https://example.com/app-${APP_VERSION}.tgz")
                .findings("DC103");
        assertEquals(1, findings.size());
        Finding finding = findings.get(0);
        assertEquals("Dockerfile:2", finding.location());
        assertEquals(Severity.INFO, finding.severity());
        assertEquals(
                "ARG APP_VERSION is first used at line 6: the 2 RUNs at lines 3, 5 rebuild whenever its value"
                        + " changes, though they do not use it",
                finding.message());
        assertEquals("""
                move line 2 to just above line 6:
                  ARG APP_VERSION=1.0.0""", finding.fix());
    }

    @Test
    void oneNameOfSeveralAndAUseInAHeredoc() throws Exception {
        List<Finding> findings = new Project(dir)
                .dockerfile(
                        "FROM debian:12",
                        "ARG USER_ID \\",
                        "    GIT_SHA",
                        "RUN useradd -u \"$USER_ID\" app",
                        "RUN <<EOF",
                        "echo $GIT_SHA > /version",
                        "EOF")
                .findings("DC103");
        assertEquals(1, findings.size());
        assertEquals(
                "ARG GIT_SHA is first used at line 5: the RUN at line 4 rebuilds whenever its value changes,"
                        + " though it does not use it",
                findings.get(0).message());
        assertEquals("""
                take GIT_SHA out of lines 2-3 and declare it just above line 5:
                  ARG GIT_SHA""", findings.get(0).fix());
    }

    @Test
    void argJustBeforeItsUseOrNeverUsedOrRedeclaredIsFine() throws Exception {
        List<Finding> findings = new Project(dir)
                .dockerfile(
                        "FROM debian:12",
                        "RUN useradd app",
                        "ARG APP_VERSION=1.0.0",
                        "WORKDIR /opt/app-$APP_VERSION",
                        "ARG FROM_SCRIPT",
                        "RUN ./build.sh",
                        "ARG LATER",
                        "RUN true",
                        "ARG LATER=2",
                        "RUN echo $LATER",
                        "ARG APP_VERSIONS",
                        "RUN true",
                        "RUN echo $APP_VERSION")
                .findings("DC103");
        assertEquals(List.of(), findings);
    }

    @Test
    void suppressedAboveTheArg() throws Exception {
        List<Finding> findings = new Project(dir)
                .dockerfile(
                        "FROM debian:12",
                        "# dockercache:ignore=DC103 set once per release",
                        "ARG APP_VERSION=1.0.0",
                        "RUN useradd app",
                        "RUN echo $APP_VERSION")
                .findings("DC103");
        assertEquals(List.of(), findings);
    }

    @Test
    void aScriptTheRunCallsMayReadTheArgFromTheEnvironment() throws Exception {
        // jenkinsci/docker: jdk-download.sh reads JAVA_VERSION; moving the ARG below its RUN breaks the build
        List<Finding> findings = new Project(dir)
                .file(
                        "jdk-download.sh",
                        "#!/bin/sh\ncurl -o /tmp/jdk.tgz \"https://example.com/jdk-${JAVA_VERSION}.tgz\"\n")
                .dockerfile(
                        "FROM debian:12",
                        "ARG JAVA_VERSION=21.0.12_8",
                        "COPY jdk-download.sh /usr/bin/jdk-download.sh",
                        "RUN apt-get update && apt-get install -y curl && /usr/bin/jdk-download.sh",
                        "ENV PATH=\"/opt/jdk-${JAVA_VERSION}/bin:${PATH}\"")
                .findings("DC103");
        assertEquals(List.of(), findings);
    }

    @Test
    void aProgramThatMayReadAnyVariableIsAPossibleUse() throws Exception {
        // tonistiigi/xx's tools read TARGETPLATFORM (moby/moby), envsubst reads every variable, a build tool's own
        // files (a pom, a Makefile, package.json scripts) may read any of them
        for (String run : List.of(
                "RUN xx-apt-get install -y gcc",
                "RUN envsubst < conf.in > conf",
                "RUN make",
                "RUN mvn -B package",
                "RUN npm run build",
                "RUN ./configure",
                "RUN sh -c 'exec build'",
                "RUN [\"/usr/local/bin/build\"]",
                "RUN python3 setup.py install",
                "RUN $TOOL install")) {
            List<Finding> findings = new Project(dir)
                    .dockerfile("FROM debian:12", "ARG TARGETPLATFORM", run, "RUN echo ${TARGETPLATFORM} > /platform")
                    .findings("DC103");
            assertEquals(List.of(), findings, run);
        }
    }

    @Test
    void aVariableTheToolsThemselvesReadIsUsedByEveryRun() throws Exception {
        for (String name : List.of("DEBIAN_FRONTEND", "http_proxy", "JAVA_TOOL_OPTIONS", "GOFLAGS", "LANG", "PATH")) {
            List<Finding> findings = new Project(dir)
                    .dockerfile(
                            "FROM debian:12",
                            "ARG " + name + "=x",
                            "RUN apt-get update && apt-get install -y curl",
                            "RUN echo $" + name + " > /value")
                    .findings("DC103");
            assertEquals(List.of(), findings, name);
        }
    }

    @Test
    void runsOfProgramsThatReadNoSuchVariableStillCount() throws Exception {
        // jenkinsci/docker: the revision label is set at the very end, but every RUN after ARG COMMIT_SHA rebuilds
        // on each commit; go mod download and go build read GOARCH, not COMMIT_SHA
        List<Finding> findings = new Project(dir)
                .dockerfile(
                        "FROM debian:12",
                        "ARG COMMIT_SHA",
                        "RUN mkdir -p /var/jenkins_home && chown 1000:1000 /var/jenkins_home && groupadd -g 1000 jenkins",
                        "RUN curl -fsSL https://example.com/tool.jar -o /opt/tool.jar && echo \"$(curl -fsSL https://example.com/tool.jar.sha256)  /opt/tool.jar\" | sha256sum -c",
                        "RUN go mod download",
                        "RUN GOARCH=${TARGETARCH} go build -o /app .",
                        "LABEL org.opencontainers.image.revision=\"${COMMIT_SHA}\"")
                .findings("DC103");
        assertEquals(
                List.of("ARG COMMIT_SHA is first used at line 7: the 4 RUNs at lines 3, 4, 5, 6 rebuild whenever its"
                        + " value changes, though they do not use it"),
                findings.stream().map(Finding::message).toList());
    }

    @Test
    void theTargetPlatformArgsMatterOnlyWhereTheBaseImageIsTheSameForEveryTarget() throws Exception {
        // jenkinsci/docker (rhel): the stage is built FROM the target platform's image, so another TARGETARCH is
        // another base image and every RUN rebuilds anyway; example-voting-app: a RUN that uses TARGETPLATFORM
        // uses TARGETARCH too, the two change together
        List<Finding> findings = new Project(dir)
                .dockerfile(
                        "FROM debian:12",
                        "ARG TARGETARCH",
                        "RUN apt-get update && apt-get install -y curl",
                        "RUN curl -fsSLo /tini https://example.com/tini-${TARGETARCH}",
                        "FROM --platform=$BUILDPLATFORM debian:12 AS build",
                        "ARG TARGETPLATFORM",
                        "ARG TARGETARCH",
                        "RUN echo \"building for $TARGETPLATFORM\"",
                        "RUN dotnet restore -a $TARGETARCH")
                .findings("DC103");
        assertEquals(List.of(), findings);
        // microservices-demo: the builder runs on the build platform, so go mod download is the same for every target
        List<Finding> crossBuild = new Project(dir)
                .dockerfile(
                        "FROM --platform=$BUILDPLATFORM golang:1.26 AS builder",
                        "ARG TARGETOS",
                        "ARG TARGETARCH",
                        "RUN go mod download",
                        "RUN GOOS=${TARGETOS} GOARCH=${TARGETARCH} go build -o /app .")
                .findings("DC103");
        assertEquals(
                List.of("Dockerfile:2", "Dockerfile:3"),
                crossBuild.stream().map(Finding::location).toList());
    }

    @Test
    void windowsShellsNameTheVariableTheirOwnWay() throws Exception {
        // jenkinsci/docker (windowsservercore): New-LocalUser -Name $env:user; cmd writes %user%
        for (String use : List.of("RUN echo $env:APP_USER", "RUN echo ${env:APP_USER}", "RUN echo %APP_USER%")) {
            List<Finding> findings = new Project(dir)
                    .dockerfile("FROM debian:12", "ARG APP_USER=jenkins", use, "RUN mkdir /data", "USER ${APP_USER}")
                    .findings("DC103");
            assertEquals(List.of(), findings, use);
        }
    }
}
