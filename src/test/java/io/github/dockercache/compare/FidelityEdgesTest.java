package io.github.dockercache.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.model.AnalysisException;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.Snapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verdicts the differential scenarios settled on both engines for flag spellings, ADD --checksum, heredocs and
 * bytes that are not UTF-8, without an engine; each test names its scenario.
 */
class FidelityEdgesTest {
    @TempDir
    Path dir;

    private Verdict second(Scenario app, String stepId, String... lines) throws AnalysisException {
        Snapshot before = app.snapshot();
        app.dockerfile(lines);
        return step(app.snapshot(), before, stepId).verdict();
    }

    private static StepResult step(Snapshot after, Snapshot before, String stepId) {
        return Scenario.compare(after, before).steps().stream()
                .filter(s -> s.stepId().equals(stepId))
                .findFirst()
                .orElseThrow();
    }

    /** copy-chmod-spellings, copy-chown-spellings */
    @Test
    void flagSpellingsBuildKitParsesAreOneKey() throws Exception {
        Scenario app = new Scenario(dir)
                .file("tool.sh", "echo\n")
                .dockerfile("FROM busybox", "COPY --chmod=755 --chown=root tool.sh /t", "RUN true");
        assertEquals(
                Verdict.CACHED,
                second(app, "2", "FROM busybox", "COPY --chmod=00755 --chown=0 tool.sh /t", "RUN true"));
        app.dockerfile("FROM busybox", "COPY --chmod=755 --chown=root tool.sh /t", "RUN true");
        assertEquals(
                Verdict.REBUILT, second(app, "2", "FROM busybox", "COPY --chmod=775 --chown=0 tool.sh /t", "RUN true"));
        app.dockerfile("FROM busybox", "COPY --chown=1000:1000 tool.sh /t");
        assertEquals(Verdict.REBUILT, second(app, "2", "FROM busybox", "COPY --chown=app:app tool.sh /t"));
        app.dockerfile("FROM busybox", "USER root", "WORKDIR /app");
        assertEquals(Verdict.CACHED, second(app, "2", "FROM busybox", "USER 0", "WORKDIR /app"));
    }

    /** copy-chmod-spellings on engine 26, copy-chmod-invalid, copy-chmod-invalid-symbolic */
    @Test
    void aChmodThatIsNotOctalIsIgnoredByOldReleasesAndRefusedByNewOnes() throws Exception {
        Scenario app = new Scenario(dir)
                .file("a.txt", "a\n")
                .buildkitVersion("0.13")
                .dockerfile("FROM busybox", "COPY a.txt /a");
        assertEquals(Verdict.CACHED, second(app, "2", "FROM busybox", "COPY --chmod=u+x a.txt /a"));
        assertEquals(Verdict.CACHED, second(app, "2", "FROM busybox", "COPY --chmod=999 a.txt /a"));

        app.buildkitVersion("0.25").dockerfile("FROM busybox", "COPY --chmod=999 a.txt /a");
        assertEquals(
                "Dockerfile:2:1: invalid chmod parameter: '999'. it should be octal string and between 0 and 07777",
                assertThrows(AnalysisException.class, app::snapshot).getMessage());
        app.dockerfile("FROM busybox", "ARG MODE=u+q", "COPY --chmod=$MODE a.txt /a");
        assertEquals(
                "Dockerfile:3:1: invalid syntax",
                assertThrows(AnalysisException.class, app::snapshot).getMessage());
        app.dockerfile("FROM busybox", "COPY --chmod=+x a.txt /a");
        assertEquals(Verdict.REBUILT, second(app, "2", "FROM busybox", "COPY --chmod=a+x a.txt /a"));
    }

    /** add-checksum-local-rejected */
    @Test
    void addChecksumOfAContextFileIsRefusedInEachReleasesWords() throws Exception {
        String checksum = "--checksum=sha256:" + "ab".repeat(32);
        Scenario app = new Scenario(dir)
                .file("local.txt", "local\n")
                .dockerfile("FROM busybox", "ADD " + checksum + " local.txt /local.txt");
        assertEquals(
                "Dockerfile:2:1: checksum requires HTTP(S) or Git sources",
                assertThrows(AnalysisException.class, app::snapshot).getMessage());
        app.buildkitVersion("0.13");
        assertEquals(
                "Dockerfile:2:1: checksum can't be specified for non-HTTP sources",
                assertThrows(AnalysisException.class, app::snapshot).getMessage());
        app.buildkitVersion("0.20")
                .dockerfile("FROM busybox", "ADD " + checksum + " https://a.example/x https://a.example/y /d/");
        assertEquals(
                "Dockerfile:2:1: checksum can't be specified for multiple sources",
                assertThrows(AnalysisException.class, app::snapshot).getMessage());
    }

