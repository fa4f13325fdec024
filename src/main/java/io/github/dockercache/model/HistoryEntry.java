package io.github.dockercache.model;

import java.util.List;

/**
 * The keys of one recorded build.
 *
 * @param recordedAt when it was recorded, ISO-8601 UTC
 * @param commit the commit it was recorded at, or null when unknown
 * @param keys every step key of that build
 * @param optimisticKeys every optimistic key of that build
 */
public record HistoryEntry(String recordedAt, String commit, List<String> keys, List<String> optimisticKeys) {

    /** How people see the entry: {@code 2026-11-20 10:15 UTC, commit 1a2b3c4d5e6f}. */
    public String describe() {
        String when = recordedAt == null
                ? "an earlier build"
                : recordedAt.replace('T', ' ').replaceFirst(":\\d\\d(\\.\\d+)?Z$", " UTC");
        return commit == null ? when : when + ", commit " + commit;
    }
}
