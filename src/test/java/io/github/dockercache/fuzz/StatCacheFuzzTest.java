package io.github.dockercache.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.dockercache.context.BuildContext;
import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.context.ContextException;
import io.github.dockercache.context.FileEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Fuzzes the stat cache with hostile cache files: scanning a context through any cache file gives the entries (so
 * the keys) a scan without it gives, and leaves a cache file it would accept.
 *
 * <p>The cache file guards its lines with a SHA-256 of them, which no mutation gets right, so the harness signs
 * what the fuzzer writes: an input whose first line has the header's shape gets the checksum of the lines after
 * it. The fuzzer can then write a line that names a file with its exact current stat and header key but other
 * digests: the cache trusts such a record by design (it exists so that unchanged files are not read; git's index
 * trusts its entries the same way), so that difference, and only that one, is allowed: an entry may differ from a
 * scan without the cache only when a line for that very file, as it is now, says so.
 *
 * <p>Seeds write {@code =} for a field that should hold the context's true value (a line's size, times, inode,
 * device, header key or digests, for the path it names): the inode and times of the context the harness makes
 * differ on every run, so a seed cannot spell them. {@code ./mvnw test} replays the seeds in
 * {@code src/test/resources/io/github/dockercache/fuzz/StatCacheFuzzTestInputs/scanWithCache/}: the cache the
 * plugin writes for this context, variations of it, and every crash found so far. To fuzz:
 * {@code scripts/fuzz.sh StatCacheFuzzTest#scanWithCache [seconds]}.
 */
class StatCacheFuzzTest {
    /** Files the stat cache remembers: regular files, with names that need escaping in its lines. */
    private static final List<String> FILES = List.of(
            "a.txt",
            "bin/run.sh",
            "empty",
            "dir/deep/file",
            "tab\there",
            "back\\slash",
            "new\nline",
            "\u00e9t\u00e9.txt");
    /** Younger files are never remembered (StatCache's racy window is 2 s). */
    private static final long RACY_MILLIS = 2_100;

    private static final int FIXED_FIELDS = 9;

    private static final Path ROOT;
    private static final Path CACHE_DIRECTORY;
    private static final Path CACHE;
    private static final SortedMap<String, FileEntry> TRUTH;
    /** The first line of a cache file up to the checksum, as the plugin writes it. */
    private static final String HEADER_PREFIX;
    /** The fields of each remembered file's line as the plugin writes it, by escaped path. */
    private static final Map<String, String[]> RECORDS = new HashMap<>();

    static {
        try {
            Path temp = Files.createTempDirectory("dockercache-fuzz-statcache");
            ROOT = temp.resolve("context");
            CACHE_DIRECTORY = temp.resolve("cache");
            CACHE = CACHE_DIRECTORY.resolve("stat-cache");
            makeContext();
            Thread.sleep(RACY_MILLIS);
            TRUTH = BuildContext.scan(ROOT, null, ClientPlatform.LINUX).entries();
            assertEquals(
                    TRUTH,
                    BuildContext.scan(ROOT, null, ClientPlatform.LINUX, CACHE).entries());
            String written = Files.readString(CACHE);
            HEADER_PREFIX = written.substring(0, written.indexOf("crc32:") + "crc32:".length());
            for (String line : written.substring(written.indexOf('\n') + 1).split("\n")) {
                String[] fields = line.split("\t", -1);
                RECORDS.put(fields[0], fields);
            }
            assertEquals(FILES.size(), RECORDS.size(), () -> "not every file remembered: " + written);
            deleteOnExit(temp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ContextException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    @DictionaryEntries({
        "=",
        "\t=",
        "\\t",
        "\\n",
        "\\\\",
        "\\x",
        "user.k",
        "sha256:",
        "a.txt",
        "tab\\there",
        "dockercache-stat-cache 4 crc32:"
    })
    void scanWithCache(byte[] input) throws IOException, ContextException {
        byte[] cache = signed(withTrueValues(input));
        Files.write(CACHE, cache);
        assertExplained(
                BuildContext.scan(ROOT, null, ClientPlatform.LINUX, CACHE).entries(), cache);
        byte[] rewritten = Files.readAllBytes(CACHE);
        assertTrue(Arrays.equals(rewritten, signed(rewritten)), "the scan left a cache file it refuses");
        try (Stream<Path> files = Files.list(CACHE_DIRECTORY)) {
            assertEquals(List.of(CACHE), files.toList(), "the scan left temporary files");
        }
        assertExplained(
                BuildContext.scan(ROOT, null, ClientPlatform.LINUX, CACHE).entries(), rewritten);
    }

    /** Every entry is the one a scan without the cache gives, or the one a line for exactly that file states. */
    private static void assertExplained(SortedMap<String, FileEntry> entries, byte[] cache) {
        assertEquals(TRUTH.keySet(), entries.keySet());
        for (FileEntry truth : TRUTH.values()) {
            FileEntry entry = entries.get(truth.path());
            if (!entry.equals(truth) && !statedByLine(entry, new String(cache, StandardCharsets.UTF_8))) {
                fail("the cache changed " + entry + " (without it: " + truth + ") with no line for that file as"
                        + " it is");
            }
        }
    }

    private static boolean statedByLine(FileEntry entry, String cache) {
        String[] record = RECORDS.get(escape(entry.path()));
        if (record == null) {
            return false;
        }
        for (String line : cache.split("\n")) {
            String[] fields = line.split("\t", -1);
            if (fields.length >= FIXED_FIELDS
                    && Arrays.equals(fields, 0, FIXED_FIELDS - 2, record, 0, FIXED_FIELDS - 2)
                    && fields[7].equals(entry.contentDigest())
                    && fields[8].equals(entry.digest())) {
                return true;
            }
        }
        return false;
    }

    /** Replaces each {@code =} field of a line naming a remembered file with that field of its true line. */
    private static byte[] withTrueValues(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        if (text.indexOf('=') < 0) {
            return input;
        }
        String[] lines = text.split("\n", -1);
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split("\t", -1);
            String[] record = RECORDS.get(fields[0]);
            for (int field = 1; record != null && field < Math.min(fields.length, record.length); field++) {
                if (fields[field].equals("=")) {
                    fields[field] = record[field];
                }
            }
            lines[i] = String.join("\t", fields);
        }
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    /** The file with the checksum of its lines in its header, when its first line has the header's shape. */
    private static byte[] signed(byte[] file) {
        byte[] prefix = HEADER_PREFIX.getBytes(StandardCharsets.UTF_8);
        int headerLength = prefix.length + 8 + 1;
        if (file.length < headerLength
                || !Arrays.equals(file, 0, prefix.length, prefix, 0, prefix.length)
                || file[headerLength - 1] != '\n') {
            return file;
        }
        byte[] signed = file.clone();
        CRC32 crc = new CRC32();
        crc.update(file, headerLength, file.length - headerLength);
        byte[] checksum = String.format(Locale.ROOT, "%08x", crc.getValue()).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(checksum, 0, signed, prefix.length, checksum.length);
        return signed;
    }

    /** The cache file's escaping of a path, written apart from the plugin's so that it checks it. */
    private static String escape(String path) {
        return path.replace("\\", "\\\\")
                .replace("\t", "\\t")
                .replace("\n", "\\n")
                .replace("\r", "\\r");
    }

    private static void makeContext() throws IOException {
        for (String name : FILES) {
            Path file = ROOT.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, name.equals("empty") ? "" : "content of " + name);
            Files.setPosixFilePermissions(
                    file, PosixFilePermissions.fromString(name.startsWith("bin/") ? "rwxr-xr-x" : "rw-r--r--"));
        }
        Files.createSymbolicLink(ROOT.resolve("link"), Path.of("a.txt"));
        try {
            Files.getFileAttributeView(ROOT.resolve("a.txt"), UserDefinedFileAttributeView.class)
                    .write("k", ByteBuffer.wrap(new byte[] {1}));
        } catch (IOException | UnsupportedOperationException e) {
            // no user xattrs on this file system: the lines then hold none, which the seeds still vary
        }
    }

    private static void deleteOnExit(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.forEach(path -> path.toFile().deleteOnExit()); // parents first: deleted last
        }
    }
}
