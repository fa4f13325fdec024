package io.github.dockercache.differential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenario change operations; needs no engine. */
class ChangeTest {
    @TempDir
    Path context;

    private static Change change(Change.Op op, String path) {
        return new Change(op, path, null, null, null, null, null, null);
    }

    @Test
    void writeCreatesFileAndDirectoriesWithFixedModes() throws IOException {
        new Change(Change.Op.WRITE, "a/b/c.txt", "c\n", null, null, null, null, null).apply(context);

        assertEquals("c\n", Files.readString(context.resolve("a/b/c.txt")));
        assertEquals("rw-r--r--", mode(context.resolve("a/b/c.txt")));
        assertEquals("rwxr-xr-x", mode(context.resolve("a")));
    }

    @Test
    void chmodSetsOctalPermissionBits() throws IOException {
        Files.writeString(context.resolve("f"), "");
        new Change(Change.Op.CHMOD, "f", null, "0751", null, null, null, null).apply(context);

        assertEquals("rwxr-x--x", mode(context.resolve("f")));
    }

    @Test
    void touchChangesOnlyTheModificationTime() throws IOException {
        Path file = Files.writeString(context.resolve("f"), "same");
        long before = Files.getLastModifiedTime(file).toMillis();
        change(Change.Op.TOUCH, "f").apply(context);

        assertEquals(before + 3_600_000, Files.getLastModifiedTime(file).toMillis());
        assertEquals("same", Files.readString(file));
    }

    @Test
    void symlinkIsRetargetedWithoutTouchingItsOldTarget() throws IOException {
        Files.writeString(context.resolve("v1"), "1");
        new Change(Change.Op.SYMLINK, "current", null, null, "v1", null, null, null).apply(context);
        new Change(Change.Op.SYMLINK, "current", null, null, "v2", null, null, null).apply(context);

        assertEquals(Path.of("v2"), Files.readSymbolicLink(context.resolve("current")));
        assertEquals("1", Files.readString(context.resolve("v1")));
    }

