package io.github.dockercache.model;

import io.github.dockercache.context.FileEntry;
import io.github.dockercache.context.SortedArrayMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The context entries the steps read, which a snapshot keeps for explanations. A context has up to millions
 * of entries: their paths are kept as recorded and their {@link FileInfo} made when read from the context's
 * own compact entries, instead of a summary object with two digest strings per path. Only the parts of
 * archives and stamped text files, read from disk, are kept aside.
 */
final class RecordedFiles {
    private final SortedMap<String, FileEntry> context;
    private final Path contextDir;
    private final List<String> paths = new ArrayList<>();
    private final Map<String, PartsSummary> parts = new HashMap<>();

    /** {@code context}: every entry of the context, which is read at {@code contextDir} (null: not on disk). */
    RecordedFiles(SortedMap<String, FileEntry> context, Path contextDir) {
        this.context = context;
        this.contextDir = contextDir;
    }

    void add(FileEntry entry) {
        paths.add(entry.path());
        if (!parts.containsKey(entry.path())) {
            PartsSummary entryParts = FileInfos.parts(entry, contextDir);
            if (entryParts != null) {
                parts.put(entry.path(), entryParts);
            }
        }
    }

    /** Every recorded path once, in string order (as a snapshot file lists them), to its summary. */
    SortedMap<String, FileInfo> toMap() {
        String[] keys = paths.toArray(String[]::new);
        paths.clear();
        Arrays.sort(keys);
        int count = 0;
        for (String key : keys) {
            if (count == 0 || !keys[count - 1].equals(key)) {
                keys[count++] = key;
            }
        }
        String[] distinct = Arrays.copyOf(keys, count);
        return new SortedArrayMap<>(
                distinct,
                count,
                Comparator.naturalOrder(),
                i -> FileInfos.of(context.get(distinct[i]), parts.get(distinct[i])));
    }
}