    /** add-checksum-toggled */
    @Test
    void addingOrRemovingAChecksumOfAnUnchangedUrlIsUnknownAndAChangedChecksumRebuilds() throws Exception {
        String url = " https://a.example/v1/app.jar /app.jar";
        String checksum = "--checksum=sha256:" + "ab".repeat(32);
        Snapshot unpinned = new Scenario(dir)
                .dockerfile("FROM busybox", "ADD" + url, "RUN true")
                .snapshot();
        Scenario app = new Scenario(dir);
        StepResult added = step(snapshotOf(app, "FROM busybox", "ADD " + checksum + url, "RUN true"), unpinned, "2");
        assertEquals(Verdict.UNKNOWN, added.verdict());
        assertTrue(added.unknownReason().contains("downloaded on every build"), added.unknownReason());

        app.dockerfile("FROM busybox", "ADD " + checksum + url, "RUN true");
        Snapshot pinned = app.snapshot();
        assertEquals(
                Verdict.UNKNOWN,
                step(snapshotOf(app, "FROM busybox", "ADD" + url, "RUN true"), pinned, "2")
                        .verdict());
        Snapshot bumped = snapshotOf(app, "FROM busybox", "ADD --checksum=sha256:" + "cd".repeat(32) + url, "RUN true");
        assertEquals(Verdict.REBUILT, step(bumped, pinned, "2").verdict());
        assertEquals(Verdict.REBUILT, step(bumped, pinned, "3").verdict());
    }

    private static Snapshot snapshotOf(Scenario app, String... lines) throws AnalysisException {
        return app.dockerfile(lines).snapshot();
    }

    /** heredoc-variants: run-piped-tabs, run-two-heredocs, run-simple-quoted, run-simple-tabs */
    @Test
    void aRunHeredocIsKeyedAsTheShellGetsIt() throws Exception {
        Scenario app = new Scenario(dir).dockerfile("FROM busybox", "RUN cat <<-EOF > /x", "\tbody", "\tEOF");
        assertEquals(Verdict.REBUILT, second(app, "2", "FROM busybox", "RUN cat <<-EOF > /x", "\t\tbody", "\tEOF"));
        app.dockerfile("FROM busybox", "RUN cat <<-EOF > /x", "\tbody", "\tEOF");
        assertEquals(Verdict.CACHED, second(app, "2", "FROM busybox", "RUN cat <<-EOF > /x", "\tbody", "\t\t\tEOF"));
        app.dockerfile("FROM busybox", "RUN cat <<A > /a && cat <<-B > /b", "a", "A", "\tb", "\tB");
        assertEquals(
                Verdict.REBUILT,
                second(app, "2", "FROM busybox", "RUN cat <<A > /a && cat <<-B > /b", "a", "A", "\t\tb", "\tB"));
        app.dockerfile("FROM busybox", "RUN <<EOF", "echo $HOME > /x", "EOF");
        assertEquals(Verdict.CACHED, second(app, "2", "FROM busybox", "RUN <<\"END\"", "echo $HOME > /x", "END"));
        app.dockerfile("FROM busybox", "RUN <<-EOF", "\techo x > /x", "\tEOF");
        assertEquals(Verdict.CACHED, second(app, "2", "FROM busybox", "RUN <<-EOF", "\t\techo x > /x", "\tEOF"));
        app.dockerfile("FROM busybox", "RUN <<EOF", "#!/bin/sh", "echo x > /x", "EOF");
        assertEquals(Verdict.REBUILT, second(app, "2", "FROM busybox", "RUN <<END", "#!/bin/sh", "echo x > /x", "END"));
    }

