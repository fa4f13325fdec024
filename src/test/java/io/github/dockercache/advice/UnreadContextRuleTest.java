package io.github.dockercache.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnreadContextRuleTest {
    @TempDir
    Path dir;

    private Project project() {
        return new Project(dir)
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
        assertEquals(List.of("docs/", "data/sample.csv"), findings.stream().map(Finding::location).toList());
        Finding docs = findings.get(0);
        assertEquals(Severity.INFO, docs.severity());
        assertEquals("docs/ is sent with the build context but no step reads it (2 files, 350.0 KiB)", docs.message());
        assertEquals("add to .dockerignore (saves 350.0 KiB, 358400 bytes, per upload):\n  docs/", docs.fix());
        assertEquals("add to .dockerignore (saves 200.0 KiB, 204800 bytes, per upload):\n  data/sample.csv",
                findings.get(1).fix());
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
                .dockerfile("FROM python:3.12 AS docs", "COPY docs /docs",
                        "FROM python:3.12", "COPY app /app")
                .findings("DC201");
        assertEquals(List.of(), findings);
    }

    @Test
    void suppressedForTheWholeFile() throws Exception {
        List<Finding> findings = project()
                .dockerfile("# dockercache:ignore=DC201", "FROM python:3.12", "COPY app /app")
                .findings("DC201");
        assertEquals(List.of(), findings);
    }
}
