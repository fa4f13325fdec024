package io.github.dockercache.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FloatingSyntaxRuleTest {
    @TempDir
    Path dir;

    private List<Finding> withSyntax(String... header) throws Exception {
        List<String> lines = new ArrayList<>(List.of(header));
        lines.add("FROM alpine:3.20@sha256:" + "a".repeat(64));
        return new Project(dir).dockerfile(lines.toArray(String[]::new)).findings("DC303");
    }

    @Test
    void aMajorVersionFloats() throws Exception {
        List<Finding> findings = withSyntax("# escape=\\", "# syntax=docker/dockerfile:1");
        assertEquals(1, findings.size());
        Finding finding = findings.get(0);
        assertEquals("Dockerfile:2", finding.location());
        assertEquals(Severity.INFO, finding.severity());
        assertEquals(
                "# syntax=docker/dockerfile:1 floats: a new frontend release can key the same steps differently"
                        + " and rebuild them",
                finding.message());
        assertEquals("""
                pin a full release (the one you build with today) or add its digest:
                  # syntax=docker/dockerfile:1.<minor>.<patch>""", finding.fix());
    }

    @Test
    void thePinKeepsWhatTheTagAlreadyFixes() throws Exception {
        assertEquals(
                "pin a full release (the one you build with today) or add its digest:\n"
                        + "  # syntax=docker/dockerfile:1.7.<patch>-labs",
                withSyntax("# syntax=docker/dockerfile:1.7-labs").get(0).fix());
        assertEquals(
                "pin a full release (the one you build with today) or add its digest:\n"
                        + "  # syntax=docker/dockerfile:<major>.<minor>.<patch>",
                withSyntax("# syntax=docker/dockerfile").get(0).fix());
    }

    @Test
    void aFullReleaseADigestOrNoDirectiveIsFine() throws Exception {
        assertEquals(List.of(), withSyntax("# syntax=docker/dockerfile:1.7.1"));
        assertEquals(List.of(), withSyntax("# syntax=docker/dockerfile:1@sha256:" + "c".repeat(64)));
        assertEquals(List.of(), withSyntax());
    }

    @Test
    void suppressedInTheFirstCommentBlock() throws Exception {
        assertEquals(List.of(), withSyntax("# syntax=docker/dockerfile:1", "# dockercache:ignore=DC303"));
        // a later comment block is not the file header
        assertEquals(
                1,
                withSyntax("# syntax=docker/dockerfile:1", "", "# dockercache:ignore=DC303")
                        .size());
    }
}
