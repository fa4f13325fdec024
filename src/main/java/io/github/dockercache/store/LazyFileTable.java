package io.github.dockercache.store;

import io.github.dockercache.model.FileInfo;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.SortedMap;

/**
 * A baseline's file table decoded when a step's entries are first read. A check where every step is cached never reads
 * them (keys decide verdicts; entries only explain a miss), and decoding a large context's table was most of reading
 * its baseline. Damage is still found when the file is read, by the table's checksum; a table that matches its sum and
 * still does not decode fails with {@link DamagedTableException} where it is first read.
 */
final class LazyFileTable {
    private final Path file;
    private final List<String> chunks;
    private final Map<String, FileInfo> detailed;
    private final int steps;
    private volatile FileTable.Decoded decoded;

    /** The table of {@code file} with its {@code chunks}, its entries kept whole, and its number of steps. */
    LazyFileTable(Path file, List<String> chunks, Map<String, FileInfo> detailed, int steps) {
        this.file = file;
        this.chunks = chunks;
        this.detailed = detailed;
        this.steps = steps;
    }

    /** Every context entry of the table, decoded when first read. */
    SortedMap<String, FileInfo> files() {
        return new Files();
    }

    /** The paths step {@code index} reads, decoded when first read. */
    List<String> stepFiles(int index) {
        return new StepFiles(index);
    }

    private FileTable.Decoded decoded() {
        FileTable.Decoded table = decoded;
        return table != null ? table : decode(); // no lock per path once decoded
    }

    private synchronized FileTable.Decoded decode() {
        if (decoded == null) {
            try {
                decoded = SnapshotStore.decode(file, chunks, detailed, steps);
            } catch (SnapshotFormatException e) {
                throw new DamagedTableException(e);
            }
        }
        return decoded;
    }

    /** The entries; package-private for tests. */
    final class Files extends AbstractMap<String, FileInfo> implements SortedMap<String, FileInfo> {
        /** True once the table was decoded: a test's way to see that what never needed it did not decode it. */
        boolean isDecoded() {
            return decoded != null;
        }

        private SortedMap<String, FileInfo> map() {
            return decoded().files();
        }

        @Override
        public Set<Map.Entry<String, FileInfo>> entrySet() {
            return map().entrySet();
        }

        @Override
        public Set<String> keySet() {
            return map().keySet();
        }

        @Override
        public Collection<FileInfo> values() {
            return map().values();
        }

        @Override
        public int size() {
            return map().size();
        }

        @Override
        public FileInfo get(Object key) {
            return map().get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map().containsKey(key);
        }

        @Override
        public Comparator<? super String> comparator() {
            return map().comparator();
        }

        @Override
        public SortedMap<String, FileInfo> subMap(String fromKey, String toKey) {
            return map().subMap(fromKey, toKey);
        }

        @Override
        public SortedMap<String, FileInfo> headMap(String toKey) {
            return map().headMap(toKey);
        }

        @Override
        public SortedMap<String, FileInfo> tailMap(String fromKey) {
            return map().tailMap(fromKey);
        }

        @Override
        public String firstKey() {
            return map().firstKey();
        }

        @Override
        public String lastKey() {
            return map().lastKey();
        }
    }

    private final class StepFiles extends AbstractList<String> implements RandomAccess {
        private final int step;

        StepFiles(int step) {
            this.step = step;
        }

        @Override
        public String get(int index) {
            return decoded().stepFiles().get(step).get(index);
        }

        @Override
        public int size() {
            return decoded().stepFiles().get(step).size();
        }
    }
}
