package io.github.dockercache.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeparateAptUpdateRuleTest {
    @TempDir
    Path dir;

    @Test
    void updateInItsOwnRun() throws Exception {
        List<Finding> findings = new Project(dir)
                .dockerfile(
                        "FROM debian:12",
                        "RUN apt-get update",
                        "ENV DEBIAN_FRONTEND=noninteractive",
                        "RUN --mount=type=cache,target=/var/cache/apt apt-get install -y \\",
                        "      curl",
                        "RUN apt-get install -y git")
                .findings("DC104");
        assertEquals(1, findings.size());
        Finding finding = findings.get(0);
        assertEquals("Dockerfile:2", finding.location());
        assertEquals(Severity.WARNING, finding.severity());
        assertEquals(
                "RUN apt-get update at line 2 is a step of its own: it stays cached while the install at line 4"
                        + " changes, which then runs against a stale package index",
                finding.message());
        assertEquals("""
                delete line 2 and update in the same RUN as the install (line 4):
                  RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y       curl""", finding.fix());
    }

    @Test
    void execFormGetsAnInstructionInsteadOfALine() throws Exception {
        List<Finding> findings = new Project(dir)
                .dockerfile("FROM debian:12", "RUN [\"apt-get\", \"-q\", \"update\"]", "RUN apt-get install -y curl")
                .findings("DC104");
        assertEquals(
                "run the update in the same RUN as the install at line 3, joined with &&, and delete line 2",
                findings.get(0).fix());
    }

    @Test
    void updateAndInstallTogetherAreFine() throws Exception {
        List<Finding> findings = new Project(dir)
                .dockerfile(
                        "FROM debian:12",
                        "RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*",
                        "FROM debian:12",
                        "RUN apt update",
                        "FROM debian:12",
                        "RUN apt-get install -y git")
                .findings("DC104");
        assertEquals(List.of(), findings);
    }

    @Test
    void suppressedAboveTheUpdate() throws Exception {
        List<Finding> findings = new Project(dir)
                .dockerfile(
                        "FROM debian:12",
                        "# the index is refreshed weekly by --no-cache-filter",
                        "# dockercache:ignore=DC104",
                        "RUN apt-get update",
                        "RUN apt-get install -y curl")
                .findings("DC104");
        assertEquals(List.of(), findings);
    }
}
