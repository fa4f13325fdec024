package io.github.dockercache.compare;

import io.github.dockercache.model.FileInfo;
import io.github.dockercache.model.StampedParts;
import java.util.Comparator;
import java.util.List;

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
        EntryChanges entries = EntryChanges.between(then.parts(), now.parts());
        if (entries.hasContentChanges()) {
            return new Cause(
                    CauseKind.FILE_CONTENT,
                    path,
                    then.content(),
                    now.content(),
                    path + " content changed: " + entries.describe(),
                    Advice.forPath(path, sources),
                    null,
                    entries);
        }
        if (entries.restamped().isEmpty() && StampedParts.isKeyValueText(path)) {
            // the same lines in another order: a real edit as far as anyone can tell
            return new Cause(
                    CauseKind.FILE_CONTENT,
                    path,
                    then.content(),
                    now.content(),
                    path + " content changed: the same entries in another order",
                    Advice.forPath(path, sources),
                    null,
                    entries);
        }
        // in an archive, a generated file's own stamps (build.time) say more than entry times, files more than
        // directories
        Comparator<String> order = StampedParts.isKeyValueText(path)
                ? Comparator.naturalOrder()
                : Comparator.comparing((String name) ->
                                !StampedParts.stamp(now.parts().get(name)).contains(" "))
                        .thenComparing(name -> name.endsWith("/"));
        List<String> restamped = entries.restamped().stream()
                .sorted(order)
                .map(name -> name + " '" + StampedParts.stamp(then.parts().get(name)) + "' -> '"
                        + StampedParts.stamp(now.parts().get(name)) + "'")
                .toList();
        String which =
                restamped.isEmpty() ? "its packing (no entry changed)" : "build-time stamps: " + shown(restamped);
        String advice = StampedParts.isKeyValueText(path)
                ? Advice.forBuildTimestamps(path)
                : ReproducibleArchives.advice(path, now, entries.restamped());
        return new Cause(
                CauseKind.BUILD_TIMESTAMPS,
                path,
                then.content(),
                now.content(),
                path + " differs only in " + which,
                advice,
                null,
                entries);
    }

    private static String shown(List<String> items) {
        String shown = String.join(", ", items.subList(0, Math.min(PARTS_SHOWN, items.size())));
        return items.size() > PARTS_SHOWN ? shown + " and " + (items.size() - PARTS_SHOWN) + " more" : shown;
    }
}
