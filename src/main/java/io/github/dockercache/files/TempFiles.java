package io.github.dockercache.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Temporary files written beside their target and then moved over it. While a run writes one it holds a lock on
 * it; a run that crashed holds none, and the next run that writes beside it removes what it left behind.
 */
public final class TempFiles {
    /**
     * A temporary file is only removed when no lock is held on it and it has not been written for this long, which
     * also covers the moment between a writer closing (releasing its lock) and moving it into place.
     */
    static final Duration STALE_AFTER = Duration.ofMinutes(1);

    private TempFiles() {}

    /** A new temporary file and its open, locked channel: closing the channel releases the lock. */
    public record Temp(Path path, FileChannel channel) {}

    /**
     * Creates {@code <prefix><random>.tmp} in {@code directory} with the default permissions (under the user's umask,
     * like every other file of the build, not {@code createTempFile}'s 0600), open for writing and locked, after
     * removing the stale ones with the same prefix.
     */
    public static Temp create(Path directory, String prefix) throws IOException {
        Files.createDirectories(directory);
        removeStale(directory, prefix);
        Path path = Files.createFile(directory.resolve(prefix + UUID.randomUUID() + ".tmp"));
        FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE);
        try {
            channel.lock();
        } catch (IOException e) {
            // a file system without locks (some network mounts): the age rule alone keeps the file while it is written
        }
        return new Temp(path, channel);
    }

    /** Removes {@code <prefix>*.tmp} files in {@code directory} that no running writer holds (best effort). */
    public static void removeStale(Path directory, String prefix) {
        Instant before = Instant.now().minus(STALE_AFTER);
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory, glob(prefix) + "*.tmp")) {
            for (Path temp : temps) {
                if (Files.isRegularFile(temp, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(temp).toInstant().isBefore(before)) {
                    removeUnlocked(temp);
                }
            }
        } catch (IOException e) {
            // a stray temporary file costs only disk space
        }
    }

    /** Moves a written temporary file over its target, atomically where the file system can. */
    public static void moveOver(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void removeUnlocked(Path temp) {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                Files.deleteIfExists(temp);
                lock.release();
            }
        } catch (OverlappingFileLockException e) {
            // this process is writing it
        } catch (IOException e) {
            // gone already, or not ours to remove
        }
    }

    private static String glob(String prefix) {
        StringBuilder escaped = new StringBuilder();
        for (char c : prefix.toCharArray()) {
            if ("*?[]{}\\".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
