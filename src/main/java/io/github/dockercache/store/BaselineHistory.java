package io.github.dockercache.store;

import io.github.dockercache.model.HistoryEntry;
import io.github.dockercache.model.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Merges a new snapshot into a baseline's history: BuildKit keeps earlier results until garbage
 * collection, so reverting a change hits the cache again, and a baseline remembers the last builds.
 */
public final class BaselineHistory {
    public static final int DEFAULT_SIZE = 10;

    private BaselineHistory() {}

    /**
     * The baseline to write: the new snapshot, with a history of its own keys first, then those of
     * {@code previous} (null when starting afresh), at most {@code size} entries.
     */
    public static Snapshot merge(Snapshot snapshot, Snapshot previous, String recordedAt, String commit, int size) {
        HistoryEntry entry = new HistoryEntry(
                recordedAt,
                commit,
                snapshot.steps().stream()
                        .map(step -> step.keys().key())
                        .filter(Objects::nonNull)
                        .toList(),
                snapshot.steps().stream()
                        .map(step -> step.keys().optimisticKey())
                        .toList());
        List<HistoryEntry> history = new ArrayList<>(List.of(entry));
        if (previous != null) {
            for (HistoryEntry older : previous.builds()) {
                boolean sameBuild = older.keys().equals(entry.keys())
                        && older.optimisticKeys().equals(entry.optimisticKeys());
                if (!sameBuild && history.size() < size) {
                    history.add(older);
                }
            }
        }
        return snapshot.withHistory(history);
    }
}
