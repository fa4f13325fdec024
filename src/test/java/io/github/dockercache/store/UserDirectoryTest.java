package io.github.dockercache.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The private directory for locks and no-pom outputs in a temporary directory every user shares. */
class UserDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void isCreatedPrivate() throws Exception {
        Path directory = UserDirectory.under(tmp, "ada lovelace");
        assertEquals(tmp.resolve("dockercache-ada_lovelace"), directory);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
        assertEquals(directory, UserDirectory.under(tmp, "ada lovelace"), "found again as it is");
        try (var left = Files.list(tmp)) {
            assertEquals(1, left.count(), "no probe file stays behind");
        }
    }

    @Test
    void anOwnDirectoryOthersCanOnlyReadIsMadePrivate() throws Exception {
        Path directory = Files.createDirectory(tmp.resolve("dockercache-ada"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        UserDirectory.under(tmp, "ada");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
    }

    @Test
    void aDirectoryOthersCanWriteIsRefused() throws Exception {
        Path directory = Files.createDirectory(tmp.resolve("dockercache-ada"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        IOException e = assertThrows(UnusableDirectoryException.class, () -> UserDirectory.under(tmp, "ada"));
        assertEquals(
                "refusing to use " + directory + " for this user's locks and outputs: others can write to it"
                        + " (mode rwxrwxrwx). Remove it",
                e.getMessage());
    }

    @Test
    void aSymbolicLinkIsRefusedEvenToAPrivateDirectory() throws Exception {
        Path target = Files.createDirectory(tmp.resolve("mine"));
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
        Files.createSymbolicLink(tmp.resolve("dockercache-ada"), target);
        IOException e = assertThrows(UnusableDirectoryException.class, () -> UserDirectory.under(tmp, "ada"));
        assertTrue(e.getMessage().endsWith("it is a symbolic link. Remove it"), e.getMessage());
    }

    @Test
    void aDirectoryOfAnotherUserIsRefused() throws Exception {
        assumeTrue(System.getProperty("user.name").equals("root"), "only root can give a directory away");
        Path directory = Files.createDirectory(tmp.resolve("dockercache-ada"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        UserPrincipal nobody =
                tmp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(directory, nobody);
        IOException e = assertThrows(UnusableDirectoryException.class, () -> UserDirectory.under(tmp, "ada"));
        assertTrue(e.getMessage().endsWith("it belongs to nobody, not to root. Remove it"), e.getMessage());
    }

    @Test
    void locksLiveThere() throws Exception {
        String before = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.toString());
        try {
            FileLocks.withLock(tmp.resolve("baseline.json"), () -> null);
        } finally {
            System.setProperty("java.io.tmpdir", before);
        }
        Path locks =
                tmp.resolve("dockercache-" + System.getProperty("user.name")).resolve("locks");
        try (var files = Files.list(locks)) {
            assertEquals(1, files.count());
        }
    }
}
