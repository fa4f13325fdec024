package io.github.dockercache.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.FileInfo;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.report.ReportLine;
import io.github.dockercache.store.PlainSnapshots;
import io.github.dockercache.store.SnapshotFormatException;
import io.github.dockercache.store.SnapshotStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per kind of hostile input the plugin must survive (issue #8): each runs the goal a user runs and
 * asserts the whole message the user reads, or that the input is handled as BuildKit handles it.
 */
class HostileInputTest {
    private static final String DOCKERFILE_HEAD = "FROM busybox:1.36\n";

    @TempDir
    Path dir;

    private Path context(String dockerfileBody) throws IOException {
        Path context = Files.createDirectories(dir.resolve("context"));
        writeFile(context.resolve("Dockerfile"), DOCKERFILE_HEAD + dockerfileBody);
        return context;
    }

    private static void writeFile(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static Goals request(Path context, Path output) {
        return request(context, output, false);
    }

    private static Goals request(Path context, Path output, boolean force) {
        BuildSettings build =
                new BuildSettings(context, context.resolve("Dockerfile"), Map.of(), null, ClientPlatform.LINUX, null);
        // outside the context, so that recording it changes nothing a COPY reads
        Path baseline = output.resolveSibling("baseline.json");
        Goals goals = Goals.of(Goals.image(build, output, TestHints.at(context)), baseline, "baseline.json");
        return force ? goals.forced() : goals;
    }

    private Goals request(Path context) {
        return request(context, dir.resolve("out"));
    }

    private Snapshot snapshot() throws IOException, SnapshotFormatException {
        return SnapshotStore.read(dir.resolve("out").resolve(ImageAnalysis.SNAPSHOT_FILE));
    }

    private static String text(Outcome outcome) {
        return Stream.concat(
                        outcome.warnings().stream(), outcome.lines().stream().map(ReportLine::text))
                .collect(Collectors.joining("\n"));
    }

    private WorkflowException checkFails(Path context) {
        WorkflowException e = assertThrows(
                WorkflowException.class, () -> Workflow.check(request(context).compare(), null));
        assertTrue(e.isUserError(), "bad input is the user's to fix: " + e.getMessage());
        return e;
    }

    @Test
    void symlinksLeavingTheContextAreHashedAsLinksAndNeverFollowed() throws Exception {
        Path outside = dir.resolve("outside/secret.txt");
        writeFile(outside, "secret 1");
        Path context = context("COPY . /app\n");
        Files.createSymbolicLink(context.resolve("relative"), Path.of("../outside/secret.txt"));
        Files.createSymbolicLink(context.resolve("absolute"), outside);
        BaselineWorkflow.record(request(context).baseline());
        Files.writeString(outside, "secret 2, longer");
        Outcome outcome = Workflow.check(request(context).compare(), null);
        assertTrue(text(outcome).contains("2 steps: 2 cached, 0 rebuilt"), text(outcome));
        Map<String, FileInfo> files = snapshot().files();
        assertEquals(
                new FileInfo(
                        "symlink",
                        "0777",
                        0,
                        null,
                        outside.toString(),
                        files.get("absolute").digest(),
                        null,
                        null),
                files.get("absolute"));
        assertEquals("../outside/secret.txt", files.get("relative").target());
        assertNull(files.get("relative").content(), "a link's target is never read");
    }

    @Test
    void copyThroughAnAbsoluteLinkResolvesInsideTheContext() throws Exception {
        writeFile(dir.resolve("outside/secret.txt"), "secret");
        Path context = context("COPY absolute /secret.txt\n");
        Files.createSymbolicLink(context.resolve("absolute"), dir.resolve("outside/secret.txt"));
        // BuildKit resolves the link inside the context root, where the target does not exist
        assertEquals(notFoundAtLine2(context, "absolute"), checkFails(context).getMessage());
    }

    private static String notFoundAtLine2(Path context, String source) throws IOException {
        return "Dockerfile:2:1: failed to compute cache key: \"/" + source + "\" not found: COPY/ADD source \"" + source
                + "\" does not exist in the build context " + context.toRealPath() + " (check the path, and that"
                + " .dockerignore does not exclude it)";
    }

    @Test
    void symlinkLoopIsALocatedError() throws Exception {
        Path context = context("RUN true\nCOPY a /a\n");
        Files.createSymbolicLink(context.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(context.resolve("b"), Path.of("a"));
        assertEquals(
                "Dockerfile:3:1: too many levels of symbolic links while resolving \"/a\" in the build context"
                        + " (a symlink loop?); fix the link",
                checkFails(context).getMessage());
    }

    @Test
    void fileOver4GiBIsStreamedInBoundedMemory() throws Exception {
        Path context = context("COPY big.bin /big.bin\n");
        Path big = context.resolve("big.bin");
        long size = (4L << 30) + 4;
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.seek(size - 4); // sparse: the zeros cost no disk, only reading time
            file.write("tail".getBytes(StandardCharsets.US_ASCII));
        }
        Files.setPosixFilePermissions(big, PosixFilePermissions.fromString("rw-r--r--"));
        ChildJvm.Result check = ChildJvm.check(context, dir.resolve("out"), List.of("-Xmx64m"), false);
        assertEquals(0, check.exitCode(), check.output());
        FileInfo info = snapshot().files().get("big.bin");
        assertEquals(size, info.size());
        assertTrue(FileInfo.sameDigest("sha256:" + sha256sum(big), info.content()), info.content()); // kept short
    }

    private static String sha256sum(Path file) throws Exception {
        Process process = new ProcessBuilder("sha256sum", file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES) && process.exitValue() == 0, output);
        return output.substring(0, 64);
    }

    @Test
    void unreadableFileNamesTheFileAndTheFix() throws Exception {
        Path context = context("COPY . /app\n");
        writeFile(context.resolve("secret.txt"), "secret");
        assertEquals(
                "cannot read \"secret.txt\" in the build context: permission denied; make it readable (chmod a+r)"
                        + " or add it to .dockerignore",
                checkWithoutAccessTo(context, "secret.txt"));
        writeFile(context.resolve(".dockerignore"), "secret.txt\n");
        ChildJvm.Result ignored = ChildJvm.check(context, dir.resolve("out"), List.of(), true);
        assertEquals(0, ignored.exitCode(), "an ignored file is never opened: " + ignored.output());
    }

    @Test
    void unreadableDirectoryNamesTheDirectoryAndTheFix() throws Exception {
        Path context = context("COPY . /app\n");
        writeFile(context.resolve("private/key.pem"), "key");
        assertEquals(
                "cannot list directory \"private\" in the build context: java.nio.file.AccessDeniedException: "
                        + context.resolve("private") + "; make it readable (chmod a+rx) or add it to .dockerignore",
                checkWithoutAccessTo(context, "private"));
    }

    /** The check's error once {@code path} has mode 000, run where mode bits are obeyed. */
    private String checkWithoutAccessTo(Path context, String path) throws Exception {
        Files.setPosixFilePermissions(context.resolve(path), Set.of());
        return childCheckError(context, List.of(), true);
    }

    /** The error of a check run in a child JVM, which must exit with it (status 2). */
    private String childCheckError(Path context, List<String> jvmOptions, boolean withoutFileModeOverride)
            throws Exception {
        ChildJvm.Result check = ChildJvm.check(context, dir.resolve("out"), jvmOptions, withoutFileModeOverride);
        assertEquals(2, check.exitCode(), check.output());
        return check.output().strip();
    }

    @Test
    void nameWithANewlineIsHashedAndReportedOnOneLine() throws Exception {
        Path context = context("COPY . /app\n");
        writeFile(context.resolve("two\nlines.txt"), "a");
        BaselineWorkflow.record(request(context).baseline());
        writeFile(context.resolve("two\nlines.txt"), "b");
        Outcome outcome = Workflow.check(request(context).compare(), null);
        assertTrue(snapshot().files().containsKey("two\nlines.txt"));
        assertTrue(
                outcome.lines().stream().map(ReportLine::text).toList().contains("  - two\\nlines.txt content changed"),
                text(outcome));
    }

    @Test
    void nameThatIsNotUtf8IsRefusedWithTheFix() throws Exception {
        Path context = context("COPY . /app\n");
        // Java cannot spell such a name: the shell's printf writes the raw byte
        Process touch = new ProcessBuilder("sh", "-c", "touch \"$(printf 'bad\\377name')\"")
                .directory(context.toFile())
                .start();
        assertEquals(0, touch.waitFor());
        assertEquals(
                "\"bad\uFFFDname\" in the build context has a name that is not valid UTF-8 (or not valid in the"
                        + " JVM's file name encoding " + System.getProperty("sun.jnu.encoding")
                        + "); rename it, add it to"
                        + " .dockerignore, or run with a UTF-8 locale such as LANG=C.UTF-8",
                checkFails(context).getMessage());
    }

    @Test
    void namesDifferingOnlyInCaseAreDistinctAsInBuildKit() throws Exception {
        // BuildKit keys the context by the names the client walked, case-sensitively, whatever the client's file
        // system: on a case-insensitive one "readme.md" opens README.md, but the build does not find it
        Path context = context("COPY readme.md /readme.md\n");
        writeFile(context.resolve("README.md"), "read me");
        writeFile(context.resolve(".dockerignore"), "*.MD\n");
        assertEquals(notFoundAtLine2(context, "readme.md"), checkFails(context).getMessage());
    }

    @Test
    void archivesForAddAreKeyedByTheirBytesAndNeverUnpacked() throws Exception {
        Path context = context("ADD bomb.tar.gz /opt/\nCOPY app.jar /app.jar\n");
        Path bomb = context.resolve("bomb.tar.gz");
        writeGzipBomb(bomb, 16L << 30);
        Path jar = context.resolve("app.jar");
        writeJarWithEntries(jar, 20_000);
        ChildJvm.Result check = ChildJvm.check(context, dir.resolve("out"), List.of("-Xmx64m"), false);
        assertEquals(0, check.exitCode(), check.output());
        Map<String, FileInfo> files = snapshot().files();
        assertEquals(Files.size(bomb), files.get("bomb.tar.gz").size());
        assertTrue(FileInfo.sameDigest(
                "sha256:" + sha256sum(bomb), files.get("bomb.tar.gz").content()));
        assertEquals(5_000, files.get("app.jar").parts().size(), "a jar's listing is capped");
    }

    /** A gzip of {@code expanded} zero bytes, about a thousandth of that on disk: one member, repeated. */
    private static void writeGzipBomb(Path file, long expanded) throws IOException {
        int memberSize = 64 << 20;
        java.io.ByteArrayOutputStream member = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(member)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < memberSize / zeros.length; i++) {
                gzip.write(zeros);
            }
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < expanded; written += memberSize) {
                member.writeTo(out);
            }
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static void writeJarWithEntries(Path file, int entries) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < entries; i++) {
                zip.putNextEntry(new ZipEntry("e" + i + ".class"));
                zip.closeEntry();
            }
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Test
    void damagedBaselinesAreRefusedWithTheWayToRecordThemAgain() throws Exception {
        Path context = context("COPY a.txt /a.txt\n");
        writeFile(context.resolve("a.txt"), "a");
        BaselineWorkflow.record(request(context).baseline());
        Path baseline = dir.resolve("baseline.json");
        String recorded = Files.readString(baseline);
        String step2Key = SnapshotStore.read(baseline).steps().get(1).keys().key();

        assertRefused(
                context,
                baseline,
                recorded.substring(0, recorded.indexOf("\"files\": {")),
                "it is not valid JSON (End of input at line 49 column 3 path $.steps)");
        assertRefused(
                context,
                baseline,
                recorded.replace("\"version\": 2,", "\"version\": 3,"),
                "it has format version 3, this plugin reads versions 1 and 2");
        assertRefused(
                context,
                baseline,
                recorded.replace("\"key\": \"" + step2Key, "\"key\": \"sha256:edited"),
                "step \"2\" has a key that is not a sha256 digest");
        JsonObject tree = JsonParser.parseString(recorded).getAsJsonObject();
        tree.add("fileTable", JsonParser.parseString("[\"AAAA\"]"));
        assertRefused(
                context,
                baseline,
                tree.toString(),
                "its file table does not match its checksum (the file was changed or damaged)");
        // made to match its checksum: found only where a missed step's entries are first read, and said alike
        CRC32C crc = new CRC32C();
        crc.update("AAAA\n".getBytes(StandardCharsets.US_ASCII));
        tree.addProperty("fileTableChecksum", HexFormat.of().toHexDigits((int) crc.getValue()));
        writeFile(context.resolve("a.txt"), "b");
        assertRefused(context, baseline, tree.toString(), "its file table is damaged (not deflate data)");
    }

    @Test
    void baselinePathsOutsideTheContextAreRefusedNeverRead() throws Exception {
        writeFile(dir.resolve("outside.txt"), "secret");
        Path context = context("COPY a.txt /a.txt\n");
        writeFile(context.resolve("a.txt"), "a");
        BaselineWorkflow.record(request(context).baseline());
        Path baseline = dir.resolve("baseline.json");
        String recorded = PlainSnapshots.plain(SnapshotStore.read(baseline)); // paths as text, as version 1 wrote them
        for (String path : List.of("../outside.txt", dir.resolve("outside.txt").toString(), "./a.txt")) {
            assertRefused(
                    context,
                    baseline,
                    recorded.replace("\"a.txt\"", "\"" + path + "\""),
                    "step \"2\" reads \"" + path + "\", which is not a path inside a build context");
        }
    }

    private void assertRefused(Path context, Path baseline, String content, String why) throws IOException {
        Files.writeString(baseline, content);
        assertEquals(
                "The baseline baseline.json cannot be used: " + why + ". Record it again with mvn dockercache:baseline"
                        + " -Ddockercache.force=true (which replaces a file it cannot read), or delete it.",
                checkFails(context).getMessage());
    }

    /** Runs the check goal in another JVM: with a small heap, or as root without the right to ignore file modes. */
    static final class ChildJvm {
        record Result(int exitCode, String output) {}

        static Result check(Path context, Path output, List<String> jvmOptions, boolean withoutFileModeOverride)
                throws Exception {
            List<String> command = new ArrayList<>();
            if (withoutFileModeOverride && "root".equals(System.getProperty("user.name"))) {
                // root reads any file whatever its mode; without these two capabilities it obeys the mode bits
                command.addAll(List.of("setpriv", "--bounding-set", "-dac_override,-dac_read_search"));
            }
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of(
                    "-cp",
                    System.getProperty("java.class.path"),
                    ChildJvm.class.getName(),
                    context.toString(),
                    output.toString()));
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the check did not finish: " + text);
            return new Result(process.exitValue(), text);
        }

        /** Prints the goal's error, as the mojo would show it, and exits with 2; exits with 0 when it passed. */
        public static void main(String[] args) throws Exception {
            try {
                Workflow.check(request(Path.of(args[0]), Path.of(args[1])).compare(), null);
            } catch (WorkflowException e) {
                System.out.println(e.getMessage());
                System.exit(2);
            }
        }
    }

    // ---- bounded inputs (docs/limits.md): each fails located, in a 256 MiB heap ----

    @Test
    void anArgThatDoublesItselfFailsAtTheLineThatPassesTheLimit() throws Exception {
        StringBuilder body = new StringBuilder("ARG A=xxxxxxxx\n");
        body.append("ARG A=$A$A\n".repeat(24)).append("RUN echo $A\n");
        Path context = context(body.toString());
        assertEquals(
                "Dockerfile:20:1: failed to process \"$A$A\": the expanded word is longer than 1,048,576 characters,"
                        + " the limit of dockercache (docs/limits.md); check the ARG and ENV values it references",
                smallHeapCheck(context));
    }

    @Test
    void manyLargeExpansionsFailOnceTheirSumPassesTheLimit() throws Exception {
        StringBuilder body = new StringBuilder("ARG A=xxxxxxxx\n").append("ARG A=$A$A\n".repeat(16));
        for (int i = 0; i < 1000; i++) {
            body.append("ARG B").append(i).append("=$A\n");
        }
        Path context = context(body.toString());
        assertEquals(
                "Dockerfile:24:1: failed to process \"$A\": the expansions of this Dockerfile add up to more than"
                        + " 4,194,304 characters, the limit of dockercache (docs/limits.md); check the ARG and ENV values that"
                        + " grow",
                smallHeapCheck(context));
    }

    @Test
    void tooManyInstructionsFailAtTheFirstOneBeyondTheLimit() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            body.append("RUN echo ").append(i).append('\n');
        }
        Path context = context(body.toString());
        assertEquals(
                "Dockerfile:5001:1: more than 5,000 instructions, the limit of dockercache (BuildKit has none); a"
                        + " Dockerfile this long is generated: split the build, or check that this is the Dockerfile meant",
                checkFails(context).getMessage());
    }

    @Test
    void aDockerfileLargerThanTheLimitIsRefusedUnread() throws Exception {
        Path context = context("RUN true\n" + "# padding\n".repeat(120_000));
        assertEquals(
                "the Dockerfile Dockerfile is 1.1 MiB, more than the limit of 1 MiB (docs/limits.md); check that the"
                        + " Dockerfile configured is the one meant",
                checkFails(context).getMessage());
    }

    @Test
    void aDockerfileThatIsADeviceIsRefusedUnread() throws Exception {
        Path context = Files.createDirectories(dir.resolve("context"));
        Files.createSymbolicLink(context.resolve("Dockerfile"), Path.of("/dev/zero"));
        assertEquals(
                "the Dockerfile Dockerfile is a character device, not a regular file (docs/limits.md); check that"
                        + " the Dockerfile configured is the one meant",
                smallHeapCheck(context));
    }

    @Test
    void aDockerignoreThatIsAFifoOrADeviceIsRefusedWithoutOpeningIt() throws Exception {
        Path context = context("COPY . /app\n");
        Path ignore = context.resolve(".dockerignore");
        Process mkfifo = new ProcessBuilder("mkfifo", ignore.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        assertEquals(
                ignore.toRealPath() + " is a FIFO (named pipe), not a regular file (docs/limits.md); a .dockerignore"
                        + " must be a regular file of patterns: replace it with one",
                smallHeapCheck(context));
        Files.delete(ignore);
        Files.createSymbolicLink(ignore, Path.of("/dev/zero"));
        assertEquals(
                context.toRealPath().resolve(".dockerignore") + " is a character device, not a regular file"
                        + " (docs/limits.md); a .dockerignore must be a regular file of patterns: replace it with one",
                smallHeapCheck(context));
    }

    @Test
    void aDockerignoreLargerThanTheLimitIsRefused() throws Exception {
        Path context = context("COPY . /app\n");
        writeFile(context.resolve(".dockerignore"), "*.log\n".repeat(200_000));
        assertEquals(
                context.toRealPath().resolve(".dockerignore") + " is 1.1 MiB, more than the limit of 1 MiB"
                        + " (docs/limits.md); a .dockerignore must be a regular file of patterns: replace it with one",
                checkFails(context).getMessage());
    }

    @Test
    void aBaselineWithTenMillionKeysIsRefusedUnread() throws Exception {
        Path context = context("COPY a.txt /a.txt\n");
        writeFile(context.resolve("a.txt"), "a");
        baselineWithBuildArgs(10_000_000, i -> "k" + i);
        assertEquals(
                "The baseline baseline.json cannot be used: it is 132.5 MiB, more than the limit of 64 MiB for a"
                        + " baseline or snapshot in this heap (docs/limits.md; if the file is genuine, give the build more heap, as"
                        + " with MAVEN_OPTS=-Xmx1g). Record it again with mvn dockercache:baseline -Ddockercache.force=true (which"
                        + " replaces a file it cannot read), or delete it.",
                smallHeapCheck(context));
    }

    @Test
    void aBaselineWithMoreStringsThanTheLimitIsRefused() throws Exception {
        Path context = context("COPY a.txt /a.txt\n");
        writeFile(context.resolve("a.txt"), "a");
        Path baseline = baselineWithBuildArgs(1_100_000, i -> Integer.toString(i, 36));
        assertTrue(Files.size(baseline) < 64 << 20);
        assertEquals(
                "The baseline baseline.json cannot be used: it has more than 2,000,000 strings (keys and values), the"
                        + " limit for a baseline or snapshot in this heap (docs/limits.md; if the file is genuine, give the build more"
                        + " heap, as with MAVEN_OPTS=-Xmx1g). Record it again with mvn dockercache:baseline"
                        + " -Ddockercache.force=true (which replaces a file it cannot read), or delete it.",
                smallHeapCheck(context));
    }

    /** The check's error in a child JVM with a 256 MiB heap; it must exit with the message, not run out of heap. */
    private String smallHeapCheck(Path context) throws Exception {
        return childCheckError(context, List.of("-Xmx256m"), false);
    }

    /** A baseline.json beside the context whose buildArgs map holds {@code count} keys named by {@code name}. */
    private Path baselineWithBuildArgs(int count, java.util.function.IntFunction<String> name) throws IOException {
        Path baseline = dir.resolve("baseline.json");
        try (java.io.Writer out = Files.newBufferedWriter(baseline)) {
            out.write("{\"format\": \"dockercache-snapshot\", \"version\": 1, \"buildArgs\": {");
            for (int i = 0; i < count; i++) {
                out.write((i == 0 ? "\"" : ",\"") + name.apply(i) + "\":\"\"");
            }
            out.write("}}");
        }
        return baseline;
    }

    // ---- faults ----

    @Test
    void forceReplacesABaselineThatCannotBeReadAndTheReasonIsTheSystemOne() throws Exception {
        Path context = context("COPY a.txt /a.txt\n");
        writeFile(context.resolve("a.txt"), "a");
        Path baseline = dir.resolve("baseline.json");
        Files.createDirectories(baseline); // cannot be read as a file, whoever runs the test
        WorkflowException refused = assertThrows(
                WorkflowException.class,
                () -> BaselineWorkflow.record(request(context).baseline()));
        assertEquals(
                "Refusing to overwrite " + baseline + ": it is a directory, not a regular file. To replace it"
                        + " anyway, run again with -Ddockercache.force=true.",
                refused.getMessage());
        Files.delete(baseline);
        writeFile(baseline, "{}");
        Files.setPosixFilePermissions(baseline, Set.of());
        if (!"root".equals(System.getProperty("user.name"))) {
            refused = assertThrows(
                    WorkflowException.class,
                    () -> BaselineWorkflow.record(request(context).baseline()));
            assertEquals(
                    "Refusing to overwrite " + baseline + ": it cannot be read (" + baseline + ": Permission denied)."
                            + " To replace it anyway, run again with -Ddockercache.force=true.",
                    refused.getMessage());
        }
        BaselineWorkflow.record(request(context, dir.resolve("out"), true).baseline());
        assertEquals(
                "a.txt",
                SnapshotStore.read(baseline).steps().get(1).reads().files().get(0));
    }

    @Test
    void anUnwritableBaselineDirectoryKeepsTheSystemReason() throws Exception {
        Path context = context("COPY a.txt /a.txt\n");
        writeFile(context.resolve("a.txt"), "a");
        Files.writeString(dir.resolve("not-a-directory"), "");
        Path baseline = dir.resolve("not-a-directory/baseline.json");
        Goals request = request(context);
        Goals elsewhere = request.withBaseline(baseline, "baseline.json");
        WorkflowException e =
                assertThrows(WorkflowException.class, () -> BaselineWorkflow.record(elsewhere.baseline()));
        // Java's createDirectories words ENOTDIR so
        assertEquals(
                "Cannot update the baseline " + baseline + ": " + baseline.getParent() + ": File exists",
                e.getMessage());
    }

    @Test
    void aSymlinkedBaselineIsWrittenThroughToItsTarget() throws Exception {
        Path context = context("COPY a.txt /a.txt\n");
        writeFile(context.resolve("a.txt"), "a");
        Path shared = Files.createDirectories(dir.resolve("shared")).resolve("baseline.json");
        Path baseline = dir.resolve("baseline.json");
        Files.createSymbolicLink(baseline, Path.of("shared/baseline.json"));
        BaselineWorkflow.record(request(context).baseline()); // the target does not exist yet: created through the link
        writeFile(context.resolve("a.txt"), "b");
        BaselineWorkflow.record(request(context).baseline()); // and replaced through it
        assertTrue(Files.isSymbolicLink(baseline), "the link stays a link");
        assertEquals(2, SnapshotStore.read(shared).history().size());
    }

    @Test
    void temporaryFilesOfACrashedBaselineWriteAreRemovedByTheNext() throws Exception {
        Path context = context("COPY a.txt /a.txt\n");
        writeFile(context.resolve("a.txt"), "a");
        Path crashed = dir.resolve(".baseline.json.0b5e7c3a.tmp");
        writeFile(crashed, "{\"half");
        Files.setLastModifiedTime(
                crashed,
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofHours(1))));
        BaselineWorkflow.record(request(context).baseline());
        assertTrue(Files.notExists(crashed));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(
                    List.of(),
                    left.filter(p -> p.getFileName().toString().endsWith(".tmp"))
                            .toList());
        }
    }
}
