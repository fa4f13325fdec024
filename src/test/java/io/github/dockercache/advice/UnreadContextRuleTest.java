package io.github.dockercache.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dockercache.model.Builder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnreadContextRuleTest {
    @TempDir
    Path dir;

    /** Built by the legacy builder, which uploads the whole context on every build. */
    private Project project() {
        return new Project(dir)
                .builder(Builder.CLASSIC)
                .file("app/main.py", "print('hi')\n")
                .file("docs/manual.pdf", 300 * 1024)
                .file("docs/images/a.png", 50 * 1024)
                .file("data/sample.csv", 200 * 1024)
                .file("data/keep.txt", "read by a step\n")
                .file("README.md", "small\n");
    }

    @Test
    void biggestUnreadSubtreesWithTheirIgnoreLines() throws Exception {
        List<Finding> findings = project()
                .dockerfile("FROM python:3.12", "COPY app /app", "COPY data/keep.txt /data/")
                .findings("DC201");
        assertEquals(
                List.of("docs/", "data/sample.csv"),
                findings.stream().map(Finding::location).toList());
        Finding docs = findings.get(0);
        assertEquals(Severity.INFO, docs.severity());
        assertEquals(
                "docs/ is uploaded with the build context on every build, but no step reads it (2 files, 350.0 KiB)",
                docs.message());
        assertEquals(
                "create .dockerignore (saves uploading 350.0 KiB, 358400 bytes, per build; it lists itself, so that"
                        + " no COPY copies it):\n  docs/\n  .dockerignore",
                docs.fix());
        assertEquals(List.of(new Edit.IgnoreLines(".dockerignore", List.of("docs/", ".dockerignore"))), docs.edits());
        assertEquals(
                "create .dockerignore (saves uploading 200.0 KiB, 204800 bytes, per build; it lists itself, so that"
                        + " no COPY copies it):\n  data/sample.csv\n  .dockerignore",
                findings.get(1).fix());
    }

    @Test
    void buildKitSendsOnlyWhatStepsReadSoNothingIsSaid() throws Exception {
        List<Finding> findings = project()
                .builder(Builder.BUILDKIT)
                .dockerfile("FROM python:3.12", "COPY app /app", "COPY data/keep.txt /data/")
                .findings("DC201");
        assertEquals(List.of(), findings);
    }

    @Test
    void thePluginsOwnOutputNeverDrawsAdvice() throws Exception {
        // a context of target/, as Maven builds use for prebuilt jars; the plugin writes target/dockercache/ there
        List<Finding> findings = new Project(dir)
                .builder(Builder.CLASSIC)
                .output("dockercache")
                .file("app.jar", "jar\n")
                .file("dockercache/snapshot.json", 300 * 1024)
                .file("dockercache/report.html", 200 * 1024)
                .file("classes/big.bin", 120 * 1024)
                .dockerfile("FROM eclipse-temurin:21-jre", "COPY app.jar /app.jar")
                .findings("DC201");
        assertEquals(
                List.of("classes/"), findings.stream().map(Finding::location).toList());
    }

    @Test
    void nothingWhenEverythingIsReadOrIgnored() throws Exception {
        Project project = project();
        project.dockerfile("FROM python:3.12", "COPY . /app");
        assertEquals(List.of(), project.findings("DC201"));
        project.file(".dockerignore", "docs\ndata/sample.csv\n")
                .dockerfile("FROM python:3.12", "COPY app /app", "COPY data/keep.txt /data/");
        assertEquals(List.of(), project.findings("DC201"));
    }

    @Test
    void anotherTargetMayNeedTheFiles() throws Exception {
        List<Finding> findings = project()
                .dockerfile(
                        "FROM python:3.12 AS app",
                        "COPY app /app",
                        "FROM python:3.12 AS docs",
                        "COPY docs/manual.pdf /docs/")
                .target("app")
                .findings("DC201");
        // the legacy builder builds the stages up to the target only: docs is not read, but the other target needs
        // the manual, so the ignore line keeps it and leaves out the rest
        assertEquals(List.of("data/"), findings.stream().map(Finding::location).toList());
        Project other = project()
                .dockerfile(
                        "FROM python:3.12 AS app",
                        "COPY app /app",
                        "COPY data/keep.txt /data/",
                        "FROM python:3.12 AS docs",
                        "COPY docs/images/ /docs/")
                .target("app");
        Finding docs =
                other.file(".dockerignore", "README.md\n").findings("DC201").get(0);
        assertEquals(
                "add to .dockerignore (saves uploading 300.0 KiB, 307200 bytes, per build; the ! exceptions keep"
                        + " what a step copies on purpose):\n  docs/*\n  !docs/images",
                docs.fix());
    }

    @Test
    void suppressedForTheWholeFile() throws Exception {
        List<Finding> findings = project()
                .dockerfile("# dockercache:ignore=DC201", "FROM python:3.12", "COPY app /app")
                .findings("DC201");
        assertEquals(List.of(), findings);
    }
}