    @Test
    void deleteRemovesALinkButNotWhatItPointsTo() throws IOException {
        Files.createDirectory(context.resolve("dir"));
        Files.writeString(context.resolve("dir/kept"), "");
        Files.createSymbolicLink(context.resolve("link"), Path.of("dir"));
        change(Change.Op.DELETE, "link").apply(context);

        assertFalse(Files.exists(context.resolve("link"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("", Files.readString(context.resolve("dir/kept")));
    }

    @Test
    void replaceEditsTheDockerfileByDefaultAndInsistsOnAMatch() throws IOException {
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nWORKDIR /app\n");
        new Change(Change.Op.REPLACE, null, null, null, null, "/app", "/srv", null).apply(context);

        assertEquals("FROM scratch\nWORKDIR /srv\n", Files.readString(context.resolve("Dockerfile")));
        Change missing = new Change(Change.Op.REPLACE, null, null, null, null, "/app", "/x", null);
        assertThrows(IllegalArgumentException.class, () -> missing.apply(context));
    }

    @Test
    void replaceBytesEditsBytesThatAreNotUtf8() throws IOException {
        Files.write(context.resolve("Dockerfile"), new byte[] {'R', 'U', 'N', ' ', (byte) 0xFF, '\n'});
        new Change(Change.Op.REPLACE_BYTES, null, null, null, null, "\u00ff", "\u00fe\u00fe", null).apply(context);

        assertArrayEquals(
                new byte[] {'R', 'U', 'N', ' ', (byte) 0xFE, (byte) 0xFE, '\n'},
                Files.readAllBytes(context.resolve("Dockerfile")));
    }

    @Test
    void specialFilesReplaceWhatIsThereAndTakeTheirMode() throws IOException {
        Files.writeString(context.resolve("one.txt"), "one");
        new Change(Change.Op.SOCKET, "s/socket", null, "0755", null, null, null, null).apply(context);
        new Change(Change.Op.MKFIFO, "s/fifo", null, null, null, null, null, null).apply(context);
        new Change(Change.Op.HARDLINK, "two.txt", null, null, "one.txt", null, null, null).apply(context);

        assertEquals(
                0140000, (Integer) Files.getAttribute(context.resolve("s/socket"), "unix:mode") & 0170000, "a socket");
        assertEquals("rwxr-xr-x", mode(context.resolve("s/socket")));
        assertEquals("rw-r--r--", mode(context.resolve("s/fifo")));
        assertTrue(Files.isSameFile(context.resolve("one.txt"), context.resolve("two.txt")));
        new Change(Change.Op.MKFIFO, "one.txt", null, null, null, null, null, null).apply(context);
        assertFalse(Files.isRegularFile(context.resolve("one.txt")), "replaced");
        Change device = new Change(Change.Op.MKNOD, "null", null, null, null, null, null, null);
        assertThrows(IllegalArgumentException.class, () -> device.apply(context), "needs major:minor");
    }

    @Test
    void xattrSetsAUserAttribute() throws IOException {
        Path file = Files.writeString(context.resolve("f"), "");
        new Change(Change.Op.XATTR, "f", "reviewed", null, null, null, null, "note").apply(context);

        UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
        ByteBuffer value = ByteBuffer.allocate(view.size("note"));
        view.read("note", value);
        assertEquals("reviewed", new String(value.array(), StandardCharsets.UTF_8));
    }

    @Test
    void pathsOutsideTheContextAreRejected() {
        Change escape = new Change(Change.Op.WRITE, "../outside.txt", "x", null, null, null, null, null);
        assertThrows(IllegalArgumentException.class, () -> escape.apply(context));
    }

    @Test
    void gitCommitsHaveTheSameIdsOnEveryRun() throws IOException {
        new Change(Change.Op.GIT_COMMIT, "repo.git", "hello v1\n", null, null, null, null, "hello.txt").apply(context);
        // add-git-pinned-commit-branch-moved pins this commit in its Dockerfile
        String pinned = "28543cced113c7323bbf60f00518b3d0487482f8";
        assertEquals(pinned, head(context.resolve("repo.git")));
        assertTrue(Files.readString(context.resolve("repo.git/info/refs")).contains(pinned), "served over dumb HTTP");

        new Change(Change.Op.GIT_COMMIT, "repo.git", "hello v2\n", null, null, null, null, "hello.txt").apply(context);
        String moved = head(context.resolve("repo.git"));
        assertFalse(moved.equals(pinned), "main moved to a new commit");
        assertTrue(Files.readString(context.resolve("repo.git/info/refs")).contains(moved), "refs re-published");
    }

    @Test
    void rootIsContextServedOrProject() {
        assertEquals(Change.Root.CONTEXT, rooted(null).where());
        assertEquals(Change.Root.CONTEXT, rooted("context").where());
        assertEquals(Change.Root.SERVED, rooted("served").where());
        assertEquals(Change.Root.PROJECT, rooted("project").where());
        assertThrows(IllegalArgumentException.class, rooted("elsewhere")::where);
    }

    @Test
    void copyReplacesTheBytesAndKeepsTheModeOfFilesAndDirectoryOverlays(@TempDir Path definition) throws IOException {
        Files.writeString(definition.resolve("new.jar"), "new\n");
        Path jar = Files.writeString(context.resolve("app.jar"), "old\n");
        Files.setPosixFilePermissions(jar, Change.permissions("0755"));

        Files.createDirectories(definition.resolve("overlay/lib"));
        Files.writeString(definition.resolve("overlay/lib/dependency.jar"), "dependency\n");

        copying("new.jar", "app.jar").apply(context, definition);
        copying("new.jar", "lib/added.jar").apply(context, definition);
        copying("overlay", null).apply(context, definition);

        assertEquals("new\n", Files.readString(jar));
        assertEquals("rwxr-xr-x", mode(jar));
        assertEquals("rw-r--r--", mode(context.resolve("lib/added.jar")));
        assertEquals("dependency\n", Files.readString(context.resolve("lib/dependency.jar")));
        assertThrows(
                IllegalArgumentException.class, () -> copying("../escape", "x").apply(context, definition));
        assertThrows(
                IllegalArgumentException.class, () -> copying("new.jar", "x").apply(context));
    }

    private static Change rooted(String root) {
        return new Change(Change.Op.WRITE, "a", "x", null, null, null, null, null, root, null, null, null);
    }

    private static Change copying(String from, String path) {
        return new Change(Change.Op.COPY, path, null, null, null, null, null, null, null, null, from, null);
    }

    @Test
    void springBootJarIsMadeFromATreeWithItsIndexesAndOneTime() throws IOException {
        new Change(Change.Op.WRITE, "jar/BOOT-INF/lib/a-1.0.jar", "a\n", null, null, null, null, null).apply(context);
        new Change(Change.Op.WRITE, "jar/BOOT-INF/lib/b-1.0-SNAPSHOT.jar", "b\n", null, null, null, null, null)
                .apply(context);
        new Change(Change.Op.WRITE, "jar/BOOT-INF/classes/App.class.txt", "c\n", null, null, null, null, null)
                .apply(context);
        new Change(
                        Change.Op.SPRING_BOOT_JAR,
                        "target/app.jar",
                        null,
                        null,
                        "jar",
                        null,
                        null,
                        null,
                        null,
                        "2024-06-01T12:00:00Z",
                        null,
                        null)
                .apply(context);
        try (ZipFile jar = new ZipFile(context.resolve("target/app.jar").toFile())) {
            assertEquals(
                    "- \"BOOT-INF/lib/a-1.0.jar\"\n- \"BOOT-INF/lib/b-1.0-SNAPSHOT.jar\"\n",
                    new String(
                            jar.getInputStream(jar.getEntry("BOOT-INF/classpath.idx"))
                                    .readAllBytes(),
                            StandardCharsets.UTF_8));
            String layers = new String(
                    jar.getInputStream(jar.getEntry("BOOT-INF/layers.idx")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(layers.startsWith("- \"dependencies\":\n  - \"BOOT-INF/lib/a-1.0.jar\"\n"), layers);
            assertTrue(
                    layers.contains("- \"snapshot-dependencies\":\n  - \"BOOT-INF/lib/b-1.0-SNAPSHOT.jar\"\n"), layers);
            assertEquals(ZipEntry.STORED, jar.getEntry("BOOT-INF/lib/a-1.0.jar").getMethod());
            assertEquals(2, jar.getEntry("BOOT-INF/classes/App.class").getSize());
            assertTrue(jar.stream()
                    .allMatch(entry -> entry.getTime()
                            == Instant.parse("2024-06-01T12:00:00Z").toEpochMilli()));
            assertEquals(
                    "META-INF/MANIFEST.MF",
                    jar.stream()
                            .filter(entry -> !entry.isDirectory())
                            .findFirst()
                            .orElseThrow()
                            .getName());
        }
        assertEquals("rw-r--r--", mode(context.resolve("target/app.jar")));
    }

    private static String head(Path repository) throws IOException {
        return Files.readString(repository.resolve("refs/heads/main")).strip();
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
