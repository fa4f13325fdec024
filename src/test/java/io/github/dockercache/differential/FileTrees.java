package io.github.dockercache.differential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/** Copies, deletes and fingerprints directory trees without following symbolic links, and sets their modes. */
final class FileTrees {
    private FileTrees() {}

    /** Copies {@code source} to {@code target}, which must not exist; links are copied as links. */
    static void copy(Path source, Path target, CopyOption... options) throws IOException {
        try (Stream<Path> entries = Files.walk(source)) {
            for (Path entry : entries.toList()) {
                Path copy = target.resolve(source.relativize(entry).toString());
                Files.copy(
                        entry,
                        copy,
                        Stream.concat(Stream.of(LinkOption.NOFOLLOW_LINKS), Stream.of(options))
                                .toArray(CopyOption[]::new));
            }
        }
    }

    /**
     * Copies {@code source} to {@code target}, which must not exist, as {@code cp -a} does: special files (fifos,
     * sockets, devices) are created anew, hard links stay links, and every extended attribute and ACL is kept, which
     * Java's copy does not do (it opens a fifo, and keeps only {@code user.*} attributes).
     */
    static void copyAll(Path source, Path target) throws IOException {
        Commands.run("cp", "-a", source.toString(), target.toString());
    }

    /** Deletes {@code root} and everything below it, if it exists; a link is deleted, never what it points to. */
    static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> entries = Files.walk(root)) {
            for (Path entry : entries.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(entry);
            }
        }
    }

    /** SHA-256 over the relative paths and bytes of the regular files below {@code root}, in path order. */
    static String digest(Path root) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try (Stream<Path> entries = Files.walk(root)) {
            for (Path file : entries.filter(Files::isRegularFile).sorted().toList()) {
                digest.update(root.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.readAllBytes(file));
                digest.update((byte) 0);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Sets every file under {@code root} to 0644 and every directory to 0755: a checkout's modes depend on git and the
     * umask, and modes are part of BuildKit's file checksums. Executable bits are set explicitly afterwards.
     */
    static void setCheckoutModes(Path root) throws IOException {
        try (Stream<Path> entries = Files.walk(root)) {
            for (Path entry : entries.toList()) {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(entry, Change.DIRECTORY_MODE);
                } else if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(entry, Change.FILE_MODE);
                }
            }
        }
    }
}
