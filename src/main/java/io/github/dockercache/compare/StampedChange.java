package io.github.dockercache.compare;

import io.github.dockercache.model.FileInfo;
import io.github.dockercache.model.StampedParts;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * What changed inside a file that build tools stamp with the build time: a jar built without a fixed timestamp, a
 * generated {@code git.properties} or {@code build-info.properties}. Such a file differs on every build although
 * nothing in it changed, which busts every COPY of it; this names the stamps that moved, or the parts that really
 * changed.
 */
final class StampedChange {
    private static final int PARTS_SHOWN = 3;

    private StampedChange() {}

    static Cause cause(String path, FileInfo then, FileInfo now, List<String> sources) {
        SortedMap<String, String> before = then.parts();
        SortedMap<String, String> after = now.parts();
        List<String> changed = new ArrayList<>();
        List<String> restamped = new ArrayList<>();
        for (String name : union(before, after)) {
            String old = before.get(name);
            String current = after.get(name);
            if (Objects.equals(old, current)) {
                continue;
            }
            if (old != null && current != null
                    && StampedParts.checksum(old).equals(StampedParts.checksum(current))) {
                restamped.add(name + " '" + StampedParts.stamp(old) + "' -> '" + StampedParts.stamp(current) + "'");
            } else {
                changed.add(name);
            }
        }
        if (!changed.isEmpty()) {
            return new Cause(CauseKind.FILE_CONTENT, path, then.content(), now.content(),
                    path + " content changed: " + changed.size() + (changed.size() == 1 ? " entry differs (" : " entries differ (")
                            + shown(changed) + ")", Advice.forPath(path, sources));
        }
        if (restamped.isEmpty() && StampedParts.isKeyValueText(path)) {
            // the same lines in another order: a real edit as far as anyone can tell
            return new Cause(CauseKind.FILE_CONTENT, path, then.content(), now.content(),
                    path + " content changed: the same entries in another order", Advice.forPath(path, sources));
        }
        String which = restamped.isEmpty() ? "its packing (no entry changed)" : "build-time stamps: " + shown(restamped);
        return new Cause(CauseKind.BUILD_TIMESTAMPS, path, then.content(), now.content(), path + " differs only in " + which,
                Advice.forBuildTimestamps(path));
    }

    private static TreeSet<String> union(SortedMap<String, String> a, SortedMap<String, String> b) {
        TreeSet<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        return names;
    }

    private static String shown(List<String> items) {
        String shown = String.join(", ", items.subList(0, Math.min(PARTS_SHOWN, items.size())));
        return items.size() > PARTS_SHOWN ? shown + " and " + (items.size() - PARTS_SHOWN) + " more" : shown;
    }
}
