package io.github.dockercache.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises read-modify-write of one file across threads and processes (two builds recording the same baseline
 * at once must not lose a history entry). The lock file lives in the user's private directory ({@link UserDirectory}),
 * keyed by the file's path, so nothing extra appears next to a committed baseline and no other user can hold it.
 */
public final class FileLocks {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private FileLocks() {}

    /** Work done while holding the lock. */
    @FunctionalInterface
    public interface Locked<T, E extends Exception> {
        T run() throws E, IOException;
    }

    public static <T, E extends Exception> T withLock(Path file, Locked<T, E> work) throws E, IOException {
        Path key = file.toAbsolutePath().normalize();
        ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
        threadLock.lock();
        try {
            Path lockFile = lockFileFor(key);
            Files.createDirectories(lockFile.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock processLock = channel.lock()) {
                return work.run();
            }
        } finally {
            threadLock.unlock();
        }
    }

    private static Path lockFileFor(Path file) throws IOException {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(file.toString().getBytes(StandardCharsets.UTF_8));
            return UserDirectory.get().resolve("locks").resolve(HexFormat.of().formatHex(digest, 0, 12) + ".lock");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
