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
                .dockerfile("FROM debian:12",
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
        assertEquals("ARG APP_VERSION is first used at line 6: the 2 RUNs at lines 3, 5 rebuild whenever its value"
                + " changes, though they do not use it", finding.message());
        assertEquals("""
                move line 2 to just above line 6:
                  ARG APP_VERSION=1.0.0""", finding.fix());
    }

    @Test
    void oneNameOfSeveralAndAUseInAHeredoc() throws Exception {
        List<Finding> findings = new Project(dir)
                .dockerfile("FROM debian:12",
                        "ARG USER_ID \\",
                        "    GIT_SHA",
                        "RUN useradd -u \"$USER_ID\" app",
                        "RUN <<EOF",
                        "echo $GIT_SHA > /version",
                        "EOF")
                .findings("DC103");
        assertEquals(1, findings.size());
        assertEquals("ARG GIT_SHA is first used at line 5: the RUN at line 4 rebuilds whenever its value changes,"
                + " though it does not use it", findings.get(0).message());
        assertEquals("""
                take GIT_SHA out of lines 2-3 and declare it just above line 5:
                  ARG GIT_SHA""", findings.get(0).fix());
    }

    @Test
    void argJustBeforeItsUseOrNeverUsedOrRedeclaredIsFine() throws Exception {
        List<Finding> findings = new Project(dir)
                .dockerfile("FROM debian:12",
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
                .dockerfile("FROM debian:12",
                        "# dockercache:ignore=DC103 set once per release",
                        "ARG APP_VERSION=1.0.0",
                        "RUN useradd app",
                        "RUN echo $APP_VERSION")
                .findings("DC103");
        assertEquals(List.of(), findings);
    }
}
