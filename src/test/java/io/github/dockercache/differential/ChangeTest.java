package io.github.dockercache.differential;

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
    void rootIsContextOrServed() {
        assertFalse(new Change(Change.Op.WRITE, "a", "x", null, null, null, null, null, "context", null).served());
        assertTrue(new Change(Change.Op.WRITE, "a", "x", null, null, null, null, null, "served", null).served());
        Change other = new Change(Change.Op.WRITE, "a", "x", null, null, null, null, null, "elsewhere", null);
        assertThrows(IllegalArgumentException.class, other::served);
    }

    private static String head(Path repository) throws IOException {
        return Files.readString(repository.resolve("refs/heads/main")).strip();
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
