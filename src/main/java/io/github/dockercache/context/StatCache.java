package io.github.dockercache.context;

import com.google.gson.JsonParseException;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the digests and xattrs of regular files between scans so unchanged files are neither read
 * nor opened again. It can only save work, never change a result: an entry is reused only when size,
 * mtime, ctime, inode and device are unchanged (writing content or xattrs moves ctime) and the whole
 * hashed header, with the client platform, is the same; files changed within the last seconds are not
 * remembered (their timestamps may not yet tell a later write apart); a file that is missing, from
 * another version, or fails its integrity checksum is ignored as a whole.
 */
final class StatCache {
    private static final int VERSION = 2;
    /** Timestamps can be coarser than writes; younger files are hashed every time. */
    private static final long RACY_NANOS = 2_000_000_000L;

    /** The stat facts that must not change for a remembered digest to be reused. */
    record Fingerprint(long size, long mtimeNanos, long ctimeNanos, long inode, long device) {}

    /** What is remembered for one file. */
    record Hashes(String contentDigest, String digest) {}

    private record Stored(Fingerprint fingerprint, SortedMap<String, String> xattrs, String headerKey, Hashes hashes) {}

    private final Path file;
    private final Map<String, Stored> previous;
    /** False when the file was absent or unusable, so that saving replaces it in any case. */
    private final boolean previousIsValid;
    private final Map<String, Stored> current = new ConcurrentHashMap<>();
    private final long rememberBeforeNanos;
    /** Set when this scan hashed a file it could remember; until then the file on disk stays right. */
    private volatile boolean learnedSomething;

