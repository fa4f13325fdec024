package io.github.dockercache.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildFilesCopiedRuleTest {
    @TempDir
    Path dir;

    @Test
    void dockerfileAndIgnoreFileCopiedWithTheContext() throws Exception {
        List<Finding> findings = new Project(dir)
                .file(".dockerignore", ".git\n")
                .file("app.py", "print('hi')\n")
                .dockerfile("FROM python:3.12", "WORKDIR /app", "COPY . .")
                .findings("DC203");
        assertEquals(1, findings.size());
        Finding finding = findings.get(0);
        assertEquals("Dockerfile:3", finding.location());
        assertEquals(Severity.WARNING, finding.severity());
        assertEquals(
                "COPY . . at line 3 copies Dockerfile and .dockerignore: editing them rebuilds this step and the"
                        + " ones after it",
                finding.message());
        assertEquals("""
                add to .dockerignore (BuildKit reads them on its own, so the build still finds them):
                  Dockerfile
                  .dockerignore""", finding.fix());
    }

    @Test
    void ignoredOrNotCopiedOrCopiedOnPurposeIsFine() throws Exception {
        Project project = new Project(dir).file("app.py", "print('hi')\n");
        project.file(".dockerignore", "Dockerfile\n.dockerignore\n").dockerfile("FROM python:3.12", "COPY . /app");
        assertEquals(List.of(), project.findings("DC203"));
        project.file(".dockerignore", "").dockerfile("FROM python:3.12", "COPY app.py /app/");
        assertEquals(List.of(), project.findings("DC203"));
        project.dockerfile("FROM python:3.12", "COPY Dockerfile /usr/share/doc/", "COPY . /app");
        assertEquals(
                List.of(".dockerignore"),
                project.findings("DC203").stream().map(Finding::path).toList());
    }

    @Test
    void suppressedForTheWholeFile() throws Exception {
        List<Finding> findings = new Project(dir)
                .dockerfile("# dockercache:ignore=DC203", "FROM python:3.12", "COPY . .")
                .findings("DC203");
        assertEquals(List.of(), findings);
    }
}
