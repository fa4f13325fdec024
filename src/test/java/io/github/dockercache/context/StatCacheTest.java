package io.github.dockercache.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatCacheTest {
    @TempDir
    Path tmp;

    private Path root;
    private Path cacheFile;

    @BeforeEach
    void tree() {
        root = tmp.resolve("ctx");
        cacheFile = tmp.resolve("cache/stat.json");
        new TreeBuilder(root)
                .file("a.txt", "alpha")
                .dir("d")
                .file("d/b.bin", "bravo")
                .symlink("l", "a.txt");
    }

    private SortedMap<String, FileEntry> fresh() throws Exception {
        return BuildContext.scan(root, null, ClientPlatform.LINUX).entries();
    }

    /**
     * The cache, remembering even brand-new files. No clock is read: a cutoff taken from the clock raced the
     * files' ctimes, to the millisecond, and the test that keeps an unchanged cache file failed under load.
     */
    private StatCache everythingRemembered() {
        return StatCache.loadRememberingUpTo(cacheFile, Long.MAX_VALUE);
    }

    /** A scan through the cache, remembering even brand-new files. */
    private SortedMap<String, FileEntry> cached() throws Exception {
        return BuildContext.scan(root, null, ClientPlatform.LINUX, everythingRemembered())
                .entries();
    }

    @Test
    void sameResultsWithAndWithoutTheCache() throws Exception {
        SortedMap<String, FileEntry> expected = fresh();
        assertEquals(expected, cached());
        assertTrue(Files.readString(cacheFile).contains("a.txt"), "the cache was written");
        assertEquals(expected, cached(), "second scan served from the cache");
        assertEquals(
                expected,
                BuildContext.scan(root, null, ClientPlatform.LINUX, cacheFile).entries(),
                "the public overload");
    }

    @Test
    void rememberedHashesAreReusedOnlyForTheSameFingerprintAndHeader() {
        StatCache.Fingerprint fp = new StatCache.Fingerprint(5, 1, 2, 3, 4);
        StatCache.Hashes hashes = new StatCache.Hashes("sha256:" + "c".repeat(64), "sha256:" + "d".repeat(64));
        StatCache first = everythingRemembered();
        first.remember("f", fp, EntryHeader.NO_XATTRS, "sha256:h", hashes);
        first.save();
        StatCache second = everythingRemembered();
        assertEquals(hashes, second.lookup("f", fp, "sha256:h"));
        assertNull(second.lookup("f", new StatCache.Fingerprint(5, 1, 9, 3, 4), "sha256:h"), "ctime changed");
        assertNull(second.lookup("f", fp, "sha256:other"), "mode or xattrs changed");
        assertNull(second.lookup("g", fp, "sha256:h"), "another path");
    }

    @Test
    void theCacheFileFollowsTheUmaskLikeEveryOtherFileOfTheBuild() throws Exception {
        BuildContext.scan(root, null, ClientPlatform.LINUX, cacheFile);
        Path plain = Files.createFile(tmp.resolve("plain.txt"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(cacheFile));
    }

    @Test
    void recentFilesAreNotRemembered() throws Exception {
        BuildContext.scan(root, null, ClientPlatform.LINUX, cacheFile);
        StatCache reloaded = StatCache.load(cacheFile);
        FileEntry a = fresh().get("a.txt");
        assertNull(reloaded.lookup("a.txt", new StatCache.Fingerprint(a.size(), 0, 0, 0, 0), "x"));
        assertTrue(!Files.readString(cacheFile).contains("a.txt"), "written within the racy window");
    }

    @Test
    void contentChangeWithRestoredMtimeIsSeen() throws Exception {
        cached();
        Path a = root.resolve("a.txt");
        FileTime mtime = Files.getLastModifiedTime(a);
        Files.writeString(a, "ALPHA"); // same size, same mtime below; ctime moves
        Files.setLastModifiedTime(a, mtime);
        assertEquals(fresh(), cached());
        assertEquals(
                Digests.of("ALPHA".getBytes(StandardCharsets.UTF_8)),
                cached().get("a.txt").contentDigest());
    }

    @Test
    void modeChangeIsSeen() throws Exception {
        cached();
        Files.setAttribute(root.resolve("a.txt"), "unix:mode", 0600);
        assertEquals(fresh(), cached());
        assertEquals(0600, cached().get("a.txt").mode());
    }

    @Test
    void xattrChangeIsSeenThoughRememberedXattrsAreNotReadAgain() throws Exception {
        writeXattr("k", new byte[] {1});
        cached();
        assertEquals("01", cached().get("a.txt").xattrs().get("user.k"), "served from the cache");
        writeXattr("k", new byte[] {2}); // moves ctime only
        assertEquals(fresh(), cached());
        assertEquals("02", cached().get("a.txt").xattrs().get("user.k"));
        view().delete("k");
        assertEquals(fresh(), cached());
        assertTrue(cached().get("a.txt").xattrs().isEmpty());
    }

    @Test
    void anotherClientPlatformDoesNotReuseEntries() throws Exception {
        writeXattr("k", new byte[] {1});
        Files.setAttribute(root.resolve("a.txt"), "unix:mode", 0755); // the same mode for a Windows client
        cached();
        SortedMap<String, FileEntry> windows =
                BuildContext.scan(root, null, ClientPlatform.WINDOWS).entries();
        assertEquals(
                windows,
                BuildContext.scan(root, null, ClientPlatform.WINDOWS, everythingRemembered())
                        .entries());
        assertTrue(windows.get("a.txt").xattrs().isEmpty(), "Windows clients send no xattrs");
    }

    private UserDefinedFileAttributeView view() {
        return Files.getFileAttributeView(root.resolve("a.txt"), UserDefinedFileAttributeView.class);
    }

    private void writeXattr(String name, byte[] value) {
        try {
            view().write(name, ByteBuffer.wrap(value));
        } catch (IOException | UnsupportedOperationException e) {
            Assumptions.abort("no user xattrs on this file system: " + e);
        }
    }

    @Test
    void corruptCacheIsIgnored() throws Exception {
        SortedMap<String, FileEntry> expected = fresh();
        Files.createDirectories(cacheFile.getParent());
        Files.writeString(cacheFile, "{not json");
        assertEquals(expected, cached());
        Files.writeString(cacheFile, "");
        assertEquals(expected, cached());
        Files.writeString(cacheFile, "{\"version\":1,\"entriesDigest\":\"x\",\"entries\":\"[]\"}");
        assertEquals(expected, cached());
    }

    @Test
    void tamperedDigestIsIgnored() throws Exception {
        SortedMap<String, FileEntry> expected = cached();
        String forged = Digests.of("forged".getBytes(StandardCharsets.UTF_8));
        String json = Files.readString(cacheFile);
        String tampered = json.replace(expected.get("a.txt").digest().substring(7), forged.substring(7));
        assertTrue(!tampered.equals(json), "the test changed the file");
        Files.writeString(cacheFile, tampered);
        assertEquals(expected, cached());
        assertNotNull(everythingRemembered());
    }

    @Test
    void staleEntriesOfDeletedFilesAreDropped() throws Exception {
        cached();
        Files.delete(root.resolve("d/b.bin"));
        assertEquals(fresh(), cached());
        assertTrue(!Files.readString(cacheFile).contains("b.bin"));
    }

    @Test
    void anUnchangedContextLeavesTheFileAlone() throws Exception {
        cached();
        Object written =
                Files.readAttributes(cacheFile, BasicFileAttributes.class).fileKey();
        assertEquals(fresh(), cached());
        assertEquals(
                written,
                Files.readAttributes(cacheFile, BasicFileAttributes.class).fileKey(),
                "not replaced");
        Files.writeString(root.resolve("a.txt"), "changed");
        assertEquals(fresh(), cached());
        assertTrue(
                !written.equals(Files.readAttributes(cacheFile, BasicFileAttributes.class)
                        .fileKey()),
                "replaced");
    }

    @Test
    void unusualPathsRoundTrip() {
        StatCache.Fingerprint fp = new StatCache.Fingerprint(5, 1, 2, 3, 4);
        StatCache.Hashes hashes = new StatCache.Hashes("sha256:" + "c".repeat(64), "sha256:" + "d".repeat(64));
        List<String> paths =
                List.of("quote\"d", "back\\slash", "new\nline", "tab\there", "emoji\uD83D\uDE00", "\u00e9t\u00e9");
        StatCache first = everythingRemembered();
        paths.forEach(path -> first.remember(path, fp, EntryHeader.NO_XATTRS, "sha256:h", hashes));
        first.save();
        StatCache second = everythingRemembered();
        for (String path : paths) {
            assertEquals(hashes, second.lookup(path, fp, "sha256:h"), path);
        }
    }

    @Test
    void linesAreFoundInAnyOrderFromManyThreads() throws Exception {
        StatCache first = everythingRemembered();
        int count = 2000;
        for (int i = 0; i < count; i++) {
            first.remember(
                    "dir/file" + i + ".txt",
                    new StatCache.Fingerprint(i, 1, 2, 3, 4),
                    EntryHeader.NO_XATTRS,
                    "sha256:h",
                    new StatCache.Hashes("sha256:" + "c".repeat(64), "sha256:" + "d".repeat(64)));
        }
        first.save();
        StatCache second = everythingRemembered();
        // each thread reads through a window of the file: backwards, by strides and at once must all find their lines
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.Set<String> wrong = java.util.concurrent.ConcurrentHashMap.newKeySet();
        for (int stride : new int[] {-1, 7, 1, 33}) {
            threads.add(new Thread(() -> {
                for (int n = 0; n < count; n++) {
                    int i = Math.floorMod(stride < 0 ? count - 1 - n : n * stride, count);
                    StatCache.Line line =
                            second.line("dir/file" + i + ".txt", new StatCache.Fingerprint(i, 1, 2, 3, 4));
                    if (line == null || line.index() != i) {
                        wrong.add("dir/file" + i + ".txt");
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(java.util.Set.of(), wrong);
        assertNull(second.line("dir/file" + count + ".txt", new StatCache.Fingerprint(count, 1, 2, 3, 4)));
    }

    @Test
    void aLineWhoseXattrValuesAreNotHexIsIgnored() {
        StatCache first = StatCache.load(cacheFile, 0);
        first.remember("odd", FP, new TreeMap<>(Map.of("user.k", "0")), "sha256:h", HASHES);
        first.remember("letters", FP, new TreeMap<>(Map.of("user.k", "zz")), "sha256:h", HASHES);
        first.remember("hex", FP, new TreeMap<>(Map.of("user.k", "0aFF")), "sha256:h", HASHES);
        first.save();
        StatCache second = StatCache.load(cacheFile, 0);
        assertNull(second.line("odd", FP));
        assertNull(second.line("letters", FP));
        assertEquals(Map.of("user.k", "0aFF"), second.line("hex", FP).xattrs());
    }

    private static final StatCache.Fingerprint FP = new StatCache.Fingerprint(5, 1, 2, 3, 4);
    private static final StatCache.Hashes HASHES =
            new StatCache.Hashes("sha256:" + "c".repeat(64), "sha256:" + "d".repeat(64));

    /** A cache file that remembers {@code f} and then {@code g}, both with {@link #FP} and {@link #HASHES}. */
    private void savedWithFAndG() throws Exception {
        StatCache first = everythingRemembered();
        first.remember("f", FP, EntryHeader.NO_XATTRS, "sha256:h", HASHES);
        first.remember("g", FP, EntryHeader.NO_XATTRS, "sha256:h", HASHES);
        first.save();
    }

    @Test
    void linesKeptInAnotherOrderAreWrittenAgainInThatOrder() throws Exception {
        savedWithFAndG();
        StatCache second = everythingRemembered();
        second.keep(second.line("g", FP));
        second.keep(second.line("f", FP));
        second.save();
        List<String> lines = Files.readAllLines(cacheFile);
        assertEquals(
                List.of("g", "f"),
                lines.subList(1, lines.size()).stream()
                        .map(l -> l.split("\t")[0])
                        .toList());
        StatCache third = everythingRemembered();
        assertEquals(HASHES, third.lookup("f", FP, "sha256:h"));
        assertEquals(HASHES, third.lookup("g", FP, "sha256:h"));
        third.close();
    }

    @Test
    void truncatedCacheIsIgnored() throws Exception {
        savedWithFAndG();
        byte[] whole = Files.readAllBytes(cacheFile);
        assertEquals(HASHES, everythingRemembered().lookup("f", FP, "sha256:h"), "intact");
        for (int length : new int[] {whole.length - 1, whole.length / 2, 1}) {
            Files.write(cacheFile, Arrays.copyOf(whole, length));
            assertNull(everythingRemembered().lookup("f", FP, "sha256:h"), "cut at " + length);
        }
    }

    @Test
    void aFileWrittenJustBeforeTheLoadIsOlderThanIt() throws Exception {
        // the cutoff used to be the clock in milliseconds: a file written in the same millisecond was "younger"
        Path file = tmp.resolve("young.txt");
        for (int round = 0; round < 200; round++) {
            Files.writeString(file, "round " + round);
            long ctime = ((FileTime) Files.getAttribute(file, "unix:ctime")).to(TimeUnit.NANOSECONDS);
            StatCache cache = StatCache.load(cacheFile, 0);
            StatCache.Fingerprint fp = new StatCache.Fingerprint(1, ctime, ctime, round, 1);
            cache.remember("young.txt", fp, EntryHeader.NO_XATTRS, "sha256:h", HASHES);
            cache.save();
            assertEquals(HASHES, everythingRemembered().lookup("young.txt", fp, "sha256:h"), "round " + round);
        }
    }

    @Test
    void staleTemporaryFilesOfACrashedRunAreRemovedAndLiveOnesKept() throws Exception {
        Files.createDirectories(cacheFile.getParent());
        Path crashed = Files.writeString(cacheFile.resolveSibling(".statcache.crashed.tmp"), "half");
        Files.setLastModifiedTime(crashed, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path live = Files.writeString(cacheFile.resolveSibling(".statcache.live.tmp"), "being written");
        Files.setLastModifiedTime(live, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path young = Files.writeString(cacheFile.resolveSibling(".statcache.young.tmp"), "just closed");
        // another process writing: the lock is held from a child JVM, as a running build would hold it
        Process holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LockHolder.class.getName(),
                        live.toString())
                .redirectErrorStream(true)
                .start();
        try {
            assertEquals('L', holder.getInputStream().read(), "the child holds the lock");
            everythingRemembered().close();
            assertTrue(Files.notExists(crashed), "left by a crashed run");
            assertTrue(Files.exists(live), "locked by a running build");
            assertTrue(Files.exists(young), "written a moment ago");
        } finally {
            holder.destroy();
            holder.waitFor();
        }
    }

    /** Holds a lock on a file until killed, as a build writing its stat cache does. */
    static final class LockHolder {
        public static void main(String[] args) throws Exception {
            try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                System.out.print('L');
                System.out.flush();
                Thread.sleep(60_000);
            }
        }
    }

    @Test
    void aCacheLargerThanTheLimitIsIgnoredUnreadAndRewritten() throws Exception {
        savedWithFAndG();
        try (RandomAccessFile file = new RandomAccessFile(cacheFile.toFile(), "rw")) {
            file.setLength(StatCache.MAX_BYTES + 1); // sparse: costs no disk
        }
        assertEquals(fresh(), cached());
        assertTrue(Files.size(cacheFile) < 4096, "rewritten");
        assertTrue(Files.readString(cacheFile).contains("a.txt"));
    }

    @Test
    void aCacheWithMoreEntriesThanTheLimitIsIgnored() throws Exception {
        int limit = 3; // MAX_ENTRIES, two million, works the same way
        StatCache first = StatCache.load(cacheFile, Long.MAX_VALUE, limit);
        for (int i = 0; i <= limit; i++) {
            first.remember("f" + i, FP, EntryHeader.NO_XATTRS, "sha256:h", HASHES);
        }
        first.save();
        List<String> lines = Files.readAllLines(cacheFile);
        assertEquals(limit + 1, lines.size(), "a scan remembers no more than the limit");
        assertEquals(HASHES, StatCache.load(cacheFile, Long.MAX_VALUE, limit).lookup("f0", FP, "sha256:h"), "at it");
        // the same file with one line more, its checksum recomputed: beyond the limit, so ignored
        String body = String.join("\n", lines.subList(1, lines.size())) + "\nextra\t5\t1\t2\t3\t4\tsha256:h\t"
                + HASHES.contentDigest() + "\t" + HASHES.digest() + "\n";
        writeWithChecksum(lines.get(0), body);
        assertEquals(
                HASHES, StatCache.load(cacheFile, Long.MAX_VALUE, limit + 1).lookup("f0", FP, "sha256:h"));
        assertNull(StatCache.load(cacheFile, Long.MAX_VALUE, limit).lookup("f0", FP, "sha256:h"), "beyond: ignored");
    }

    @Test
    void aLineWhoseDigestsAreNotDigestsIsNeverUsed() throws Exception {
        savedWithFAndG();
        List<String> lines = Files.readAllLines(cacheFile);
        String body =
                String.join("\n", lines.subList(1, lines.size())).replace(HASHES.digest(), "sha256:forged") + "\n";
        writeWithChecksum(lines.get(0), body);
        assertNull(everythingRemembered().lookup("f", FP, "sha256:h"));
    }

    /** Writes a cache file whose checksum matches {@code body}, as a hand-made or foreign file could. */
    private void writeWithChecksum(String header, String body) throws IOException {
        CRC32 checksum = new CRC32();
        checksum.update(body.getBytes(StandardCharsets.UTF_8));
        String crc = String.format(Locale.ROOT, "%08x", checksum.getValue());
        Files.writeString(cacheFile, header.substring(0, header.length() - crc.length()) + crc + "\n" + body);
    }
}