    private StatCache(Path file, Map<String, Stored> previous, long rememberBeforeNanos) {
        this.file = file;
        this.previous = previous == null ? Map.of() : previous;
        this.previousIsValid = previous != null;
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

    /*
     * The file is {"version":2,"entries":[[path,size,mtime,ctime,inode,device,{xattr:hex,...},header key,
     * content digest,digest],...],"entriesDigest":"sha256:..."}, streamed both ways: a context of 100,000
     * files gives a file of tens of megabytes, which must not be held as one string (twice, escaped) next
     * to the scan's own data. The digest covers a canonical form of every entry, so a corrupt or edited
     * file is dropped as a whole.
     */

    /** The entries of the file, or null when it is absent, from another version or corrupt. */
    private static Map<String, Stored> readEntries(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (JsonReader json = new JsonReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            int version = -1;
            String expectedDigest = null;
            String actualDigest = null;
            Map<String, Stored> entries = null;
            json.beginObject();
            while (json.hasNext()) {
                switch (json.nextName()) {
                    case "version" -> version = json.nextInt();
                    case "entriesDigest" -> expectedDigest = json.nextString();
                    case "entries" -> {
                        if (version != VERSION) {
                            return null; // another layout: not worth parsing
                        }
                        MessageDigest sha = Digests.newSha256();
                        entries = readEntryArray(json, sha);
                        actualDigest = Digests.format(sha.digest());
                    }
                    default -> json.skipValue();
                }
            }
            json.endObject();
            boolean intact = version == VERSION && entries != null && actualDigest.equals(expectedDigest);
            return intact ? entries : null;
        } catch (IOException | JsonParseException | IllegalStateException | NumberFormatException e) {
            return null; // a cache that cannot be read is no cache
        }
    }

    private static Map<String, Stored> readEntryArray(JsonReader json, MessageDigest sha) throws IOException {
        Map<String, Stored> entries = new HashMap<>();
        json.beginArray();
        while (json.hasNext()) {
            json.beginArray();
            String path = json.nextString();
            Fingerprint fingerprint = new Fingerprint(json.nextLong(), json.nextLong(), json.nextLong(),
                    json.nextLong(), json.nextLong());
            SortedMap<String, String> xattrs = readXattrs(json);
            Stored stored = new Stored(fingerprint, xattrs, json.nextString(),
                    new Hashes(json.nextString(), json.nextString()));
            json.endArray();
            digestEntry(sha, path, stored);
            entries.put(path, stored);
        }
        json.endArray();
        return entries;
    }

    private static SortedMap<String, String> readXattrs(JsonReader json) throws IOException {
        SortedMap<String, String> xattrs = new TreeMap<>(KeyOrder.NAMES);
        json.beginObject();
        while (json.hasNext()) {
            xattrs.put(json.nextName(), json.nextString());
        }
        json.endObject();
        return xattrs.isEmpty() ? EntryHeader.NO_XATTRS : Collections.unmodifiableSortedMap(xattrs);
    }

    /**
     * Feeds one entry in an unambiguous form: fields end with a zero byte, which no field contains, and
     * the xattrs are counted.
     */
    private static void digestEntry(MessageDigest sha, String path, Stored stored) {
        Fingerprint f = stored.fingerprint();
        StringBuilder canonical = new StringBuilder(320).append(path).append('\0').append(f.size()).append('\0')
                .append(f.mtimeNanos()).append('\0').append(f.ctimeNanos()).append('\0').append(f.inode()).append('\0')
                .append(f.device()).append('\0').append(stored.xattrs().size()).append('\0');
        stored.xattrs().forEach((name, hex) -> canonical.append(name).append('\0').append(hex).append('\0'));
        canonical.append(stored.headerKey()).append('\0').append(stored.hashes().contentDigest()).append('\0')
                .append(stored.hashes().digest()).append('\0');
        sha.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The kept xattrs remembered for a file whose stat is unchanged, else null. Changing an xattr moves
     * ctime, so they are the file's current ones; {@link #lookup} then checks the header built with them.
     */
    SortedMap<String, String> rememberedXattrs(String path, Fingerprint fingerprint) {
        Stored stored = previous.get(path);
        return stored != null && fingerprint.equals(stored.fingerprint()) ? stored.xattrs() : null;
    }

    /**
     * The remembered hashes when everything that could change them is unchanged, else null.
     *
     * @param headerKey a digest of the entry's header and of anything else the hashes depend on
     */
    Hashes lookup(String path, Fingerprint fingerprint, String headerKey) {
        Stored stored = previous.get(path);
        if (stored == null || !fingerprint.equals(stored.fingerprint()) || !headerKey.equals(stored.headerKey())) {
            return null;
        }
        current.put(path, stored);
        return stored.hashes();
    }

    /** Remembers a hashed file, unless it changed too recently for its timestamps to tell. */
    void remember(String path, Fingerprint fingerprint, SortedMap<String, String> xattrs, String headerKey,
            Hashes hashes) {
        long newest = Math.max(fingerprint.mtimeNanos(), fingerprint.ctimeNanos());
        if (newest <= rememberBeforeNanos) {
            current.put(path, new Stored(fingerprint, xattrs, headerKey, hashes));
            learnedSomething = true;
        }
    }

    /**
     * Writes the entries of this scan (best effort: a cache that cannot be written only costs time).
     * When every remembered file was found unchanged, the file already holds exactly these entries and
     * is left alone: an unchanged context costs no write.
     */
    void save() {
        if (previousIsValid && !learnedSomething && current.size() == previous.size()) {
            return;
        }
        Path temp = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            temp = Files.createTempFile(parent, ".statcache", ".tmp");
            write(temp);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // ignored on purpose: the next scan hashes everything again
        } finally {
            deleteQuietly(temp);
        }
    }

    private void write(Path target) throws IOException {
        MessageDigest sha = Digests.newSha256();
        try (JsonWriter json = new JsonWriter(Files.newBufferedWriter(target, StandardCharsets.UTF_8))) {
            json.setHtmlSafe(false);
            json.beginObject().name("version").value(VERSION).name("entries").beginArray();
            for (Map.Entry<String, Stored> entry : new TreeMap<>(current).entrySet()) {
                Stored stored = entry.getValue();
                Fingerprint f = stored.fingerprint();
                json.beginArray().value(entry.getKey())
                        .value(f.size()).value(f.mtimeNanos()).value(f.ctimeNanos()).value(f.inode()).value(f.device())
                        .beginObject();
                for (Map.Entry<String, String> xattr : stored.xattrs().entrySet()) {
                    json.name(xattr.getKey()).value(xattr.getValue());
                }
                json.endObject().value(stored.headerKey())
                        .value(stored.hashes().contentDigest()).value(stored.hashes().digest())
                        .endArray();
                digestEntry(sha, entry.getKey(), stored);
            }
            json.endArray().name("entriesDigest").value(Digests.format(sha.digest())).endObject();
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
