package io.github.dockercache.context;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads one context entry as the BuildKit client would send it (fsutil {@code mkstat}) and computes its
 * digests. Modes follow the client platform: Windows clients send {@code (perm | 0111) & 0755}, macOS
 * symlinks carry 0755. Content is streamed, never held in memory.
 */
final class EntryReader {
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final boolean HOST_IS_LINUX =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");

    private final ClientPlatform platform;
    private final StatCache cache;

    /** {@code cache} may be null. */
    EntryReader(ClientPlatform platform, StatCache cache) {
        this.platform = platform;
        this.cache = cache;
    }

    /**
     * An entry as read, with what the stat cache should keep of it: the previous line whose digests were
     * reused, or the digests just computed (null when the cache has nothing to do with it).
     */
    record Read(FileEntry entry, StatCache.Line reused, Learned learned) {}

    /** The digests of a hashed regular file and what they depend on besides its bytes. */
    record Learned(
            StatCache.Fingerprint fingerprint,
            SortedMap<String, String> xattrs,
            String headerKey,
            StatCache.Hashes hashes) {}

    /**
     * Builds the entry at {@code file} from the stat the walk took; {@code hardLinkOf} is the file's first name when
     * this is another one, else null.
     */
    Read read(String relativePath, Path file, FileStat stat, String hardLinkOf) throws ContextException {
        checkNameRoundTrips(relativePath, file);
        try {
            int mode = clientMode(platform, stat.type(), stat.mode());
            long size = stat.type() == EntryType.FILE && !stat.socket() ? stat.size() : 0;
            boolean cacheable =
                    cache != null && stat.type() == EntryType.FILE && stat.fingerprint() != null && !stat.socket();
            Read remembered = cacheable ? rememberedFile(relativePath, stat, mode, size, hardLinkOf) : null;
            if (remembered != null) {
                return remembered;
            }
            String linkTarget = stat.type() == EntryType.SYMLINK
                    ? Files.readSymbolicLink(file).toString()
                    : null;
            boolean device = stat.type() == EntryType.CHAR_DEVICE || stat.type() == EntryType.BLOCK_DEVICE;
            int devMajor = device ? (int) ((stat.rdev() >>> 8) & 0xfff) : 0; // fsutil's (old Linux) encoding
            int devMinor = device ? (int) ((stat.rdev() & 0xff) | ((stat.rdev() >>> 12) & 0xfff00)) : 0;
            SortedMap<String, String> xattrs = EntryHeader.keptXattrs(xattrs(file, stat));
            byte[] header = EntryHeader.bytes(stat.type(), mode, size, linkTarget, devMajor, devMinor, xattrs);
            byte[] digests = new byte[FileEntry.DIGEST_BYTES];
            Learned learned = null;
            if (stat.type() == EntryType.FILE) {
                hash(file, stat, header, digests);
                if (cacheable) {
                    learned = new Learned(
                            stat.fingerprint(),
                            xattrs,
                            headerKey(header),
                            new StatCache.Hashes(
                                    Digests.format(digests, FileEntry.CONTENT_OFFSET),
                                    Digests.format(digests, FileEntry.DIGEST_OFFSET)));
                }
            } else {
                MessageDigest sha = Digests.newSha256();
                sha.update(header);
                sha.digest(digests, FileEntry.DIGEST_OFFSET, 32);
            }
            FileEntry entry = new FileEntry(
                    relativePath,
                    stat.type(),
                    mode,
                    size,
                    FileEntry.Extra.of(linkTarget, devMajor, devMinor, xattrs, stat.socket(), hardLinkOf),
                    digests,
                    0);
            return new Read(entry, null, learned);
        } catch (AccessDeniedException e) {
            throw new ContextException(
                    "cannot read \"" + relativePath + "\" in the build context: permission "
                            + "denied; make it readable (chmod a+r) or add it to .dockerignore",
                    e);
        } catch (IOException | DigestException e) {
            throw new ContextException(
                    "cannot read \"" + relativePath + "\" in the build context: " + e
                            + "; make it readable or add it to .dockerignore",
                    e);
        }
    }

    /** Tells the stat cache, if any, what to keep of an entry read; called in walk order, from one thread. */
    void rememberInCache(Read read) {
        if (cache == null) {
            return;
        }
        if (read.reused() != null) {
            cache.keep(read.reused());
        } else if (read.learned() != null) {
            Learned learned = read.learned();
            cache.remember(
                    read.entry().path(),
                    learned.fingerprint(),
                    learned.xattrs(),
                    learned.headerKey(),
                    learned.hashes());
        }
    }

