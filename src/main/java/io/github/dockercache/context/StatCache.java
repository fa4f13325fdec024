package io.github.dockercache.context;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
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
    private static final int VERSION = 3;
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
     * The file is line-oriented UTF-8 text, streamed both ways (a context of a million files gives a file
     * of a few hundred megabytes, which must never be held at once), and parsed without a JSON library:
     * loading it is most of what an unchanged context costs. The first line is HEADER followed by the
     * SHA-256 of every byte after that line, so a corrupt, truncated or edited file is dropped as a whole.
     * Then one line per file, tab-separated: path, size, mtime, ctime, inode, device, header key, content
     * digest, digest, then name and hex value of each xattr. Paths and xattr names escape backslash, tab,
     * CR and LF with a backslash.
     */
    private static final String HEADER = "dockercache-stat-cache " + VERSION + " sha256:";
    private static final int HEADER_LENGTH = HEADER.length() + 64 + 1;
    private static final int FIXED_FIELDS = 9;

    /** The entries of the file, or null when it is absent, from another version or corrupt. */
    private static Map<String, Stored> readEntries(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            String header = new String(in.readNBytes(HEADER_LENGTH), StandardCharsets.UTF_8);
            if (header.length() != HEADER_LENGTH || !header.startsWith(HEADER) || !header.endsWith("\n")) {
                return null; // another layout or version: not worth parsing
            }
            MessageDigest sha = Digests.newSha256();
            Map<String, Stored> entries = new HashMap<>();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(new DigestInputStream(in, sha),
                    StandardCharsets.UTF_8), 64 * 1024)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    readEntry(line, entries);
                }
            }
            String expected = header.substring(HEADER.length() - "sha256:".length(), HEADER_LENGTH - 1);
            return Digests.format(sha.digest()).equals(expected) ? entries : null;
        } catch (IOException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return null; // a cache that cannot be read is no cache
        }
    }

    private static void readEntry(String line, Map<String, Stored> entries) {
        int[] tabs = new int[FIXED_FIELDS + 1];
        int count = 0;
        for (int i = line.indexOf('\t'); i >= 0; i = line.indexOf('\t', i + 1)) {
            if (count < tabs.length) {
                tabs[count] = i;
            }
            count++;
        }
        if (count < FIXED_FIELDS - 1 || (count - (FIXED_FIELDS - 1)) % 2 != 0) {
            throw new IllegalArgumentException("malformed stat cache line");
        }
        Fingerprint fingerprint = new Fingerprint(number(line, tabs[0], tabs[1]), number(line, tabs[1], tabs[2]),
                number(line, tabs[2], tabs[3]), number(line, tabs[3], tabs[4]), number(line, tabs[4], tabs[5]));
        String path = unescape(line.substring(0, tabs[0]));
        int digestEnd = count == FIXED_FIELDS - 1 ? line.length() : tabs[FIXED_FIELDS - 1];
        Hashes hashes = new Hashes(line.substring(tabs[6] + 1, tabs[7]), line.substring(tabs[7] + 1, digestEnd));
        SortedMap<String, String> xattrs = count == FIXED_FIELDS - 1 ? EntryHeader.NO_XATTRS
                : readXattrs(line.substring(digestEnd + 1));
        entries.put(path, new Stored(fingerprint, xattrs, line.substring(tabs[5] + 1, tabs[6]), hashes));
    }

    private static long number(String line, int tabBefore, int tabAfter) {
        return Long.parseLong(line, tabBefore + 1, tabAfter, 10);
    }

    private static SortedMap<String, String> readXattrs(String fields) {
        SortedMap<String, String> xattrs = new TreeMap<>(KeyOrder.NAMES);
        String[] namesAndValues = fields.split("\t", -1);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            xattrs.put(unescape(namesAndValues[i]), namesAndValues[i + 1]);
        }
        return Collections.unmodifiableSortedMap(xattrs);
    }

    private static String escape(String text) {
        if (text.indexOf('\\') < 0 && text.indexOf('\t') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\t' -> escaped.append("\\t");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder plain = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                plain.append(c);
                continue;
            }
            char escaped = text.charAt(++i);
            plain.append(switch (escaped) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case '\\' -> '\\';
                default -> throw new IllegalArgumentException("unknown escape \\" + escaped);
            });
        }
        return plain.toString();
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

    /** Writes the entries, then puts the digest of everything after the header line into that line. */
    private void write(Path target) throws IOException {
        String[] paths = current.keySet().toArray(String[]::new);
        Arrays.sort(paths); // the same entries give the same file
        MessageDigest sha = Digests.newSha256();
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
            channel.position(HEADER_LENGTH);
            Writer lines = new BufferedWriter(new OutputStreamWriter(
                    new DigestOutputStream(Channels.newOutputStream(channel), sha), StandardCharsets.UTF_8), 64 * 1024);
            for (String path : paths) {
                Stored stored = current.get(path);
                Fingerprint f = stored.fingerprint();
                lines.write(escape(path));
                for (long number : new long[] {f.size(), f.mtimeNanos(), f.ctimeNanos(), f.inode(), f.device()}) {
                    lines.write('\t');
                    lines.write(Long.toString(number));
                }
                for (String field : new String[] {stored.headerKey(), stored.hashes().contentDigest(),
                        stored.hashes().digest()}) {
                    lines.write('\t');
                    lines.write(field);
                }
                for (Map.Entry<String, String> xattr : stored.xattrs().entrySet()) {
                    lines.write('\t');
                    lines.write(escape(xattr.getKey()));
                    lines.write('\t');
                    lines.write(xattr.getValue());
                }
                lines.write('\n');
            }
            lines.flush();
            String header = HEADER + Digests.format(sha.digest()).substring("sha256:".length()) + "\n";
            channel.write(ByteBuffer.wrap(header.getBytes(StandardCharsets.UTF_8)), 0);
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
