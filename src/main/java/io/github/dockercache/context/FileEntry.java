package io.github.dockercache.context;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.SortedMap;

/**
 * One entry of the build context as BuildKit receives and hashes it (cache-model §3.2, §3.3). The digests are kept as
 * bytes (a context has up to millions of entries) and spelled {@code sha256:<hex>} only when asked; equal
 * entries are equal in every field.
 */
public final class FileEntry {
    /** Bytes per entry: the content digest, then the entry digest. */
    static final int DIGEST_BYTES = 64;

    static final int CONTENT_OFFSET = 0;
    static final int DIGEST_OFFSET = 32;

    private final String path;
    private final EntryType type;
    private final int mode;
    private final long size;
    private final Extra extra;
    private final byte[] digests;
    private final int digestsOffset;

    /**
     * What few entries have: a link target, device numbers, extended attributes; and what only the legacy builder's
     * client tells apart: a socket (BuildKit's sends it as an empty file, the legacy one leaves it out) and a hard
     * link's first name (BuildKit hashes a hard link like its file, the legacy builder as a link).
     */
    record Extra(
            String linkTarget,
            int devMajor,
            int devMinor,
            SortedMap<String, String> xattrs,
            boolean socket,
            String hardLinkOf) {
        static final Extra NONE = new Extra(null, 0, 0, EntryHeader.NO_XATTRS, false, null);

        /** NONE when there is nothing to keep, so that plain entries share it. */
        static Extra of(
                String linkTarget,
                int devMajor,
                int devMinor,
                SortedMap<String, String> xattrs,
                boolean socket,
                String hardLinkOf) {
            return linkTarget == null
                            && devMajor == 0
                            && devMinor == 0
                            && xattrs.isEmpty()
                            && !socket
                            && hardLinkOf == null
                    ? NONE
                    : new Extra(linkTarget, devMajor, devMinor, xattrs, socket, hardLinkOf);
        }
    }

    /** {@code digests} holds {@link #DIGEST_BYTES} at {@code digestsOffset}: content digest (files only), digest. */
    FileEntry(String path, EntryType type, int mode, long size, Extra extra, byte[] digests, int digestsOffset) {
        this.path = path;
        this.type = type;
        this.mode = mode;
        this.size = size;
        this.extra = extra;
        this.digests = digests;
        this.digestsOffset = digestsOffset;
    }

    /** Relative to the context root, {@code /}-separated, no leading or trailing slash. */
    public String path() {
        return path;
    }

    public EntryType type() {
        return type;
    }

    /** Permission bits plus setuid (04000), setgid (02000) and sticky (01000), as the client sends them. */
    public int mode() {
        return mode;
    }

    /** Byte length for regular files, 0 otherwise. */
    public long size() {
        return size;
    }

    /** The symlink target exactly as stored, or null. */
    public String linkTarget() {
        return extra.linkTarget();
    }

    /** Device major number, 0 unless a device. */
    public int devMajor() {
        return extra.devMajor();
    }

    /** Device minor number, 0 unless a device. */
    public int devMinor() {
        return extra.devMinor();
    }

    /** The extended attributes BuildKit keeps, name to value bytes as lowercase hex. */
    public SortedMap<String, String> xattrs() {
        return extra.xattrs();
    }

    /** True for a unix socket, which BuildKit's client sends as an empty regular file ({@link #type} FILE). */
    public boolean isSocket() {
        return extra.socket();
    }

    /**
     * For the second or later name of a file with several (hard links), in the order the context is sent, the first
     * name; else null.
     */
    public String hardLinkOf() {
        return extra.hardLinkOf();
    }

    /** {@code sha256:<hex>} of the file bytes for regular files, else null. */
    public String contentDigest() {
        return type == EntryType.FILE ? Digests.format(digests, digestsOffset + CONTENT_OFFSET) : null;
    }

    /** {@code sha256:<hex>} of BuildKit's header for this entry followed by its bytes. */
    public String digest() {
        return Digests.format(digests, digestsOffset + DIGEST_OFFSET);
    }

    /** Hashes the spelled {@link #digest()} without making a String: directory digests hash every child's. */
    void updateWithDigest(MessageDigest sha) {
        Digests.updateSpelled(sha, digests, digestsOffset + DIGEST_OFFSET);
    }

    Extra extra() {
        return extra;
    }

    /** Copies both digests into {@code target} at {@code offset}. */
    void copyDigests(byte[] target, int offset) {
        System.arraycopy(digests, digestsOffset, target, offset, DIGEST_BYTES);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileEntry that
                && path.equals(that.path)
                && type == that.type
                && mode == that.mode
                && size == that.size
                && extra.equals(that.extra)
                && Arrays.equals(
                        digests,
                        digestsOffset + (type == EntryType.FILE ? 0 : DIGEST_OFFSET),
                        digestsOffset + DIGEST_BYTES,
                        that.digests,
                        that.digestsOffset + (type == EntryType.FILE ? 0 : DIGEST_OFFSET),
                        that.digestsOffset + DIGEST_BYTES);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, type, mode, size) * 31 + digests[digestsOffset + DIGEST_OFFSET];
    }

    @Override
    public String toString() {
        return "FileEntry[path=" + path + ", type=" + type + ", mode=" + Integer.toOctalString(mode) + ", size=" + size
                + ", linkTarget=" + linkTarget() + ", xattrs=" + xattrs() + ", digest=" + digest() + "]";
    }
}
