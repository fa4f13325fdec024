package io.github.dockercache.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
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
        new TreeBuilder(root).file("a.txt", "alpha").dir("d").file("d/b.bin", "bravo").symlink("l", "a.txt");
    }

    private SortedMap<String, FileEntry> fresh() throws Exception {
        return BuildContext.scan(root, null, ClientPlatform.LINUX).entries();
    }

    /** A scan through the cache, remembering even brand-new files. */
    private SortedMap<String, FileEntry> cached() throws Exception {
        return BuildContext.scan(root, null, ClientPlatform.LINUX, StatCache.load(cacheFile, 0)).entries();
    }

    @Test
    void sameResultsWithAndWithoutTheCache() throws Exception {
        SortedMap<String, FileEntry> expected = fresh();
        assertEquals(expected, cached());
        assertTrue(Files.readString(cacheFile).contains("a.txt"), "the cache was written");
        assertEquals(expected, cached(), "second scan served from the cache");
        assertEquals(expected, BuildContext.scan(root, null, ClientPlatform.LINUX, cacheFile).entries(),
                "the public overload");
    }

    @Test
    void rememberedHashesAreReusedOnlyForTheSameFingerprintAndHeader() {
        StatCache.Fingerprint fp = new StatCache.Fingerprint(5, 1, 2, 3, 4);
        StatCache.Hashes hashes = new StatCache.Hashes("sha256:c", "sha256:d");
        StatCache first = StatCache.load(cacheFile, 0);
        first.remember("f", fp, EntryHeader.NO_XATTRS, "sha256:h", hashes);
        first.save();
        StatCache second = StatCache.load(cacheFile, 0);
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
        assertEquals(Digests.of("ALPHA".getBytes(StandardCharsets.UTF_8)), cached().get("a.txt").contentDigest());
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
        SortedMap<String, FileEntry> windows = BuildContext.scan(root, null, ClientPlatform.WINDOWS).entries();
        assertEquals(windows,
                BuildContext.scan(root, null, ClientPlatform.WINDOWS, StatCache.load(cacheFile, 0)).entries());
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
        assertNotNull(StatCache.load(cacheFile, 0));
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
        Object written = Files.readAttributes(cacheFile, BasicFileAttributes.class).fileKey();
        assertEquals(fresh(), cached());
        assertEquals(written, Files.readAttributes(cacheFile, BasicFileAttributes.class).fileKey(), "not replaced");
        Files.writeString(root.resolve("a.txt"), "changed");
        assertEquals(fresh(), cached());
        assertTrue(!written.equals(Files.readAttributes(cacheFile, BasicFileAttributes.class).fileKey()), "replaced");
    }

    @Test
    void unusualPathsRoundTrip() {
        StatCache.Fingerprint fp = new StatCache.Fingerprint(5, 1, 2, 3, 4);
        StatCache.Hashes hashes = new StatCache.Hashes("sha256:c", "sha256:d");
        List<String> paths =
                List.of("quote\"d", "back\\slash", "new\nline", "tab\there", "emoji\uD83D\uDE00", "\u00e9t\u00e9");
        StatCache first = StatCache.load(cacheFile, 0);
        paths.forEach(path -> first.remember(path, fp, EntryHeader.NO_XATTRS, "sha256:h", hashes));
        first.save();
        StatCache second = StatCache.load(cacheFile, 0);
        for (String path : paths) {
            assertEquals(hashes, second.lookup(path, fp, "sha256:h"), path);
        }
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
    private static final StatCache.Hashes HASHES = new StatCache.Hashes("sha256:c", "sha256:d");

    /** A cache file that remembers {@code f} and then {@code g}, both with {@link #FP} and {@link #HASHES}. */
    private void savedWithFAndG() throws Exception {
        StatCache first = StatCache.load(cacheFile, 0);
        first.remember("f", FP, EntryHeader.NO_XATTRS, "sha256:h", HASHES);
        first.remember("g", FP, EntryHeader.NO_XATTRS, "sha256:h", HASHES);
        first.save();
    }

    @Test
    void linesKeptInAnotherOrderAreWrittenAgainInThatOrder() throws Exception {
        savedWithFAndG();
        StatCache second = StatCache.load(cacheFile, 0);
        second.keep(second.line("g", FP));
        second.keep(second.line("f", FP));
        second.save();
        List<String> lines = Files.readAllLines(cacheFile);
        assertEquals(List.of("g", "f"), lines.subList(1, lines.size()).stream().map(l -> l.split("\t")[0]).toList());
        StatCache third = StatCache.load(cacheFile, 0);
        assertEquals(HASHES, third.lookup("f", FP, "sha256:h"));
        assertEquals(HASHES, third.lookup("g", FP, "sha256:h"));
        third.close();
    }

    @Test
    void truncatedCacheIsIgnored() throws Exception {
        savedWithFAndG();
        byte[] whole = Files.readAllBytes(cacheFile);
        assertEquals(HASHES, StatCache.load(cacheFile, 0).lookup("f", FP, "sha256:h"), "intact");
        for (int length : new int[] {whole.length - 1, whole.length / 2, 1}) {
            Files.write(cacheFile, Arrays.copyOf(whole, length));
            assertNull(StatCache.load(cacheFile, 0).lookup("f", FP, "sha256:h"), "cut at " + length);
        }
    }
}
