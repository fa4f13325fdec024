package io.github.dockercache.context;

import io.github.dockercache.files.TempFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * Remembers the digests and xattrs of regular files between scans so unchanged files are neither read
 * nor opened again. It can only save work, never change a result: an entry is reused only when size,
 * mtime, ctime, inode and device are unchanged (writing content or xattrs moves ctime) and the whole
 * hashed header, with the client platform, is the same; files changed within the last seconds are not
 * remembered (their timestamps may not yet tell a later write apart); a file that is missing, from
 * another version, or fails its integrity checksum is ignored as a whole.
 *
 * <p>Neither the previous entries nor the new ones are held in memory (a million files make a file of a few
 * hundred megabytes): the previous file stays open, indexed by the hash of each line's path, and a remembered
 * line is read when its path is looked up; the new file is written while the scan goes on, in the order of
 * {@link #keep} and {@link #remember} calls (walk order), and replaces the old one on {@link #save}. As long as
 * the scan keeps the old lines in their order and learns nothing, nothing is written at all.
 *
 * <p>One file: the line format, the index of the previous file and the writing of the next are one protocol.
 */
final class StatCache implements AutoCloseable {
    private static final int VERSION = 4;
    /** Timestamps can be coarser than writes; younger files are hashed every time. */
    private static final long RACY_NANOS = 2_000_000_000L;

    private static final int BUFFER_SIZE = 64 * 1024;
    /**
     * Limits (docs/limits.md): a larger file is ignored unread, and indexing stops at more entries than this (its
     * index takes about 40 bytes an entry); a scan remembers no more. A million files make about 300 MiB.
     */
    static final long MAX_BYTES = 1L << 30;

    static final int MAX_ENTRIES = 2_000_000;
    /** A read of the previous file fetches the lines after the one looked up, this many at most. */
    private static final int WINDOW_LINES = 32;

    private static final int WINDOW_BYTES = 32 * 1024;
    private static final String TEMP_PREFIX = ".statcache.";
    private static final byte[] DIGEST_PREFIX = "sha256:".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST_LENGTH = DIGEST_PREFIX.length + 64;

    /** The stat facts that must not change for a remembered digest to be reused. */
    record Fingerprint(long size, long mtimeNanos, long ctimeNanos, long inode, long device) {}

    /** What is remembered for one file. */
    record Hashes(String contentDigest, String digest) {}

    /**
     * A line of the previous file whose fingerprint matches: what the digests depend on, and the digests as
     * {@link FileEntry} holds them ({@link FileEntry#DIGEST_BYTES}: content digest, then digest), a new array each.
     */
    record Line(int index, SortedMap<String, String> xattrs, String headerKey, byte[] digests) {
        Hashes hashes() {
            return new Hashes(
                    Digests.format(digests, FileEntry.CONTENT_OFFSET),
                    Digests.format(digests, FileEntry.DIGEST_OFFSET));
        }
    }

    /*
     * The file is line-oriented UTF-8 text, streamed both ways, and parsed without a JSON library: reading
     * it is most of what an unchanged context costs. The first line is HEADER followed by the
     * CRC-32 of every byte after that line, so a corrupt, truncated or edited file is dropped as a whole. A checksum
     * against accidents is enough: whoever can write the file could as well write a matching SHA-256, and CRC-32 runs
     * as native code from the first call, where SHA-256 over 30 MB cost a fresh JVM about 60 ms more (much of it in
     * code not compiled yet).
     * Then one line per file, tab-separated: path, size, mtime, ctime, inode, device, header key, content
     * digest, digest, then name and hex value of each xattr. Paths and xattr names escape backslash, tab,
     * CR and LF with a backslash.
     */
    private static final String HEADER = "dockercache-stat-cache " + VERSION + " crc32:";
    private static final int CHECKSUM_LENGTH = 8;
    private static final int HEADER_LENGTH = HEADER.length() + CHECKSUM_LENGTH + 1;
    private static final int FIXED_FIELDS = 9;

    private final Path file;
    /** The previous file, open while scanning; null when absent or unusable. */
    private final FileChannel previous;
    /** Where each previous line starts, and the end of the last one. */
    private final long[] lineStarts;

    private final int lineCount;
    /** What each thread that looks lines up last read of the previous file ({@link #readLine}). */
    private final ThreadLocal<Window> windows = ThreadLocal.withInitial(Window::new);

    /** Open addressing by path hash: line index + 1, 0 for a free slot. */
    private final int[] slots;
    /** The hash of each previous line's path: a line whose path has another is not read. */
    private final int[] pathHashes;

    private final long rememberBeforeNanos;
    /** The previous lines kept so far, in their order, while nothing else has been kept. */
    private int unchangedPrefix;

    private Path temp;
    private FileChannel tempChannel;
    /** The most entries indexed or written: {@link #MAX_ENTRIES}, less in tests. */
    private final int maxEntries;
    /** Lines in the new file so far. */
    private int written;

    private OutputStream out;
    private CRC32 outChecksum;
    /** Writing failed: the old file stays, which only costs time. */
    private boolean abandoned;

    private StatCache(
            Path file,
            FileChannel previous,
            long[] lineStarts,
            int lineCount,
            int[] pathHashes,
            long rememberBeforeNanos,
            int maxEntries) {
        this.maxEntries = maxEntries;
        this.file = file;
        this.previous = previous;
        this.lineStarts = lineStarts;
        this.lineCount = lineCount;
        this.pathHashes = pathHashes;
        this.rememberBeforeNanos = rememberBeforeNanos;
        this.slots = new int[Integer.highestOneBit(Math.max(1, lineCount) * 2) * 2];
        for (int line = 0; line < lineCount; line++) {
            int slot = pathHashes[line] & (slots.length - 1);
            while (slots[slot] != 0) {
                slot = (slot + 1) & (slots.length - 1);
            }
            slots[slot] = line + 1;
        }
    }

    /** Loads the cache, or starts empty when the file is absent, unreadable, stale or corrupt. */
    static StatCache load(Path file) {
        return load(file, RACY_NANOS);
    }

    /** As {@link #load(Path)} with another racy window (tests use 0: their files are all brand new). */
    static StatCache load(Path file, long racyNanos) {
        // to the nanosecond: a file written in the same millisecond as this load is not yet older than it
        Instant now = Instant.now();
        return loadRememberingUpTo(file, now.getEpochSecond() * 1_000_000_000L + now.getNano() - racyNanos);
    }

    /** As {@link #load(Path)}, remembering only files whose mtime and ctime are at most {@code rememberBefore}. */
    static StatCache loadRememberingUpTo(Path file, long rememberBefore) {
        return load(file, rememberBefore, MAX_ENTRIES);
    }

    /** As {@link #loadRememberingUpTo}, with another limit on entries. */
    static StatCache load(Path file, long rememberBefore, int maxEntries) {
        Path directory = file.toAbsolutePath().getParent();
        if (directory != null && Files.isDirectory(directory)) {
            TempFiles.removeStale(directory, TEMP_PREFIX);
        }
        FileChannel channel = null;
        try {
            if (Files.isRegularFile(file) && Files.size(file) <= MAX_BYTES) {
                channel = FileChannel.open(file, StandardOpenOption.READ);
                StatCache cache = index(file, channel, rememberBefore, maxEntries);
                if (cache != null) {
                    return cache;
                }
                channel.close();
            }
        } catch (IOException e) {
            closeQuietly(channel); // a cache that cannot be read is no cache
        }
        return new StatCache(file, null, new long[1], 0, new int[0], rememberBefore, maxEntries);
    }

    /**
     * Reads the file once: checks the header and the digest of everything after it, and notes where each line
     * starts and the hash of its (escaped) path. Null when the file is from another version or corrupt.
     */
    private static StatCache index(Path file, FileChannel channel, long rememberBefore, int maxEntries)
            throws IOException {
        ByteBuffer headerBytes = ByteBuffer.allocate(HEADER_LENGTH);
        while (headerBytes.hasRemaining() && channel.read(headerBytes) > 0) {
            // read the fixed-length first line
        }
        String header = new String(headerBytes.array(), 0, headerBytes.position(), StandardCharsets.UTF_8);
        if (header.length() != HEADER_LENGTH || !header.startsWith(HEADER) || !header.endsWith("\n")) {
            return null; // another layout or version: not worth reading
        }
        CRC32 checksum = new CRC32();
        long[] starts = new long[1024];
        int[] hashes = new int[1024];
        int lines = 0;
        boolean inPath = true;
        int hash = 0;
        long position = HEADER_LENGTH;
        starts[0] = position;
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
        byte[] bytes = buffer.array();
        int n;
        while ((n = channel.read(buffer)) > 0) {
            checksum.update(bytes, 0, n);
            for (int i = 0; i < n; i++) {
                if (inPath) {
                    // the path is hashed up to its tab; the rest of a line only matters for where it ends
                    for (; i < n && bytes[i] != '\t' && bytes[i] != '\n'; i++) {
                        hash = hash * 31 + bytes[i];
                    }
                    if (i < n && bytes[i] == '\t') {
                        inPath = false;
                        i++;
                    }
                }
                for (; i < n && bytes[i] != '\n'; i++) {
                    // skip to the line's end
                }
                if (i < n) {
                    if (lines == maxEntries) {
                        return null; // too many to index: hashing the files costs less than the heap
                    }
                    if (lines + 1 == starts.length) {
                        starts = Arrays.copyOf(starts, starts.length * 2);
                        hashes = Arrays.copyOf(hashes, hashes.length * 2);
                    }
                    hashes[lines++] = mix(hash);
                    starts[lines] = position + i + 1;
                    inPath = true;
                    hash = 0;
                }
            }
            position += n;
            buffer.clear();
        }
        String expected = header.substring(HEADER.length(), HEADER_LENGTH - 1);
        if (position != starts[lines] || !checksumText(checksum).equals(expected)) {
            return null; // corrupt, or the last line is cut
        }
        return new StatCache(file, channel, starts, lines, hashes, rememberBefore, maxEntries);
    }

    private static String checksumText(CRC32 checksum) {
        return String.format(Locale.ROOT, "%08x", checksum.getValue());
    }

    private static int mix(int hash) {
        return hash ^ (hash >>> 16);
    }

    /**
     * The previous line of a file whose stat is unchanged, else null. Its xattrs are the file's current ones
     * (changing one moves ctime); whether its digests apply depends on the header built with them.
     */
    Line line(String path, Fingerprint fingerprint) {
        if (lineCount == 0) {
            return null;
        }
        byte[] key = escape(path).getBytes(StandardCharsets.UTF_8);
        int hash = 0;
        for (byte b : key) {
            hash = hash * 31 + b;
        }
        int mixed = mix(hash);
        try {
            for (int slot = mixed & (slots.length - 1); slots[slot] != 0; slot = (slot + 1) & (slots.length - 1)) {
                int index = slots[slot] - 1;
                if (pathHashes[index] != mixed) {
                    continue; // another path: not read, which would also move this thread's window away
                }
                byte[] line = readLine(index);
                if (line.length > key.length
                        && line[key.length] == '\t'
                        && Arrays.equals(line, 0, key.length, key, 0, key.length)) {
                    return parse(index, line, key.length, fingerprint);
                }
            }
        } catch (IOException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return null; // an unreadable line only costs the read of the file
        }
        return null;
    }

    /**
     * The remembered hashes when everything that could change them is unchanged, else null.
     *
     * @param headerKey a digest of the entry's header and of anything else the hashes depend on
     */
    Hashes lookup(String path, Fingerprint fingerprint, String headerKey) {
        Line line = line(path, fingerprint);
        return line != null && line.headerKey().equals(headerKey) ? line.hashes() : null;
    }

    /**
     * The line without its newline. Read through a window of the lines that follow it, one per thread: lookups come in
     * walk order, the order the file was written in, so a read of the file serves a few dozen of them instead of one
     * (a system call per line was a tenth of what an unchanged context cost).
     */
    private byte[] readLine(int index) throws IOException {
        long start = lineStarts[index];
        int length = (int) (lineStarts[index + 1] - start - 1);
        Window window = windows.get();
        if (start < window.start || start + length > window.start + window.length) {
            long end = lineStarts[Math.min(index + WINDOW_LINES, lineCount)];
            ByteBuffer buffer = window.buffer((int) Math.max(length, Math.min(end - start, WINDOW_BYTES)));
            while (buffer.hasRemaining()) {
                int n = previous.read(buffer, start + buffer.position());
                if (n < 0) {
                    throw new IOException("stat cache shrank while reading it");
                }
            }
            window.start = start;
            window.length = buffer.position();
        }
        int from = (int) (start - window.start);
        return Arrays.copyOfRange(window.bytes, from, from + length);
    }

    /** Part of the previous file, as one thread last read it. */
    private static final class Window {
        private byte[] bytes = new byte[0];
        private long start = -1;
        private int length;

        ByteBuffer buffer(int size) {
            if (bytes.length < size) {
                bytes = new byte[size];
            }
            length = 0;
            return ByteBuffer.wrap(bytes, 0, size);
        }
    }

    /**
     * The line at {@code index} (path, then a tab at {@code pathEnd}) when its fingerprint is {@code fingerprint},
     * else null. Read from the bytes: a String of the line, a regular expression per digest and a hex string for
     * each were most of what reusing an entry cost.
     */
    private static Line parse(int index, byte[] line, int pathEnd, Fingerprint fingerprint) {
        int[] tabs = new int[FIXED_FIELDS + 1];
        int count = 0;
        for (int i = pathEnd; i < line.length; i++) {
            if (line[i] == '\t') {
                if (count < tabs.length) {
                    tabs[count] = i;
                }
                count++;
            }
        }
        if (count < FIXED_FIELDS - 1 || (count - (FIXED_FIELDS - 1)) % 2 != 0) {
            throw new IllegalArgumentException("malformed stat cache line");
        }
        if (number(line, tabs[0], tabs[1]) != fingerprint.size()
                || number(line, tabs[1], tabs[2]) != fingerprint.mtimeNanos()
                || number(line, tabs[2], tabs[3]) != fingerprint.ctimeNanos()
                || number(line, tabs[3], tabs[4]) != fingerprint.inode()
                || number(line, tabs[4], tabs[5]) != fingerprint.device()) {
            return null;
        }
        int digestEnd = count == FIXED_FIELDS - 1 ? line.length : tabs[FIXED_FIELDS - 1];
        byte[] digests = new byte[FileEntry.DIGEST_BYTES];
        digest(line, tabs[6] + 1, tabs[7], digests, FileEntry.CONTENT_OFFSET);
        digest(line, tabs[7] + 1, digestEnd, digests, FileEntry.DIGEST_OFFSET);
        SortedMap<String, String> xattrs = count == FIXED_FIELDS - 1
                ? EntryHeader.NO_XATTRS
                : readXattrs(new String(line, digestEnd + 1, line.length - digestEnd - 1, StandardCharsets.UTF_8));
        String headerKey = new String(line, tabs[5] + 1, tabs[6] - tabs[5] - 1, StandardCharsets.UTF_8);
        return new Line(index, xattrs, headerKey, digests);
    }

    /** The decimal number between two tabs, as {@link Long#parseLong} reads it. */
    private static long number(byte[] line, int tabBefore, int tabAfter) {
        int from = tabBefore + 1;
        boolean negative = from < tabAfter - 1 && line[from] == '-';
        int i = negative ? from + 1 : from;
        if (i == tabAfter || tabAfter - i > 18) {
            // empty, or long enough to overflow: rare (an inode or device number), left to the JDK
            return Long.parseLong(new String(line, from, tabAfter - from, StandardCharsets.ISO_8859_1));
        }
        long value = 0;
        for (; i < tabAfter; i++) {
            int digit = line[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new IllegalArgumentException("malformed stat cache number");
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    /** Puts the {@code sha256:} digest spelled in {@code line[from, to)} into {@code target} at {@code offset}. */
    private static void digest(byte[] line, int from, int to, byte[] target, int offset) {
        if (to - from != DIGEST_LENGTH
                || !Arrays.equals(line, from, from + DIGEST_PREFIX.length, DIGEST_PREFIX, 0, DIGEST_PREFIX.length)) {
            throw new IllegalArgumentException("malformed stat cache digest");
        }
        for (int i = 0, at = from + DIGEST_PREFIX.length; i < 32; i++, at += 2) {
            target[offset + i] = (byte) (hexDigit(line[at]) << 4 | hexDigit(line[at + 1]));
        }
    }

    /** A lowercase hex digit's value: the writer spells digests as {@link Digests#format} does. */
    private static int hexDigit(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        throw new IllegalArgumentException("malformed stat cache digest");
    }

    private static SortedMap<String, String> readXattrs(String fields) {
        SortedMap<String, String> xattrs = new TreeMap<>(KeyOrder.NAMES);
        String[] namesAndValues = fields.split("\t", -1);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String hex = namesAndValues[i + 1];
            if (hex.length() % 2 != 0 || !hex.chars().allMatch(HexFormat::isHexDigit)) {
                throw new IllegalArgumentException("malformed stat cache xattr"); // the header is built from it
            }
            xattrs.put(unescape(namesAndValues[i]), hex);
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
            plain.append(
                    switch (escaped) {
                        case 't' -> '\t';
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        case '\\' -> '\\';
                        default -> throw new IllegalArgumentException("unknown escape \\" + escaped);
                    });
        }
        return plain.toString();
    }

    /** Keeps a previous line whose digests this scan reused; called in walk order, from one thread. */
    void keep(Line line) {
        if (out == null && !abandoned && line.index() == unchangedPrefix) {
            unchangedPrefix++;
            return;
        }
        if (written < maxEntries && startWriting()) {
            try {
                out.write(readLine(line.index()));
                out.write('\n');
                written++;
            } catch (IOException e) {
                abandon();
            }
        }
    }

    /**
     * Remembers a hashed file, unless it changed too recently for its timestamps to tell; called in walk
     * order, from one thread.
     */
    void remember(
            String path, Fingerprint fingerprint, SortedMap<String, String> xattrs, String headerKey, Hashes hashes) {
        long newest = Math.max(fingerprint.mtimeNanos(), fingerprint.ctimeNanos());
        if (newest > rememberBeforeNanos || written >= maxEntries || !startWriting()) {
            return;
        }
        StringBuilder line = new StringBuilder(256).append(escape(path));
        for (long number : new long[] {
            fingerprint.size(),
            fingerprint.mtimeNanos(),
            fingerprint.ctimeNanos(),
            fingerprint.inode(),
            fingerprint.device()
        }) {
            line.append('\t').append(number);
        }
        line.append('\t')
                .append(headerKey)
                .append('\t')
                .append(hashes.contentDigest())
                .append('\t')
                .append(hashes.digest());
        for (Map.Entry<String, String> xattr : xattrs.entrySet()) {
            line.append('\t').append(escape(xattr.getKey())).append('\t').append(xattr.getValue());
        }
        line.append('\n');
        try {
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
            written++;
        } catch (IOException e) {
            abandon();
        }
    }

    /**
     * Starts the new file, with the previous lines kept so far; false when writing is not possible (best
     * effort: a cache that cannot be written only costs time).
     */
    private boolean startWriting() {
        if (out != null || abandoned) {
            return !abandoned;
        }
        try {
            TempFiles.Temp created = TempFiles.create(file.toAbsolutePath().getParent(), TEMP_PREFIX);
            temp = created.path();
            tempChannel = created.channel();
            tempChannel.position(HEADER_LENGTH);
            outChecksum = new CRC32();
            out = new BufferedOutputStream(
                    new CheckedOutputStream(Channels.newOutputStream(tempChannel), outChecksum), BUFFER_SIZE);
            if (unchangedPrefix > 0) {
                copyPrevious(lineStarts[0], lineStarts[unchangedPrefix]);
                written = unchangedPrefix;
            }
            return true;
        } catch (IOException e) {
            abandon();
            return false;
        }
    }

    private void copyPrevious(long from, long to) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
        for (long position = from; position < to; ) {
            buffer.clear().limit((int) Math.min(BUFFER_SIZE, to - position));
            int n = previous.read(buffer, position);
            if (n < 0) {
                throw new IOException("stat cache shrank while copying it");
            }
            out.write(buffer.array(), 0, n);
            position += n;
        }
    }

    /**
     * Puts the new file in place of the old one (best effort). When every previous line was kept in order and
     * nothing was learned, the file already holds exactly these entries and is left alone: an unchanged context
     * costs no write.
     */
    void save() {
        boolean unchanged = previous != null && out == null && unchangedPrefix == lineCount;
        if (unchanged || !startWriting()) {
            close();
            return;
        }
        try {
            out.flush();
            String header = HEADER + checksumText(outChecksum) + "\n";
            tempChannel.write(ByteBuffer.wrap(header.getBytes(StandardCharsets.UTF_8)), 0);
            tempChannel.close();
            closeQuietly(previous); // some systems cannot replace an open file
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
        } catch (IOException e) {
            abandon();
        }
        close();
    }

    private void abandon() {
        abandoned = true;
        closeQuietly(tempChannel);
        deleteQuietly(temp);
        temp = null;
    }

    /** Closes the previous file and drops a new one that was not saved, as when the scan failed. */
    @Override
    public void close() {
        closeQuietly(previous);
        if (temp != null) {
            abandon();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // nothing left to do with it
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
