package io.github.dockercache.differential;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Copies and deletes directory trees without following symbolic links, and sets their modes. */
final class FileTrees {
    private FileTrees() {}

    /** Copies {@code source} to {@code target}, which must not exist; links are copied as links. */
    static void copy(Path source, Path target, CopyOption... options) throws IOException {
        try (Stream<Path> entries = Files.walk(source)) {
            for (Path entry : entries.toList()) {
                Path copy = target.resolve(source.relativize(entry).toString());
                Files.copy(entry, copy, Stream.concat(Stream.of(LinkOption.NOFOLLOW_LINKS), Stream.of(options))
                        .toArray(CopyOption[]::new));
            }
        }
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
