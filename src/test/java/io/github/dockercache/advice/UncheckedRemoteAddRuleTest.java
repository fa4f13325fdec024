package io.github.dockercache.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UncheckedRemoteAddRuleTest {
    private static final String URL = "https://example.com/tool-1.2.tar.gz";

    @TempDir
    Path dir;

    @Test
    void addOfAUrlWithoutChecksum() throws Exception {
        List<Finding> findings = new Project(dir)
                .dockerfile(
                        "FROM alpine:3.20",
                        "ARG VERSION=1.2",
                        "ADD --chmod=755 https://example.com/tool-${VERSION}.tar.gz /opt/")
                .findings("DC302");
        assertEquals(1, findings.size());
        Finding finding = findings.get(0);
        assertEquals("Dockerfile:3", finding.location());
        assertEquals(Severity.WARNING, finding.severity());
        assertEquals(
                "ADD of " + URL + " without --checksum: BuildKit asks the server on every build, and the step"
                        + " and all after it rebuild whenever the download differs",
                finding.message());
        assertEquals("""
                add the file's checksum (sha256sum of the download; dockerfile syntax 1.6 or later):
                  ADD --checksum=sha256:<sha256 of the file> --chmod=755 https://example.com/tool-${VERSION}.tar.gz /opt/""", finding.fix());
    }

    @Test
    void severalUrlsNeedOneAddEach() throws Exception {
        List<Finding> findings = new Project(dir)
                .dockerfile("FROM alpine:3.20", "ADD " + URL + " https://example.com/b.txt /opt/")
                .findings("DC302");
        assertEquals(
                "give each URL its own ADD with --checksum=sha256:<sha256 of the file> (dockerfile syntax 1.6"
                        + " or later); --checksum takes one source",
                findings.get(0).fix());
    }

    @Test
    void checksummedUrlsGitAndLocalFilesAreFine() throws Exception {
        List<Finding> findings = new Project(dir)
                .file("local.tar", "not really a tar")
                .dockerfile(
                        "FROM alpine:3.20",
                        "ADD --checksum=sha256:" + "b".repeat(64) + " " + URL + " /opt/",
                        "ADD https://github.com/example/repo.git#v1.0 /src",
                        "ADD local.tar /opt/",
                        "COPY --from=alpine:3.20 /etc/os-release /")
                .findings("DC302");
        assertEquals(List.of(), findings);
    }

    @Test
    void suppressedAboveTheAdd() throws Exception {
        List<Finding> findings = new Project(dir)
                .dockerfile("FROM alpine:3.20", "# dockercache:ignore=DC302", "ADD " + URL + " /opt/")
                .findings("DC302");
        assertEquals(List.of(), findings);
    }

    @Test
    void aGitUrlWithAQueryIsAGitSource() throws Exception {
        // moby/moby's Dockerfile: BuildKit takes an HTTP(S) URL whose path ends in .git as a repository
        // (dfgitutil.ParseGitRef), keyed by its commit, whatever the query or fragment after it
        List<Finding> findings = new Project(dir)
                .dockerfile(
                        "FROM alpine:3.20",
                        "ADD https://github.com/go-delve/delve.git?ref=v1.26.3&keep-git-dir=1 /src/delve",
                        "ADD https://github.com/krallin/tini.git?ref=v0.19.0 /src/tini",
                        "ADD https://example.com/tool.tar.gz?version=1.git /opt/")
                .findings("DC302");
        assertEquals(
                List.of("Dockerfile:4"),
                findings.stream().map(Finding::location).toList());
    }
}
