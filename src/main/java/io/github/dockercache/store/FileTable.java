package io.github.dockercache.store;

import io.github.dockercache.context.SortedArrayMap;
import io.github.dockercache.model.FileInfo;
import io.github.dockercache.model.StepSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * The compact form of a snapshot's context entries (format version 2, docs/snapshot-format.md): every path any step
 * reads, sorted and prefix-coded, then one column per attribute (type, mode, size, content digest, entry digest,
 * symlink target), then each step's paths as indexes into that list; cut into {@link Chunks}, each deflated and in
 * base64, so that the snapshot stays one JSON text and an edit changes few of its lines.
 *
 * <p>Digests of context entries are cut short ({@value #CONTENT_BYTES} and {@value #ENTRY_BYTES} bytes): they only
 * explain a difference, which the step keys, kept whole, decide; docs/snapshot-format.md says what the odds are.
 * {@link FileInfo#sameDigest} compares a short digest with a whole one.
 *
 * <p>One file: the encoder and the decoder of one format, with its varint streams, change together.
 */
final class FileTable {
    /** The bytes kept of a context entry's content digest: enough to tell a changed file (or a renamed one) apart. */
    static final int CONTENT_BYTES = 6;
    /**
     * The bytes kept of its entry digest (BuildKit's checksum of header and content), which only tells a change of
     * owner, extended attributes or device numbers, where type, mode, size, content and link target stay the same.
     */
    static final int ENTRY_BYTES = 2;

    private static final int MAGIC = 0xDC02;
    private static final String[] TYPES = {"file", "dir", "symlink", "chardev", "blockdev", "fifo"};
    private static final int NO_INFO = 0;
    private static final int HAS_CONTENT = 0x10;
    private static final int HAS_DIGEST = 0x20;
    private static final int HAS_TARGET = 0x40;
    private static final int TYPE_BITS = 0x0f;
    private static final HexFormat HEX = HexFormat.of();

    private FileTable() {}

    /** The table's chunks, and the entries kept whole instead ({@link #isDetailed}). */
    record Encoded(List<String> chunks, SortedMap<String, FileInfo> detailed) {}

    /** The paths and entries of {@code files} (sorted by path, as Java sorts strings) and of {@code steps}. */
    static Encoded encode(SortedMap<String, FileInfo> files, List<StepSnapshot> steps) throws IOException {
        // one pass over the entries: a snapshot's are made when read, two digests formatted each time
        String[] keys = new String[files.size()];
        FileInfo[] entries = new FileInfo[files.size()];
        int k = 0;
        for (Map.Entry<String, FileInfo> entry : files.entrySet()) {
            keys[k] = entry.getKey();
            entries[k++] = entry.getValue();
        }
        TreeSet<String> unrecorded = new TreeSet<>();
        for (StepSnapshot step : steps) {
            int last = -1;
            for (String path : step.reads().files()) {
                int at = indexOf(keys, path, last);
                if (at < 0) {
                    unrecorded.add(path);
                } else {
                    last = at;
                }
            }
        }
        String[] paths = keys;
        FileInfo[] infos = entries;
        if (!unrecorded.isEmpty()) {
            TreeSet<String> all = new TreeSet<>(unrecorded);
            all.addAll(Arrays.asList(keys));
            paths = all.toArray(String[]::new);
            infos = new FileInfo[paths.length];
            for (int i = 0; i < paths.length; i++) {
                int at = Arrays.binarySearch(keys, paths[i]);
                infos[i] = at < 0 ? null : entries[at];
            }
        }
        SortedMap<String, FileInfo> detailed = new TreeMap<>();
        for (int i = 0; i < paths.length; i++) {
            if (infos[i] != null && isDetailed(infos[i])) {
                detailed.put(paths[i], infos[i]);
                infos[i] = null;
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(paths.length * 48 + 64);
        try (Out out = new Out(bytes)) {
            out.varint(MAGIC);
            out.varint(paths.length);
            String previous = "";
            for (String path : paths) {
                int shared = sharedPrefix(previous, path);
                byte[] suffix = path.substring(shared).getBytes(StandardCharsets.UTF_8);
                out.varint(shared);
                out.varint(suffix.length);
                out.write(suffix);
                previous = path;
            }
            for (FileInfo info : infos) {
                out.write(info == null ? NO_INFO : flags(info));
            }
            for (FileInfo info : infos) {
                if (info != null) {
                    out.varint(Integer.parseInt(info.mode(), 8));
                }
            }
            for (FileInfo info : infos) {
                if (info != null) {
                    out.varlong(info.size());
                }
            }
            for (FileInfo info : infos) {
                if (info != null && info.content() != null) {
                    out.write(digestBytes(info.content(), CONTENT_BYTES));
                }
            }
            for (FileInfo info : infos) {
                if (info != null && info.digest() != null) {
                    out.write(digestBytes(info.digest(), ENTRY_BYTES));
                }
            }
            for (FileInfo info : infos) {
                if (info != null && info.target() != null) {
                    out.string(info.target());
                }
            }
            out.varint(steps.size());
            for (StepSnapshot step : steps) {
                out.varint(step.reads().files().size());
                int last = 0;
                for (String path : step.reads().files()) {
                    int index = indexOf(paths, path, last);
                    out.varint((index - last) << 1 ^ (index - last) >> 31); // zigzag: a list need not be sorted
                    last = index;
                }
            }
        }
        return new Encoded(Chunks.deflate(bytes.toByteArray()), detailed);
    }

    /**
     * Where {@code path} is in {@code sorted} (as {@link Arrays#binarySearch}); first tried just after {@code before},
     * where it mostly is: a step reads a directory's entries in walk order, which is nearly the order of the table.
     */
    private static int indexOf(String[] sorted, String path, int before) {
        return before + 1 < sorted.length && before >= -1 && sorted[before + 1].equals(path)
                ? before + 1
                : Arrays.binarySearch(sorted, path);
    }

    /** An entry whose details an explanation reads beyond the table's columns: the parts of an archive or stamped file. */
    static boolean isDetailed(FileInfo info) {
        return info.parts() != null || info.manifest() != null;
    }

    /** What a table holds: the entries (with {@code detailed} merged in) and each step's paths. */
    record Decoded(SortedMap<String, FileInfo> files, List<List<String>> stepFiles) {}

    /**
     * Reads a table written by {@link #encode}; {@code maxBytes} and {@code maxPaths} bound what a damaged or hostile
     * one can make this read.
     *
     * @throws IllegalArgumentException with what is wrong, when the table is not one
     */
    static Decoded decode(List<String> table, Map<String, FileInfo> detailed, long maxBytes, long maxPaths) {
        In in = new In(Chunks.inflate(table, maxBytes));
        if (in.varint() != MAGIC) {
            throw new IllegalArgumentException("its file table is not one this plugin wrote");
        }
        int count = in.count(maxPaths);
        String[] paths = new String[count];
        PathReader pathReader = new PathReader(in, maxBytes);
        for (int i = 0; i < count; i++) {
            paths[i] = pathReader.next();
        }
        byte[] flags = in.copy(count);
        int withInfo = 0;
        int files = 0;
        int digestCount = 0;
        int links = 0;
        for (byte f : flags) {
            int type = f & TYPE_BITS;
            if (type > TYPES.length || (type == NO_INFO && f != NO_INFO) || (f & 0x80) != 0) {
                throw new IllegalArgumentException("its file table has an entry of no known type");
            }
            withInfo += type == NO_INFO ? 0 : 1;
            files += (f & HAS_CONTENT) != 0 ? 1 : 0;
            digestCount += (f & HAS_DIGEST) != 0 ? 1 : 0;
            links += (f & HAS_TARGET) != 0 ? 1 : 0;
        }
        int[] modes = new int[count];
        long[] sizes = new long[count];
        for (int i = 0; i < count; i++) {
            if (flags[i] != NO_INFO) {
                modes[i] = in.varint();
                if (modes[i] > 07777777) {
                    throw new IllegalArgumentException(
                            "the file " + SnapshotJson.quote(paths[i]) + " has a mode that is not octal");
                }
            }
        }
        for (int i = 0; i < count; i++) {
            if (flags[i] != NO_INFO) {
                sizes[i] = in.varlong();
            }
        }
        byte[] contents = in.copy(files * CONTENT_BYTES);
        byte[] digests = in.copy(digestCount * ENTRY_BYTES);
        String[] targets = new String[links];
        for (int i = 0; i < links; i++) {
            int length = in.count(maxBytes);
            targets[i] = new String(in.bytes, in.skip(length), length, StandardCharsets.UTF_8);
        }
        // FileInfo objects are made when read: an explanation reads a few of a context's entries
        String[] keys = new String[withInfo + detailed.size()];
        int[] rows = new int[keys.length];
        int[] contentAt = new int[keys.length];
        int[] digestAt = new int[keys.length];
        int[] targetAt = new int[keys.length];
        int keyCount = 0;
        int content = 0;
        int digest = 0;
        int target = 0;
        boolean anyDetailed = !detailed.isEmpty();
        for (int i = 0; i < count; i++) {
            int f = flags[i];
            if (f != NO_INFO || (anyDetailed && detailed.containsKey(paths[i]))) {
                rows[keyCount] = i;
                contentAt[keyCount] = content;
                digestAt[keyCount] = digest;
                targetAt[keyCount] = target;
                keys[keyCount++] = paths[i];
            }
            content += (f & HAS_CONTENT) != 0 ? 1 : 0;
            digest += (f & HAS_DIGEST) != 0 ? 1 : 0;
            target += (f & HAS_TARGET) != 0 ? 1 : 0;
        }
        if (keyCount != keys.length) {
            throw new IllegalArgumentException("its file table does not list every file of its details");
        }
        IntFunction<FileInfo> info = k -> {
            int i = rows[k];
            int f = flags[i];
            if (f == NO_INFO) {
                return detailed.get(paths[i]);
            }
            return new FileInfo(
                    TYPES[(f & TYPE_BITS) - 1],
                    FileInfo.octal(modes[i]),
                    sizes[i],
                    (f & HAS_CONTENT) != 0 ? digest(contents, contentAt[k], CONTENT_BYTES) : null,
                    (f & HAS_TARGET) != 0 ? targets[targetAt[k]] : null,
                    (f & HAS_DIGEST) != 0 ? digest(digests, digestAt[k], ENTRY_BYTES) : null,
                    null,
                    null);
        };
        int stepCount = in.count(maxPaths);
        List<List<String>> stepFiles = new ArrayList<>(stepCount);
        for (int s = 0; s < stepCount; s++) {
            int[] indexes = new int[in.count(count)];
            int last = 0;
            for (int i = 0; i < indexes.length; i++) {
                int delta = in.varint();
                last += delta >>> 1 ^ -(delta & 1);
                if (last < 0 || last >= count) {
                    throw new IllegalArgumentException("its file table has a step reading a path it does not list");
                }
                indexes[i] = last;
            }
            stepFiles.add(new PathList(paths, indexes));
        }
        if (in.position < in.bytes.length) {
            throw new IllegalArgumentException("its file table has more after its end");
        }
        return new Decoded(new SortedArrayMap<>(keys, keyCount, Comparator.naturalOrder(), info), stepFiles);
    }

    /**
     * Reads the table's paths, each from the characters it shares with the one before and the rest. A method called per
     * path, not the body of the loop over them: a fresh JVM compiles a method called a few hundred times, but runs a
     * loop in the interpreter for tens of thousands of rounds before it compiles the loop.
     */
    private static final class PathReader {
        private final In in;
        private final long maxBytes;
        private String previous;
        /** The previous path in UTF-8: while it is ASCII (as long in bytes as in characters), the next one is made there. */
        private byte[] bytes = new byte[256];

        private int length;

        PathReader(In in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        String next() {
            int shared = in.varint();
            if (shared > (previous == null ? 0 : previous.length())) {
                throw new IllegalArgumentException("its file table has a path out of order");
            }
            int suffixLength = in.count(maxBytes);
            int suffixAt = in.skip(suffixLength);
            String path;
            if (previous == null || previous.length() == length) {
                // one string made per path, not three
                if (shared + suffixLength > bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, shared + suffixLength));
                }
                System.arraycopy(in.bytes, suffixAt, bytes, shared, suffixLength);
                length = shared + suffixLength;
                // the prefix is ASCII: when the rest is too, the path is made without the check of every byte that
                // decoding UTF-8 makes (half of making a path in a fresh JVM, where that check is not compiled yet)
                path = new String(
                        bytes,
                        0,
                        length,
                        isAscii(in.bytes, suffixAt, suffixLength)
                                ? StandardCharsets.ISO_8859_1
                                : StandardCharsets.UTF_8);
            } else {
                path = previous.substring(0, shared)
                        .concat(new String(in.bytes, suffixAt, suffixLength, StandardCharsets.UTF_8));
                bytes = path.getBytes(StandardCharsets.UTF_8);
                length = bytes.length;
            }
            // the shared prefix is the previous path's, already checked: only what follows it needs a look
            int partStart = shared == 0 ? 0 : previous.lastIndexOf('/', shared - 1) + 1;
            if (path.isEmpty()
                    || (previous != null && !after(path, previous, shared))
                    || !SnapshotValidation.isContextPath(path, partStart)) {
                throw new IllegalArgumentException("its file table names " + SnapshotJson.quote(path)
                        + ", which is not a path inside a build context, or not in order");
            }
            previous = path;
            return path;
        }
    }

    /** One step's paths, as indexes into the table's: no string per step and path. */
    private static final class PathList extends AbstractList<String> implements RandomAccess {
        private final String[] paths;
        private final int[] indexes;

        PathList(String[] paths, int[] indexes) {
            this.paths = paths;
            this.indexes = indexes;
        }

        @Override
        public String get(int index) {
            return paths[indexes[index]];
        }

        @Override
        public int size() {
            return indexes.length;
        }
    }

    private static int flags(FileInfo info) {
        int type = Arrays.asList(TYPES).indexOf(info.type()) + 1;
        return type
                | (info.content() != null ? HAS_CONTENT : 0)
                | (info.digest() != null ? HAS_DIGEST : 0)
                | (info.target() != null ? HAS_TARGET : 0);
    }

    private static boolean isAscii(byte[] bytes, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code path} sorts after {@code previous}, whose first {@code shared} characters it has. */
    private static boolean after(String path, String previous, int shared) {
        int max = Math.min(path.length(), previous.length());
        for (int i = shared; i < max; i++) {
            if (path.charAt(i) != previous.charAt(i)) {
                return path.charAt(i) > previous.charAt(i);
            }
        }
        return path.length() > previous.length();
    }

    private static int sharedPrefix(String a, String b) {
        int max = Math.min(a.length(), b.length());
        int i = 0;
        while (i < max && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        // never split a surrogate pair: the suffix is written as UTF-8 on its own
        return i > 0 && Character.isHighSurrogate(a.charAt(i - 1)) ? i - 1 : i;
    }

    /** The first {@code length} bytes of a {@code sha256:} digest, whole or already short. */
    private static byte[] digestBytes(String digest, int length) {
        return HEX.parseHex(digest, "sha256:".length(), "sha256:".length() + 2 * length);
    }

    private static String digest(byte[] column, int index, int length) {
        return "sha256:" + HEX.formatHex(column, index * length, (index + 1) * length);
    }

    private static final class Out extends java.io.DataOutputStream {
        Out(OutputStream out) {
            super(out);
        }

        void varint(int value) throws IOException {
            varlong(value & 0xffffffffL);
        }

        void varlong(long value) throws IOException {
            long rest = value;
            while ((rest & ~0x7fL) != 0) {
                write((int) (rest & 0x7f) | 0x80);
                rest >>>= 7;
            }
            write((int) rest);
        }

        void string(String value) throws IOException {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length);
            write(utf8);
        }
    }

    /**
     * The inflated table, read from an index into it: no stream per byte (a fresh JVM interprets every call on the way
     * to a byte until it has compiled them, which made reading the table of a large context several times slower).
     */
    private static final class In {
        private final byte[] bytes;
        private int position;

        In(byte[] bytes) {
            this.bytes = bytes;
        }

        /** Where the next {@code length} bytes start; moves past them. */
        int skip(int length) {
            if (length > bytes.length - position) {
                throw new IllegalArgumentException("its file table is truncated");
            }
            int at = position;
            position += length;
            return at;
        }

        /** The next {@code length} bytes, copied: the table's columns outlive the inflated bytes. */
        byte[] copy(int length) {
            int at = skip(length);
            return Arrays.copyOfRange(bytes, at, at + length);
        }

        int varint() {
            long value = varlong();
            if (value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("its file table has a number out of range");
            }
            return (int) value;
        }

        /** A count of things to read, at most {@code max}. */
        int count(long max) {
            int value = varint();
            if (value > max) {
                throw new IllegalArgumentException(
                        "its file table has more entries than a snapshot can have in this heap");
            }
            return value;
        }

        long varlong() {
            long value = 0;
            for (int shift = 0; shift < 63; shift += 7) {
                if (position == bytes.length) {
                    throw new IllegalArgumentException("its file table is truncated");
                }
                int b = bytes[position++];
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("its file table has a number out of range");
        }
    }
}
