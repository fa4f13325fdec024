package io.github.dockercache.differential;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Copies and deletes directory trees without following symbolic links. */
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
}
