package io.github.dockercache.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoisyPathsCopiedRuleTest {
    @TempDir
    Path dir;

    private Project project() {
        return new Project(dir)
                .file("pom.xml", "<project/>\n")
                .file("src/main/java/build/Tool.java", "class Tool {}\n")
                .file("target/app.jar", "jar\n")
                .file(".git/HEAD", "ref: refs/heads/main\n")
                .file(".idea/workspace.xml", "<project/>\n")
                .file("web/node_modules/left-pad/index.js", "\n")
                .file("logs/app.log", "started\n");
    }

    @Test
    void eachNoisyPathCopiedWithTheContext() throws Exception {
        List<Finding> findings = project()
                .dockerfile("FROM eclipse-temurin:17", "WORKDIR /app", "COPY . .")
                .findings("DC202");
        assertEquals(
                List.of(".git", ".idea", "target", "web/node_modules", "**/*.log"),
                findings.stream().map(Finding::path).toList());
        assertEquals(
                List.of("Dockerfile:3"),
                findings.stream().map(Finding::location).distinct().toList());
        assertEquals(
                "COPY . . at line 3 copies .git/: git data, which changes with every commit, and each change"
                        + " rebuilds this step and the ones after it",
                findings.get(0).message());
        assertEquals(
                "create .dockerignore (it lists itself, so that no COPY copies it):\n  .git/\n  .dockerignore",
                findings.get(0).fix());
        assertEquals(
                List.of(new Edit.IgnoreLines(".dockerignore", List.of(".git/", ".dockerignore"))),
                findings.get(0).edits());
        assertEquals(
                "COPY . . at line 3 copies 1 log file (logs/app.log): logs, which change whenever something"
                        + " runs, and each change rebuilds this step and the ones after it",
                findings.get(4).message());
        assertEquals(
                "create .dockerignore (it lists itself, so that no COPY copies it):\n  **/*.log\n  .dockerignore",
                findings.get(4).fix());
    }

    @Test
    void theLogsNamedAreTheOnesTheCopyReads() throws Exception {
        List<Finding> findings = project()
                .file("server.log", "listening\n")
                .file("src/main/resources/greeting.log", "greeted\n")
                .dockerfile("FROM eclipse-temurin:17", "COPY src ./src")
                .findings("DC202");
        assertEquals(
                List.of("COPY src ./src at line 2 copies 1 log file (src/main/resources/greeting.log): logs, which"
                        + " change whenever something runs, and each change rebuilds this step and the ones after it"),
                findings.stream().map(Finding::message).toList());
    }

    @Test
    void aCopyThatWantsTheOutputKeepsItAndTheBroadCopyExcludesIt() throws Exception {
        List<Finding> findings = project()
                .file(".dockerignore", ".git\n.idea\n**/node_modules\n*.log\nlogs\n")
                .dockerfile("FROM eclipse-temurin:17", "COPY target/app.jar /app.jar", "COPY ./ /src/")
                .findings("DC202");
        assertEquals(1, findings.size());
        assertEquals("Dockerfile:3", findings.get(0).location());
        assertEquals("""
                leave it out of this COPY (another step copies it on purpose; dockerfile syntax 1.19 or later):
                  COPY --exclude=target ./ /src/""", findings.get(0).fix());
    }

    @Test
    void ignoredOrCopiedOnPurposeIsFine() throws Exception {
        List<Finding> findings = project()
                .file(".dockerignore", ".git\n.idea\n**/node_modules\n**/*.log\n")
                .dockerfile("FROM eclipse-temurin:17", "COPY src /src", "COPY target/*.jar /app/")
                .findings("DC202");
        assertEquals(List.of(), findings);
    }

    @Test
    void suppressedAboveTheCopy() throws Exception {
        List<Finding> findings = project()
                .dockerfile("FROM eclipse-temurin:17", "# dockercache:ignore=DC202", "COPY . .")
                .findings("DC202");
        assertEquals(List.of(), findings);
    }
}