    private Snapshot bytesSnapshot(Scenario app, Object... parts) throws IOException, AnalysisException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            } else {
                for (int b : (int[]) part) {
                    out.write(b);
                }
            }
        }
        Files.write(dir.resolve("Dockerfile"), out.toByteArray());
        return app.snapshot();
    }

    /** dockerfile-invalid-utf8 */
    @Test
    void expandedBytesAreReadAsGoReadsThemAndFileBodiesKeepTheirBytes() throws Exception {
        Scenario app = new Scenario(dir).file("a.txt", "a\n");
        int[] ff = {0xFF};
        int[] fe = {0xFE};
        String env = "FROM busybox\nENV V=x";
        String run = "\nRUN echo \"$V\"\n";
        assertEquals(
                Verdict.CACHED,
                step(bytesSnapshot(app, env, fe, run), bytesSnapshot(app, env, ff, run), "2")
                        .verdict());
        assertEquals(
                Verdict.REBUILT,
                step(bytesSnapshot(app, env, ff, run), bytesSnapshot(app, env, new int[] {0xE2, 0x82}, run), "2")
                        .verdict());
        assertEquals(
                Verdict.CACHED,
                step(bytesSnapshot(app, env, "\uFFFD", run), bytesSnapshot(app, env, ff, run), "2")
                        .verdict());

        String quoted = "FROM busybox\nCOPY <<\"EOF\" /q\nq";
        String end = "\nEOF\n";
        assertEquals(
                Verdict.REBUILT,
                step(bytesSnapshot(app, quoted, fe, end), bytesSnapshot(app, quoted, ff, end), "2")
                        .verdict());
        String unquoted = "FROM busybox\nCOPY <<EOF /u\nu";
        assertEquals(
                Verdict.CACHED,
                step(bytesSnapshot(app, unquoted, fe, end), bytesSnapshot(app, unquoted, ff, end), "2")
                        .verdict());
        String script = "FROM busybox\nRUN <<EOF\n#!/bin/sh\necho ";
        assertEquals(
                Verdict.REBUILT,
                step(bytesSnapshot(app, script, fe, end), bytesSnapshot(app, script, ff, end), "2")
                        .verdict());
        String comment = "FROM busybox\n# note ";
        assertEquals(
                Verdict.CACHED,
                step(bytesSnapshot(app, comment, fe, run), bytesSnapshot(app, comment, ff, run), "2")
                        .verdict());
    }

    /** dockerfile-invalid-utf8-run, dockerfile-invalid-utf8-classic */
    @Test
    void aRunCommandThatIsNotUtf8FailsNewReleasesAndIsKeyedAsU_FFFDByOldOnes() throws Exception {
        Scenario app = new Scenario(dir);
        String shell = "FROM busybox\nRUN echo ";
        AnalysisException refused =
                assertThrows(AnalysisException.class, () -> bytesSnapshot(app, shell, new int[] {0xFF}, "\n"));
        assertTrue(
                refused.getMessage().startsWith("Dockerfile:2:1: this RUN holds the byte 0xff, which is not UTF-8"),
                refused.getMessage());
        assertTrue(
                refused.getMessage().endsWith("failed to marshal LLB definition: string field contains invalid UTF-8"));
        String plainHeredoc = "FROM busybox\nRUN <<EOF\necho ";
        assertThrows(AnalysisException.class, () -> bytesSnapshot(app, plainHeredoc, new int[] {0xFF}, "\nEOF\n"));

        app.buildkitVersion("0.13");
        Snapshot before = bytesSnapshot(app, shell, new int[] {0xFF}, "\n");
        assertEquals(
                Verdict.CACHED,
                step(bytesSnapshot(app, shell, new int[] {0xFE}, "\n"), before, "2")
                        .verdict());
        assertEquals(
                Verdict.REBUILT,
                step(bytesSnapshot(app, shell, new int[] {0xFF, 0xFF}, "\n"), before, "2")
                        .verdict());

        app.builder(Builder.CLASSIC);
        Snapshot classic = bytesSnapshot(app, shell, new int[] {0xFF}, "\n");
        StepResult same = step(bytesSnapshot(app, shell, new int[] {0xFF}, "\n"), classic, "2");
        assertEquals(Verdict.UNKNOWN, same.verdict());
        assertTrue(same.unknownReason().contains("never finds this RUN in its cache"), same.unknownReason());
    }

    private void socketAt(String path) throws IOException {
        Files.deleteIfExists(dir.resolve(path));
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(dir.resolve(path)));
        }
        Files.setPosixFilePermissions(dir.resolve(path), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void emptyFileAt(String path) throws IOException {
        Files.deleteIfExists(dir.resolve(path));
        Files.writeString(dir.resolve(path), "");
        Files.setPosixFilePermissions(dir.resolve(path), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** context-special-files-identical, context-special-files-classic */
    @Test
    void socketsAndHardLinksAreSentAsBuildKitsClientSendsThemAndAsTheLegacyOneDoes() throws Exception {
        Scenario app = new Scenario(dir).file("d/one.txt", "one\n").dockerfile("FROM busybox", "COPY d/ /d/");
        socketAt("d/socket");
        Files.createLink(dir.resolve("d/two.txt"), dir.resolve("d/one.txt"));
        Snapshot buildkit = app.snapshot();
        Snapshot classic = app.builder(Builder.CLASSIC).snapshot();

        emptyFileAt("d/socket");
        Files.delete(dir.resolve("d/two.txt"));
        app.file("d/two.txt", "one\n");
        assertEquals(
                Verdict.CACHED,
                step(app.builder(Builder.BUILDKIT).snapshot(), buildkit, "2").verdict());
        assertEquals(
                Verdict.REBUILT,
                step(app.builder(Builder.CLASSIC).snapshot(), classic, "2").verdict());
        socketAt("d/socket");
        assertEquals(Verdict.REBUILT, step(app.snapshot(), classic, "2").verdict(), "the hard link became a copy");
    }

    /** The legacy builder opens a fifo it copies by name or wildcard, and never returns. */
    @Test
    void theLegacyBuilderCannotCopyAFifoByName() throws Exception {
        Scenario app = new Scenario(dir).builder(Builder.CLASSIC).dockerfile("FROM busybox", "COPY d/* /d/");
        Files.createDirectories(dir.resolve("d"));
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("d/fifo").toString()).start();
        assertEquals(0, mkfifo.waitFor());
        assertTrue(assertThrows(AnalysisException.class, app::snapshot)
                .getMessage()
                .startsWith("Dockerfile:2:1: the legacy builder (builder=classic) never finishes this build: it opens"
                        + " the fifo \"d/fifo\""));
        app.dockerfile("FROM busybox", "COPY d/ /d/");
        assertEquals(2, app.snapshot().steps().size());
    }
}