    /**
     * The regular file as the stat cache remembers it, when its stat and header are unchanged, else null.
     * The remembered xattrs are not read again: setting or removing one moves ctime, which the
     * fingerprint compares, just as writing content does; reading them costs more than the stat.
     */
    private Read rememberedFile(String relativePath, FileStat stat, int mode, long size, String hardLinkOf) {
        StatCache.Line line = cache.line(relativePath, stat.fingerprint());
        if (line == null) {
            return null;
        }
        byte[] header = EntryHeader.bytes(EntryType.FILE, mode, size, null, 0, 0, line.xattrs());
        if (!line.headerKey().equals(headerKey(header))) {
            return null;
        }
        return new Read(
                new FileEntry(
                        relativePath,
                        EntryType.FILE,
                        mode,
                        size,
                        FileEntry.Extra.of(null, 0, 0, line.xattrs(), false, hardLinkOf),
                        line.digests(),
                        0),
                line,
                null);
    }

    /**
     * What remembered digests depend on besides the content: the header (mode, size, xattrs) and the
     * client platform, which decides the mode and which xattrs are kept.
     */
    private String headerKey(byte[] header) {
        MessageDigest sha = Digests.newSha256();
        sha.update(platform.name().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(header);
        return Digests.format(sha.digest());
    }

    /** Puts the content digest and the entry digest (header, then content) into {@code digests}. */
    private static void hash(Path file, FileStat stat, byte[] header, byte[] digests)
            throws IOException, DigestException {
        MessageDigest whole = Digests.newSha256();
        whole.update(header);
        MessageDigest content = Digests.newSha256();
        if (!stat.socket()) {
            streamInto(file, whole, content);
        }
        content.digest(digests, FileEntry.CONTENT_OFFSET, 32);
        whole.digest(digests, FileEntry.DIGEST_OFFSET, 32);
    }

    /**
     * A name that is not valid UTF-8 is decoded with U+FFFD by Java and no longer names the file;
     * BuildKit would hash the raw bytes, which cannot be reproduced here, so it is refused clearly.
     */
    private static void checkNameRoundTrips(String relativePath, Path file) throws ContextException {
        if (relativePath.indexOf('\uFFFD') < 0) {
            return; // the relative path holds the decoded name: the common case needs no Path call
        }
        String name = file.getFileName().toString();
        if (name.indexOf('\uFFFD') >= 0 && !Files.exists(file.resolveSibling(name), LinkOption.NOFOLLOW_LINKS)) {
            throw new ContextException("\"" + relativePath + "\" in the build context has a name that is not valid"
                    + " UTF-8 (or not valid in the JVM's file name encoding " + System.getProperty("sun.jnu.encoding")
                    + "); rename it, add it to .dockerignore, or run with a UTF-8 locale such as LANG=C.UTF-8");
        }
    }

    /** The mode a client on {@code platform} sends for an entry with these host mode bits. */
    static int clientMode(ClientPlatform platform, EntryType type, int mode) {
        int special = mode & 07000;
        int perm = mode & 0777;
        return switch (platform) {
            case LINUX -> mode;
            case WINDOWS -> special | ((perm | 0111) & 0755);
            case MACOS -> type == EntryType.SYMLINK ? special | 0755 : mode;
        };
    }

    /**
     * The readable extended attributes, name to hex value. Java only exposes the {@code user.} namespace
     * on Linux, so {@code trusted.*} and {@code security.capability} (which BuildKit would hash) are not
     * seen. Symlinks, devices, fifos and sockets are skipped: Java opens the file to read xattrs, which would
     * block on a fifo and fails on a socket, and Linux allows no user xattrs on them anyway. Windows clients
     * send none.
     */
    private Map<String, String> xattrs(Path file, FileStat stat) throws IOException {
        Map<String, String> result = new TreeMap<>();
        boolean fileOrDirectory = stat.type() == EntryType.DIRECTORY || stat.type() == EntryType.FILE && !stat.socket();
        if (platform == ClientPlatform.WINDOWS || !fileOrDirectory) {
            return result;
        }
        UserDefinedFileAttributeView view =
                Files.getFileAttributeView(file, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return result;
        }
        try {
            for (String name : view.list()) {
                String fullName = HOST_IS_LINUX ? "user." + name : name;
                if (platform == ClientPlatform.MACOS && fullName.startsWith("com.apple.")) {
                    continue; // fsutil drops these at the source
                }
                ByteBuffer value = ByteBuffer.allocate(view.size(name));
                view.read(name, value);
                value.flip();
                byte[] bytes = new byte[value.remaining()];
                value.get(bytes);
                result.put(fullName, HexFormat.of().formatHex(bytes));
            }
        } catch (UnsupportedOperationException e) {
            return result; // file system without xattr support: fsutil ignores ENOTSUP too
        } catch (FileSystemException e) {
            if (e.getReason() != null && e.getReason().contains("not supported")) {
                return result;
            }
            throw e;
        }
        return result;
    }

    private static void streamInto(Path file, MessageDigest whole, MessageDigest content) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                whole.update(buffer, 0, n);
                content.update(buffer, 0, n);
            }
        }
    }
}
