package io.github.dockercache.compare;

import io.github.dockercache.model.FileInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * What changed inside a jar, war or zip: jars built without a fixed timestamp differ on every build although no
 * class changed, which busts every COPY of them.
 */
final class ArchiveChange {
    private static final int NAMES_SHOWN = 3;

    private ArchiveChange() {}

    static Cause cause(String path, FileInfo then, FileInfo now) {
        SortedMap<String, String> before = then.archiveEntries();
        SortedMap<String, String> after = now.archiveEntries();
        List<String> changed = new ArrayList<>();
        List<String> restamped = new ArrayList<>();
        for (String name : new TreeSet<>(union(before, after))) {
            String old = before.get(name);
            String current = after.get(name);
            if (Objects.equals(old, current)) {
                continue;
            }
            if (old != null && current != null && crc(old).equals(crc(current))) {
                restamped.add(name);
            } else {
                changed.add(name);
            }
        }
        if (changed.isEmpty()) {
            String which = restamped.isEmpty() ? "its packing (no entry changed)" : "the timestamps of its entries ("
                    + names(restamped) + ")";
            return new Cause(CauseKind.ARCHIVE_TIMESTAMPS, path, then.content(), now.content(),
                    path + " differs only in " + which, Advice.REPRODUCIBLE_ARCHIVES, false);
        }
        return new Cause(CauseKind.FILE_CONTENT, path, then.content(), now.content(),
                path + " content changed: " + changed.size() + " entr" + (changed.size() == 1 ? "y" : "ies") + " differ ("
                        + names(changed) + ")", null, false);
    }

    private static TreeSet<String> union(SortedMap<String, String> a, SortedMap<String, String> b) {
        TreeSet<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        return names;
    }

    private static String crc(String summary) {
        return summary.substring(0, summary.indexOf('@'));
    }

    private static String names(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())));
        return names.size() > NAMES_SHOWN ? shown + " and " + (names.size() - NAMES_SHOWN) + " more" : shown;
    }
}
