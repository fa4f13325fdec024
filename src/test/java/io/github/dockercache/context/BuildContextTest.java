package io.github.dockercache.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildContextTest {
    @TempDir
    Path tmp;

    private List<String> paths(BuildContext ctx) {
        return List.copyOf(ctx.entries().keySet());
    }

    @Test
    void walksEverythingInKeyOrderWithEmptyAndHiddenEntries() throws Exception {
        BuildContext ctx = new TreeBuilder(tmp)
                .file("a.txt", "x")
                .dir("a")
                .file("a/b", "y")
                .dir("empty")
                .file(".hidden", "h")
                .file("Dockerfile", "FROM scratch")
                .symlink("link", "a")
                .scan();
        assertEquals(List.of(".hidden", "Dockerfile", "a", "a/b", "a.txt", "empty", "link"), paths(ctx));
        assertEquals(EntryType.DIRECTORY, ctx.entries().get("empty").type());
        FileEntry link = ctx.entries().get("link");
        assertEquals(EntryType.SYMLINK, link.type());
        assertEquals("a", link.linkTarget());
        assertEquals(0777, link.mode());
        assertEquals(0, link.size());
        FileEntry file = ctx.entries().get("a.txt");
        assertEquals(1, file.size());
        assertEquals(Digests.of("x".getBytes(StandardCharsets.UTF_8)), file.contentDigest());
        assertNull(ctx.ignoreFile());
    }

    @Test
    void headerIsTheSpecTarsumString() throws Exception {
        BuildContext ctx = new TreeBuilder(tmp).file("f", "hello", "rwxr-x---").scan();
        String header = "namemode488uid0gid0size5typeflag0linknameunamegnamedevmajor0devminor0";
        assertEquals(
                Digests.of((header + "hello").getBytes(StandardCharsets.UTF_8)),
                ctx.entries().get("f").digest());
    }

    @Test
    void specialModeBitsAreHashed() throws Exception {
        new TreeBuilder(tmp).file("plain", "x").file("suid", "x").dir("sticky");
        Files.setAttribute(tmp.resolve("suid"), "unix:mode", 04755);
        Files.setAttribute(tmp.resolve("sticky"), "unix:mode", 01777);
        BuildContext ctx = BuildContext.scan(tmp, null, ClientPlatform.LINUX);
        assertEquals(04755, ctx.entries().get("suid").mode());
        assertEquals(01777, ctx.entries().get("sticky").mode());
        assertEquals(0644, ctx.entries().get("plain").mode());
    }

    @Test
    void windowsClientsSendExecutableModes() throws Exception {
        new TreeBuilder(tmp)
                .file("rw", "x", "rw-rw-rw-")
                .file("ro", "x", "r--r--r--")
                .dir("d", "rwxrwxrwx")
                .symlink("l", "rw");
        BuildContext ctx = BuildContext.scan(tmp, null, ClientPlatform.WINDOWS);
        assertEquals(0755, ctx.entries().get("rw").mode());
        assertEquals(0555, ctx.entries().get("ro").mode());
        assertEquals(0755, ctx.entries().get("d").mode());
        assertEquals(0755, ctx.entries().get("l").mode());
        BuildContext mac = BuildContext.scan(tmp, null, ClientPlatform.MACOS);
        assertEquals(0755, mac.entries().get("l").mode());
        assertEquals(0666, mac.entries().get("rw").mode());
    }

    @Test
    void modeChangesTheDigestButMtimeDoesNot() throws Exception {
        new TreeBuilder(tmp).file("f", "same");
        String before = BuildContext.scan(tmp, null, ClientPlatform.LINUX)
                .entries()
                .get("f")
                .digest();
        Files.setLastModifiedTime(tmp.resolve("f"), java.nio.file.attribute.FileTime.fromMillis(0));
        assertEquals(
                before,
                BuildContext.scan(tmp, null, ClientPlatform.LINUX)
                        .entries()
                        .get("f")
                        .digest());
        Files.setAttribute(tmp.resolve("f"), "unix:mode", 0600);
        assertNotEquals(
                before,
                BuildContext.scan(tmp, null, ClientPlatform.LINUX)
                        .entries()
                        .get("f")
                        .digest());
    }

    @Test
    void userXattrsAreHashedWhenTheFileSystemHasThem() throws Exception {
        new TreeBuilder(tmp).file("f", "x");
        UserDefinedFileAttributeView view =
                Files.getFileAttributeView(tmp.resolve("f"), UserDefinedFileAttributeView.class);
        String plain = BuildContext.scan(tmp, null, ClientPlatform.LINUX)
                .entries()
                .get("f")
                .digest();
        try {
            view.write("k", ByteBuffer.wrap(new byte[] {1, 2}));
        } catch (java.io.IOException e) {
            Assumptions.abort("no user xattrs on this file system: " + e);
        }
        FileEntry entry =
                BuildContext.scan(tmp, null, ClientPlatform.LINUX).entries().get("f");
        assertEquals("0102", entry.xattrs().get("user.k"));
        String header = "namemode420uid0gid0size1typeflag0linknameunamegnamedevmajor0devminor0user.k";
        byte[] expected = concat(header.getBytes(StandardCharsets.UTF_8), new byte[] {1, 2}, new byte[] {'x'});
        assertEquals(Digests.of(expected), entry.digest());
        assertNotEquals(plain, entry.digest());
    }

    @Test
    void fifoIsAnEntryWithoutContent() throws Exception {
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", tmp.resolve("pipe").toString()).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("mkfifo not available");
            return;
        }
        Assumptions.assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0);
        FileEntry pipe =
                BuildContext.scan(tmp, null, ClientPlatform.LINUX).entries().get("pipe");
        assertEquals(EntryType.FIFO, pipe.type());
        assertNull(pipe.contentDigest());
    }

    /** context-special-files-identical: the client sends a socket as an empty regular file of its mode. */
    @Test
    void socketIsHashedAsAnEmptyFileOfItsMode() throws Exception {
        Path socketPath = tmp.resolve("socket");
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(socketPath));
        }
        Files.setPosixFilePermissions(socketPath, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(tmp.resolve("empty"), "");
        Files.setPosixFilePermissions(tmp.resolve("empty"), PosixFilePermissions.fromString("rwxr-xr-x"));

        SortedMap<String, FileEntry> entries =
                BuildContext.scan(tmp, null, ClientPlatform.LINUX).entries();
        assertEquals(EntryType.FILE, entries.get("socket").type());
        assertEquals(entries.get("empty").digest(), entries.get("socket").digest());
    }

    @Test
    void dockerignoreExcludesWithExceptionsAndCoversDirectories() throws Exception {
        BuildContext ctx = new TreeBuilder(tmp)
                .file(".dockerignore", "# comment\nba*\n!bay\nbuild\n!build/keep.txt\n")
                .file("bar", "1")
                .file("baz", "2")
                .file("bay", "3")
                .file("foo", "4")
                .dir("build")
                .file("build/out.o", "o")
                .file("build/keep.txt", "k")
                .dir("build/sub")
                .file("build/sub/x", "x")
                .scan();
        assertEquals(List.of(".dockerignore", "bay", "build", "build/keep.txt", "foo"), paths(ctx));
        assertEquals(".dockerignore", ctx.ignoreFile());
        assertEquals(List.of("ba*", "!bay", "build", "!build/keep.txt"), ctx.ignorePatterns());
        assertTrue(ctx.isIgnored("bar"));
        assertFalse(ctx.isIgnored("bay"));
        assertTrue(ctx.isIgnored("build/sub/x"));
        assertFalse(ctx.isIgnored("build/keep.txt"));
        assertThrows(ContextException.class, () -> ctx.select("bar", List.of()));
    }

    /** The line that decides: counted from 1 with comments, blank lines and a BOM; as written; none past an exception. */
    @Test
    void theExcludingLineIsTheOneThatDecides() throws Exception {
        BuildContext ctx = new TreeBuilder(tmp)
                .file(
                        ".dockerignore",
                        "\uFEFF# comment\r\n\n  src/test/  \r\n*.md\n!README.md\nbuild\n!build/keep.txt\n")
                .file("README.md", "r")
                .file("CHANGES.md", "c")
                .file("docs/a.md", "a")
                .file("src/test/T.java", "t")
                .file("build/out.o", "o")
                .file("build/keep.txt", "k")
                .scan();
        assertEquals(new IgnoreFile.Line(3, "src/test/", "src/test"), ctx.excludedBy("src/test/T.java"));
        assertEquals(new IgnoreFile.Line(3, "src/test/", "src/test"), ctx.excludedBy("/src/test"));
        assertEquals(new IgnoreFile.Line(4, "*.md", "*.md"), ctx.excludedBy("CHANGES.md"));
        assertNull(ctx.excludedBy("docs/a.md"), "*.md matches at the root only");
        assertEquals(new IgnoreFile.Line(6, "build", "build"), ctx.excludedBy("build/out.o"));
        assertNull(ctx.excludedBy("README.md"), "re-included");
        assertNull(ctx.excludedBy("build/keep.txt"), "re-included");
        assertNull(ctx.excludedBy("src/main/A.java"));
        assertNull(ctx.excludedBy("."));
    }

    @Test
    void dockerfileSpecificIgnoreReplacesTheRootOne() throws Exception {
        new TreeBuilder(tmp)
                .file(".dockerignore", "foo\n")
                .file("foo", "f")
                .file("bar", "b")
                .file("docker/app.Dockerfile", "FROM scratch")
                .file("docker/app.Dockerfile.dockerignore", "bar\n")
                .file("docker/empty.Dockerfile", "FROM scratch")
                .file("docker/empty.Dockerfile.dockerignore", "");
        BuildContext app = BuildContext.scan(tmp, tmp.resolve("docker/app.Dockerfile"), ClientPlatform.LINUX);
        assertEquals("docker/app.Dockerfile.dockerignore", app.ignoreFile());
        assertEquals(new IgnoreFile.Line(1, "bar", "bar"), app.excludedBy("bar"));
        assertNull(app.excludedBy("foo"), "the root .dockerignore does not apply");
        assertTrue(app.entries().containsKey("foo"));
        assertFalse(app.entries().containsKey("bar"));
        BuildContext empty = BuildContext.scan(tmp, tmp.resolve("docker/empty.Dockerfile"), ClientPlatform.LINUX);
        assertEquals("docker/empty.Dockerfile.dockerignore", empty.ignoreFile(), "even empty, it replaces");
        assertTrue(empty.entries().containsKey("foo"));
    }

    @Test
    void rootGivenThroughASymlinkIsResolved() throws Exception {
        Path real = tmp.resolve("real");
        new TreeBuilder(real).file(".dockerignore", "x\n").file("x", "x").file("y", "y");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        BuildContext ctx = BuildContext.scan(link, link.resolve("Dockerfile"), ClientPlatform.LINUX);
        assertEquals(real.toRealPath(), ctx.root());
        assertEquals(".dockerignore", ctx.ignoreFile());
        assertEquals(List.of(".dockerignore", "y"), paths(ctx));
    }

    @Test
    void loneExclamationMarkFailsTheScan() {
        new TreeBuilder(tmp).file(".dockerignore", "!\n").file("a", "a");
        ContextException e =
                assertThrows(ContextException.class, () -> BuildContext.scan(tmp, null, ClientPlatform.LINUX));
        assertTrue(e.getMessage().contains(".dockerignore"), e.getMessage());
    }

    @Test
    void excludedDirectoryIsOnlyDescendedForPossibleExceptions() throws Exception {
        BuildContext ctx = new TreeBuilder(tmp)
                .file(".dockerignore", "foo*\n!foo/bar2\n")
                .file("bar", "")
                .dir("foo")
                .file("foo/bar2", "")
                .file("foo/other", "")
                .file("foo2", "")
                .scan();
        assertEquals(List.of(".dockerignore", "bar", "foo", "foo/bar2"), paths(ctx));
    }

    @Test
    void missingSourceNamesTheSourceAndTheContext() throws Exception {
        BuildContext ctx = new TreeBuilder(tmp).file("a", "a").scan();
        ContextException e = assertThrows(ContextException.class, () -> ctx.select("./missing/x", List.of()));
        assertTrue(e.getMessage().contains("\"/missing/x\" not found"), e.getMessage());
        assertTrue(e.getMessage().contains(ctx.root().toString()), e.getMessage());
        assertThrows(ContextException.class, () -> ctx.select("missing", List.of("*.md")));
    }

    @Test
    void symlinkLoopIsReported() throws Exception {
        BuildContext ctx =
                new TreeBuilder(tmp).symlink("a", "b").symlink("b", "a").scan();
        ContextException e = assertThrows(ContextException.class, () -> ctx.select("a", List.of()));
        assertTrue(e.getMessage().contains("symbolic links"), e.getMessage());
        assertEquals(2, ctx.entries().size(), "the walk itself never follows links");
    }

    @Test
    void linksLeavingTheRootAreClampedToIt() throws Exception {
        BuildContext ctx = new TreeBuilder(tmp)
                .file("f", "data0", "rw-r--r--")
                .symlink("up", "../../f")
                .symlink("abs", "/f")
                .symlink("rootlink", "/")
                .dir("d")
                .symlink("d/deep", "../../../../f")
                .scan();
        String data0 = BuildKitChecksumTest.DATA0;
        assertEquals(data0, ctx.select("up", List.of()).checksum());
        assertEquals(data0, ctx.select("abs", List.of()).checksum());
        assertEquals(data0, ctx.select("d/deep", List.of()).checksum());
        assertEquals(data0, ctx.select("rootlink/f", List.of()).checksum());
        assertEquals(
                ctx.select(".", List.of()).checksum(),
                ctx.select("rootlink", List.of()).checksum());
    }

    @Test
    void sourceSpellingsOfTheSamePath() throws Exception {
        BuildContext ctx = new TreeBuilder(tmp)
                .dir("src")
                .file("src/a.go", "a")
                .file("src/b.txt", "b")
                .scan();
        String dir = ctx.select("src", List.of()).checksum();
        assertEquals(dir, ctx.select("/src", List.of()).checksum());
        assertEquals(dir, ctx.select("./src/", List.of()).checksum());
        assertEquals(
                ctx.select(".", List.of()).checksum(),
                ctx.select("/", List.of()).checksum());
        assertEquals(
                List.of("src", "src/a.go", "src/b.txt"),
                ctx.select("src", List.of()).entries().stream()
                        .map(FileEntry::path)
                        .toList());
    }

    @Test
    void wildcardSelectsMatchesAndTheirSubtrees() throws Exception {
        BuildContext ctx = new TreeBuilder(tmp)
                .dir("src")
                .file("src/a.go", "a")
                .file("src/b.txt", "b")
                .dir("src/pkg.go")
                .file("src/pkg.go/x", "x")
                .scan();
        Selection go = ctx.select("src/*.go", List.of());
        assertEquals(
                List.of("src/a.go", "src/pkg.go", "src/pkg.go/x"),
                go.entries().stream().map(FileEntry::path).toList());
        Selection none = ctx.select("src/*.rs", List.of());
        assertEquals(Digests.EMPTY, none.checksum());
        assertTrue(none.entries().isEmpty());
        Selection missingPrefix = ctx.select("nope/*.go", List.of());
        assertEquals(Digests.EMPTY, missingPrefix.checksum());
    }

    @Test
    void excludesApplyRelativeToTheSourceAndKeepParentHeaders() throws Exception {
        BuildContext ctx = new TreeBuilder(tmp)
                .dir("app")
                .file("app/a.md", "a")
                .file("app/b.txt", "b")
                .dir("app/docs")
                .file("app/docs/c.md", "c")
                .scan();
        Selection sel = ctx.select("app", List.of("*.md"));
        assertEquals(
                List.of("app", "app/b.txt", "app/docs", "app/docs/c.md"),
                sel.entries().stream().map(FileEntry::path).toList());
        Selection deep = ctx.select("app", List.of("**/*.md"));
        assertEquals(
                List.of("app", "app/b.txt", "app/docs"),
                deep.entries().stream().map(FileEntry::path).toList());
        assertNotEquals(ctx.select("app", List.of()).checksum(), sel.checksum());
    }

    @Test
    void parentsSourcesSplitAtTheFirstPivot() {
        assertEquals(new ParentsSource("/", "a/b/c/f.txt"), ParentsSource.of("a/b/c/f.txt"));
        assertEquals(new ParentsSource("/", "x/**/*.txt"), ParentsSource.of("./x/**/*.txt"));
        assertEquals(new ParentsSource("/a", "b/g.txt"), ParentsSource.of("./a/./b/g.txt"));
        assertEquals(new ParentsSource("/abs", "x/y"), ParentsSource.of("/abs/./x/./y/"));
    }

    @Test
    void parentsSelectsWhatThePatternMatchesBelowTheRootWithTheirDirectories() throws Exception {
        BuildContext ctx = new TreeBuilder(tmp)
                .dir("x")
                .dir("x/y")
                .file("x/y/h.txt", "h")
                .file("x/top.txt", "t")
                .file("x/y/skip.md", "s")
                .dir("a")
                .dir("a/b")
                .file("a/b/g.txt", "g")
                .scan();
        Selection deep = ctx.select(ParentsSource.of("x/**/*.txt"), List.of());
        assertEquals(List.of("x", "x/top.txt", "x/y", "x/y/h.txt"), paths(deep));
        Selection pivot = ctx.select(ParentsSource.of("a/./b/g.txt"), List.of());
        assertEquals(
                List.of("a", "a/b", "a/b/g.txt"), paths(pivot)); // the root's own header, as for any directory source
        Selection excluded = ctx.select(ParentsSource.of("x/**/*.txt"), List.of("**/top.txt"));
        assertEquals(List.of("x", "x/y", "x/y/h.txt"), paths(excluded));
    }

    /** Unlike a plain COPY, where only the base name enters the key, the parents a file is copied with count. */
    @Test
    void parentsChecksumChangesWhenAFileMovesToAnotherParent() throws Exception {
        BuildContext before = new TreeBuilder(tmp.resolve("before"))
                .dir("p")
                .dir("p/one")
                .file("p/one/f", "f")
                .scan();
        BuildContext after = new TreeBuilder(tmp.resolve("after"))
                .dir("p")
                .dir("p/two")
                .file("p/two/f", "f")
                .scan();
        assertNotEquals(
                before.select(ParentsSource.of("p/**/f"), List.of()).checksum(),
                after.select(ParentsSource.of("p/**/f"), List.of()).checksum());
        assertEquals(
                before.select(ParentsSource.of("p/**/f"), List.of()).checksum(),
                new TreeBuilder(tmp.resolve("again"))
                        .dir("p")
                        .dir("p/one")
                        .file("p/one/f", "f")
                        .scan()
                        .select(ParentsSource.of("p/**/f"), List.of())
                        .checksum());
    }

    private static List<String> paths(Selection selection) {
        return selection.entries().stream()
                .map(FileEntry::path)
                .filter(path -> !path.isEmpty())
                .toList();
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            buffer.put(part);
        }
        return buffer.array();
    }
}
