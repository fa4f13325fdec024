package io.github.dockercache.context;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the digests of regular files between scans so unchanged files are not read again. It can
 * only save work, never change a result: an entry is reused only when size, mtime, ctime, inode, device
 * and the whole hashed header (mode, xattrs...) are unchanged; files changed within the last seconds are
 * not remembered (their timestamps may not yet tell a later write apart); a file that is missing, from
 * another version, or fails its integrity checksum is ignored as a whole.
 */
final class StatCache {
    private static final int VERSION = 1;
    /** Timestamps can be coarser than writes; younger files are hashed every time. */
    private static final long RACY_NANOS = 2_000_000_000L;
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    /** The stat facts that must not change for a remembered digest to be reused. */
    record Fingerprint(long size, long mtimeNanos, long ctimeNanos, long inode, long device) {}

    /** What is remembered for one file. */
    record Hashes(String contentDigest, String digest) {}

    private record Stored(Fingerprint fingerprint, String headerDigest, Hashes hashes) {}

    /** The file layout: the entries and a SHA-256 of their JSON, to detect corruption. */
    private record FileFormat(int version, String entriesDigest, String entries) {}

    private final Path file;
    private final Map<String, Stored> previous;
    private final Map<String, Stored> current = new ConcurrentHashMap<>();
    private final long rememberBeforeNanos;

    private StatCache(Path file, Map<String, Stored> previous, long rememberBeforeNanos) {
        this.file = file;
        this.previous = previous;
        this.rememberBeforeNanos = rememberBeforeNanos;
    }

    /** Loads the cache, or starts empty when the file is absent, unreadable, stale or corrupt. */
    static StatCache load(Path file) {
        return load(file, RACY_NANOS);
    }

    /** As {@link #load(Path)} with another racy window (tests use 0: their files are all brand new). */
    static StatCache load(Path file, long racyNanos) {
        long now = System.currentTimeMillis() * 1_000_000L;
        return new StatCache(file, readEntries(file), now - racyNanos);
    }

    private static Map<String, Stored> readEntries(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Map.of();
            }
            FileFormat format = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), FileFormat.class);
            if (format == null || format.version() != VERSION || format.entries() == null
                    || !Digests.of(format.entries().getBytes(StandardCharsets.UTF_8)).equals(format.entriesDigest())) {
                return Map.of();
            }
            Map<String, Stored> entries = GSON.fromJson(format.entries(), StoredMap.class);
            return entries == null ? Map.of() : entries;
        } catch (IOException | JsonParseException | IllegalStateException e) {
            return Map.of(); // a cache that cannot be read is no cache
        }
    }

    /** Gson needs a concrete type for the generic map. */
    private static final class StoredMap extends TreeMap<String, Stored> {}

    /** The remembered hashes when everything that could change them is unchanged, else null. */
    Hashes lookup(String path, Fingerprint fingerprint, String headerDigest) {
        Stored stored = previous.get(path);
        if (stored == null || stored.hashes() == null || !fingerprint.equals(stored.fingerprint())
                || !headerDigest.equals(stored.headerDigest())) {
            return null;
        }
        current.put(path, stored);
        return stored.hashes();
    }

    void remember(String path, Fingerprint fingerprint, String headerDigest, Hashes hashes) {
        long newest = Math.max(fingerprint.mtimeNanos(), fingerprint.ctimeNanos());
        if (newest <= rememberBeforeNanos) {
            current.put(path, new Stored(fingerprint, headerDigest, hashes));
        }
    }

    /** Writes the entries of this scan (best effort: a cache that cannot be written only costs time). */
    void save() {
        String entries = GSON.toJson(new TreeMap<>(current));
        String json = GSON.toJson(new FileFormat(VERSION, Digests.of(entries.getBytes(StandardCharsets.UTF_8)), entries));
        Path temp = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            temp = Files.createTempFile(parent, ".statcache", ".tmp");
            Files.writeString(temp, json, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // ignored on purpose: the next scan hashes everything again
        } finally {
            deleteQuietly(temp);
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            // a stray temporary file is harmless
        }
    }
}
