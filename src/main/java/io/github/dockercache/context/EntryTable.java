package io.github.dockercache.context;

import java.security.MessageDigest;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The sent entries in BuildKit's key order, one column per field: a context has up to millions of entries,
 * and an object per entry with two digest strings costs about five times the bytes of these columns (a
 * million entries fit in about 150 MiB here). Digests are raw bytes in fixed-size chunks, so that growing
 * the table never copies them; the few entries with a link target, device numbers or xattrs keep those
 * aside. {@link FileEntry} objects are made on demand.
 */
final class EntryTable {
    private static final int CHUNK_ENTRIES = 4096;
    private static final int CHUNK_BYTES = CHUNK_ENTRIES * FileEntry.DIGEST_BYTES;
    private static final EntryType[] TYPES = EntryType.values();

    private String[] paths = new String[256];
    /** The type's ordinal above the 16 mode bits. */
    private int[] typeModes = new int[256];

    private long[] sizes = new long[256];
    private byte[][] digestChunks = new byte[16][];
    private final Map<Integer, FileEntry.Extra> extras = new HashMap<>();
    private int size;

    /** Appends the next entry; entries come in key order, as the walk visits them. */
    void add(FileEntry entry) {
        if (size > 0 && KeyOrder.PATHS.compare(paths[size - 1], entry.path()) >= 0) {
            throw new IllegalStateException(
                    "context entries out of key order: \"" + paths[size - 1] + "\" before \"" + entry.path() + "\"");
        }
        if (size == paths.length) {
            int capacity = size + (size >> 1);
            paths = Arrays.copyOf(paths, capacity);
            typeModes = Arrays.copyOf(typeModes, capacity);
            sizes = Arrays.copyOf(sizes, capacity);
        }
        int chunk = size / CHUNK_ENTRIES;
        if (chunk == digestChunks.length) {
            digestChunks = Arrays.copyOf(digestChunks, chunk * 2);
        }
        if (digestChunks[chunk] == null) {
            digestChunks[chunk] = new byte[CHUNK_BYTES];
        }
        paths[size] = entry.path();
        typeModes[size] = entry.type().ordinal() << 16 | entry.mode();
        sizes[size] = entry.size();
        if (entry.extra() != FileEntry.Extra.NONE) {
            extras.put(size, entry.extra());
        }
        entry.copyDigests(digestChunks[chunk], digestOffset(size));
        size++;
    }

    /** Drops the spare capacity of the growing columns once every entry is in. */
    void trim() {
        paths = Arrays.copyOf(paths, size);
        typeModes = Arrays.copyOf(typeModes, size);
        sizes = Arrays.copyOf(sizes, size);
    }

    int size() {
        return size;
    }

    String path(int index) {
        return paths[index];
    }

    /** The paths in key order; index {@code size()} and beyond are unused. */
    String[] paths() {
        return paths;
    }

    EntryType type(int index) {
        return TYPES[typeModes[index] >>> 16];
    }

    FileEntry entry(int index) {
        return new FileEntry(
                paths[index],
                type(index),
                typeModes[index] & 0xffff,
                sizes[index],
                extras.getOrDefault(index, FileEntry.Extra.NONE),
                digestChunks[index / CHUNK_ENTRIES],
                digestOffset(index));
    }

    /** Hashes the spelled digest of an entry, as {@link FileEntry#updateWithDigest} does. */
    void updateWithDigest(MessageDigest sha, int index) {
        Digests.updateSpelled(sha, digestChunks[index / CHUNK_ENTRIES], digestOffset(index) + FileEntry.DIGEST_OFFSET);
    }

    /** The index of the entry at a relative path, or -1. */
    int indexOf(String path) {
        int index = lowerBound(path);
        return index < size && paths[index].equals(path) ? index : -1;
    }

    /** The first index whose path is not before {@code path} in key order. */
    int lowerBound(String path) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (KeyOrder.PATHS.compare(paths[mid], path) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The index after the last entry below the directory at {@code index} (its contents follow it in key order). */
    int subtreeEnd(int index) {
        String prefix = paths[index] + "/";
        int lo = index + 1;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (paths[mid].startsWith(prefix)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The entries from {@code from} to {@code to}, made as they are read. */
    List<FileEntry> range(int from, int to) {
        return new Rows(null, from, to - from);
    }

    /** The entries at ascending {@code indices}, made as they are read. */
    List<FileEntry> rows(int[] indices) {
        return new Rows(indices, 0, indices.length);
    }

    private static int digestOffset(int index) {
        return index % CHUNK_ENTRIES * FileEntry.DIGEST_BYTES;
    }

    private final class Rows extends AbstractList<FileEntry> implements RandomAccess {
        private final int[] indices;
        private final int from;
        private final int count;

        Rows(int[] indices, int from, int count) {
            this.indices = indices;
            this.from = from;
            this.count = count;
        }

        @Override
        public FileEntry get(int i) {
            if (i < 0 || i >= count) {
                throw new IndexOutOfBoundsException(i);
            }
            return entry(indices == null ? from + i : indices[i]);
        }

        @Override
        public int size() {
            return count;
        }
    }
}
