package io.github.dockercache.compare;

import io.github.dockercache.model.StampedParts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which entries of an archive (or keys of a generated text file) a change added, removed, changed, or only
 * re-stamped with another build time: the facts behind a cause, for people and for tools that decide whether a
 * change was expected (a dependency jar under {@code BOOT-INF/lib} added or removed).
 *
 * @param added entries only the current version has, in name order
 * @param removed entries only the baseline has
 * @param changed entries whose content differs
 * @param restamped entries whose content is the same but whose build-time stamp moved
 */
public record EntryChanges(List<String> added, List<String> removed, List<String> changed, List<String> restamped) {
    /** Names shown in one sentence; the lists keep all of them. */
    private static final int NAMES_SHOWN = 6;

    public EntryChanges {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        restamped = List.copyOf(restamped);
    }

    /**
     * The changes between two summaries of a file, part name to {@code checksum@stamp} as {@link StampedParts} records
     * them; null for a side that is not known reads as empty.
     */
    public static EntryChanges between(SortedMap<String, String> before, SortedMap<String, String> after) {
        SortedMap<String, String> then = before == null ? new TreeMap<>() : before;
        SortedMap<String, String> now = after == null ? new TreeMap<>() : after;
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> restamped = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(then.keySet());
        names.addAll(now.keySet());
        for (String name : names) {
            String old = then.get(name);
            String current = now.get(name);
            if (Objects.equals(old, current)) {
                continue;
            }
            if (old == null) {
                added.add(name);
            } else if (current == null) {
                removed.add(name);
            } else if (StampedParts.checksum(old).equals(StampedParts.checksum(current))) {
                restamped.add(name);
            } else {
                changed.add(name);
            }
        }
        return new EntryChanges(added, removed, changed, restamped);
    }

    /** True when some entry was added, removed or changed: more than build-time stamps moved. */
    public boolean hasContentChanges() {
        return !added.isEmpty() || !removed.isEmpty() || !changed.isEmpty();
    }

    /**
     * The content changes as people read them, grouped by directory: {@code BOOT-INF/lib: added guava-20.0.jar;
     * removed guava-19.0.jar; BOOT-INF/classes: changed app.properties}; re-stamped entries are left out. At most
     * {@value #NAMES_SHOWN} names, then how many more.
     */
    public String describe() {
        return describe(false);
    }

    /**
     * As {@link #describe()}; with {@code restampedToo} the re-stamped entries are named as well ({@code re-stamped
     * demo-lib-1.0-SNAPSHOT.jar}): where a whole nested jar was built again, that is what changed.
     */
    public String describe(boolean restampedToo) {
        Map<String, Map<String, List<String>>> byDirectory = new TreeMap<>();
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        byKind.put("added", added);
        byKind.put("removed", removed);
        byKind.put("changed", changed);
        if (restampedToo) {
            byKind.put("re-stamped", restamped);
        }
        byKind.forEach((kind, names) -> {
            for (String name : names) {
                String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
                int slash = trimmed.lastIndexOf('/');
                byDirectory
                        .computeIfAbsent(slash < 0 ? "" : trimmed.substring(0, slash), d -> new LinkedHashMap<>())
                        .computeIfAbsent(kind, k -> new ArrayList<>())
                        .add(name.substring(slash + 1));
            }
        });
        List<String> groups = new ArrayList<>();
        int shown = 0;
        for (Map.Entry<String, Map<String, List<String>>> directory : byDirectory.entrySet()) {
            List<String> kinds = new ArrayList<>();
            for (Map.Entry<String, List<String>> kind : directory.getValue().entrySet()) {
                List<String> names = kind.getValue();
                List<String> listed = names.subList(0, Math.min(names.size(), NAMES_SHOWN - shown));
                if (!listed.isEmpty()) {
                    kinds.add(kind.getKey() + " " + String.join(", ", listed));
                    shown += listed.size();
                }
            }
            if (!kinds.isEmpty()) {
                groups.add((directory.getKey().isEmpty() ? "" : directory.getKey() + ": ") + String.join("; ", kinds));
            }
        }
        int total = added.size() + removed.size() + changed.size() + (restampedToo ? restamped.size() : 0);
        String text = String.join("; ", groups);
        return shown < total ? text + " and " + (total - shown) + " more" : text;
    }
}
