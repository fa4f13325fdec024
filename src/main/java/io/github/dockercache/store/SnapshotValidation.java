package io.github.dockercache.store;

import io.github.dockercache.model.BaseImage;
import io.github.dockercache.model.Dependencies;
import io.github.dockercache.model.FileInfo;
import io.github.dockercache.model.HistoryEntry;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StageSnapshot;
import io.github.dockercache.model.StepSnapshot;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a hand edit, a bad merge or a damaged file breaks in a snapshot that is still valid JSON. The plugin only
 * ever writes sha256 keys and clean relative context paths, so anything else is refused rather than compared:
 * keys decide verdicts, and paths must never lead a comparison outside the build context.
 */
final class SnapshotValidation {
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    /** Permission and special bits as {@code %04o} writes them; explanations parse them as octal. */
    private static final Pattern MODE = Pattern.compile("[0-7]{1,7}");

    private static final Set<String> TYPES = Set.of("file", "dir", "symlink", "chardev", "blockdev", "fifo");

    private SnapshotValidation() {}

    /** Why the snapshot cannot be used, or null when it can. */
    static String damage(Snapshot snapshot) {
        if (snapshot.steps() == null) {
            return "its steps are incomplete";
        }
        Set<String> ids = new HashSet<>();
        for (StepSnapshot step : snapshot.steps()) {
            String damage = damage(step);
            if (damage != null) {
                return damage;
            }
            if (!ids.add(step.place().id())) {
                return "it has two steps with the id "
                        + SnapshotJson.quote(step.place().id());
            }
        }
        if (snapshot.files() != null) {
            for (Map.Entry<String, FileInfo> file : snapshot.files().entrySet()) {
                if (!isContextPath(file.getKey())) {
                    return "it names the file " + SnapshotJson.quote(file.getKey())
                            + ", which is not a path inside a build context";
                }
                String damage = damage(file.getValue());
                if (damage != null) {
                    return "the file " + SnapshotJson.quote(file.getKey()) + " " + damage;
                }
            }
        }
        for (StageSnapshot stage : nullAsEmpty(snapshot.stages())) {
            if (stage == null || stage.label() == null) {
                return "its stages are incomplete";
            }
        }
        String dependencies = damage(snapshot.dependencies());
        if (dependencies != null) {
            return dependencies;
        }
        for (HistoryEntry build : nullAsEmpty(snapshot.history())) {
            if (build == null || build.keys() == null || build.optimisticKeys() == null) {
                return "its history is incomplete";
            }
            if (!build.keys().stream().allMatch(SnapshotValidation::isDigest)
                    || !build.optimisticKeys().stream().allMatch(SnapshotValidation::isDigest)) {
                return "its history has a key that is not a sha256 digest";
            }
        }
        return null;
    }

    private static String damage(StepSnapshot step) {
        if (step == null
                || step.place().id() == null
                || step.keys().optimisticKey() == null
                || step.place().instruction() == null) {
            return "its steps are incomplete";
        }
        String damage = stepDamage(step);
        return damage == null ? null : "step " + SnapshotJson.quote(step.place().id()) + damage;
    }

    /** What is wrong with a step, to follow its name; the name is made only then (a baseline holds many steps). */
    private static String stepDamage(StepSnapshot step) {
        if ("FROM".equals(step.place().instruction()) && step.reads().inputs() != null) {
            try {
                BaseImage.recordedIn(step);
            } catch (IllegalArgumentException e) {
                return ": " + e.getMessage();
            }
        }
        if (!isDigest(step.keys().optimisticKey())
                || (step.keys().key() != null && !isDigest(step.keys().key()))
                || (step.keys().parentKey() != null && !isDigest(step.keys().parentKey()))) {
            return " has a key that is not a sha256 digest";
        }
        if (step.place().line() < 1 || step.place().number() < 1 || step.place().stageIndex() < 0) {
            return " has a line, number or stage index out of range";
        }
        for (String path : nullAsEmpty(step.reads().files())) {
            if (!isContextPath(path)) {
                return " reads " + SnapshotJson.quote(path) + ", which is not a path inside a build context";
            }
        }
        return null;
    }

    private static String damage(Dependencies dependencies) {
        if (dependencies == null) {
            return null;
        }
        if (dependencies.maven() != null && dependencies.maven().stream().anyMatch(c -> c == null || c.isBlank())) {
            return "its list of dependencies has an empty entry";
        }
        if (dependencies.modules() != null && dependencies.modules().stream().anyMatch(c -> c == null || c.isBlank())) {
            return "its list of the build's own modules has an empty entry";
        }
        if (dependencies.manifests() != null
                && !dependencies.manifests().values().stream().allMatch(SnapshotValidation::isDigest)) {
            return "its dependency manifests have a digest that is not a sha256 digest";
        }
        return null;
    }

    private static String damage(FileInfo file) {
        // Set.of refuses to look up null
        if (file == null || file.type() == null || !TYPES.contains(file.type())) {
            return "has no known type";
        }
        if (file.mode() == null || !MODE.matcher(file.mode()).matches()) {
            return "has a mode that is not octal";
        }
        if (file.size() < 0
                || (file.content() != null && !isDigest(file.content()))
                || (file.digest() != null && !isDigest(file.digest()))) {
            return "has a size or digest out of range";
        }
        if (file.parts() != null
                && file.parts().values().stream().anyMatch(part -> part == null || part.indexOf('@') < 0)) {
            return "has a part that is not checksum@stamp";
        }
        if (file.manifest() != null && file.manifest().values().stream().anyMatch(Objects::isNull)) {
            return "has a manifest attribute without a value";
        }
        return null;
    }

    private static boolean isDigest(String key) {
        return key != null && DIGEST.matcher(key).matches();
    }

    /** Relative, {@code /}-separated, without empty, {@code .} or {@code ..} parts: what a context walk names. */
    static boolean isContextPath(String path) {
        return path != null && !path.isEmpty() && isContextPath(path, 0);
    }

    /**
     * The same for a path whose parts before {@code from} (0, or just after a {@code /}) are known to be good: a
     * compact snapshot's table checks every path of a large context, each sharing most of its parts with the one before.
     */
    static boolean isContextPath(String path, int from) {
        if (path.indexOf('\0', from) >= 0) {
            return false;
        }
        int start = from;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            end = end < 0 ? path.length() : end;
            int length = end - start;
            if (length == 0
                    || (path.charAt(start) == '.' && (length == 1 || (length == 2 && path.charAt(start + 1) == '.')))) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }

    private static <T> List<T> nullAsEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
