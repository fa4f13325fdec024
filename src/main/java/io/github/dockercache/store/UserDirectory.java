package io.github.dockercache.store;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Set;

/**
 * The plugin's state that belongs to one user of the machine: the lock files and what a goal run without a pom
 * writes (its snapshot, report and baseline). It lives in {@code <java.io.tmpdir>/dockercache-<user>}, which is
 * private (0700) because the temporary directory is shared: another user could otherwise hold a lock file open and
 * block every baseline, plant a symbolic link where a file is written, or read the snapshot of a context that is not
 * theirs. A directory there that is a symbolic link, belongs to someone else or that others can write is refused,
 * never used. Reports and snapshots under a project's {@code target/} are not here: they follow the umask like the
 * rest of the build's output.
 */
public final class UserDirectory {
    private static final Set<PosixFilePermission> GROUP_OR_OTHER_WRITE =
            EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private UserDirectory() {}

    /** This user's directory, created private if it does not exist yet. */
    public static Path get() throws IOException {
        return under(Path.of(System.getProperty("java.io.tmpdir")), System.getProperty("user.name"));
    }

    /**
     * The private directory of {@code user} in {@code parent}: created 0700, or checked to be a directory of this
     * process's user that no one else can write (read and search bits for others are taken away).
     */
    static Path under(Path parent, String user) throws IOException {
        Path directory = parent.resolve("dockercache-" + user.replaceAll("[^A-Za-z0-9._-]", "_"));
        boolean posix = Files.getFileAttributeView(parent, PosixFileAttributeView.class) != null;
        FileAttribute<?>[] privately = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        try {
            Files.createDirectory(directory, privately); // the mode is set atomically: the umask only takes bits away
        } catch (FileSystemException e) {
            if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(
                        "cannot create the directory " + directory + " for this user's locks and" + " outputs: "
                                + e.getMessage(),
                        e);
            } // it exists: checked below, whoever made it
        }
        if (posix) {
            checkPrivate(directory);
        } else if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) { // Windows: the temp dir is the user's
            throw refused(directory, "it is not a directory");
        }
        return directory;
    }

    private static void checkPrivate(Path directory) throws IOException {
        PosixFileAttributes attributes =
                Files.readAttributes(directory, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            throw refused(directory, "it is a symbolic link");
        }
        if (!attributes.isDirectory()) {
            throw refused(directory, "it is not a directory");
        }
        UserPrincipal me = currentUser(directory.getParent());
        if (!attributes.owner().equals(me)) {
            throw refused(directory, "it belongs to " + attributes.owner().getName() + ", not to " + me.getName());
        }
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (permissions.stream().anyMatch(GROUP_OR_OTHER_WRITE::contains)) {
            throw refused(
                    directory, "others can write to it (mode " + PosixFilePermissions.toString(permissions) + ")");
        }
        if (!permissions.equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(directory, OWNER_ONLY); // ours and unwritten by others: make it private
        }
    }

    /** The user this process runs as: the owner of a file it creates (with a name no one can have taken). */
    private static UserPrincipal currentUser(Path parent) throws IOException {
        Path probe = Files.createTempFile(parent, "dockercache-owner", ".tmp");
        try {
            return Files.getOwner(probe, LinkOption.NOFOLLOW_LINKS);
        } finally {
            Files.delete(probe);
        }
    }

    private static IOException refused(Path directory, String why) {
        return new UnusableDirectoryException(
                "refusing to use " + directory + " for this user's locks and outputs: " + why + ". Remove it");
    }
}
