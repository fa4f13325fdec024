package io.github.dockercache.compare;

import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepSnapshot;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which steps a change to one context path would rebuild: the steps that read it, every later step of their chain
 * and of stages built FROM them, and, as "may be rebuilt", the steps that copy from such a stage (BuildKit compares
 * those by content).
 */
public final class Impact {
    private Impact() {}

    /**
     * The affected steps in build order, each with {@link Verdict#REBUILT} or {@link Verdict#UNKNOWN}.
     *
     * @param path a context-relative path, a file or a directory, existing or not
     */
    public static Map<StepSnapshot, Verdict> of(Snapshot snapshot, String path) {
        String target = clean(path);
        Map<StepSnapshot, Verdict> affected = new LinkedHashMap<>();
        Set<String> rebuiltIds = new HashSet<>();
        Set<String> rebuiltStages = new HashSet<>();
        for (StepSnapshot step : snapshot.steps()) {
            boolean parentRebuilt = step.keys().parentId() != null
                    && rebuiltIds.contains(step.keys().parentId());
            if (reads(step, target) || parentRebuilt) {
                affected.put(step, Verdict.REBUILT);
                rebuiltIds.add(step.place().id());
                rebuiltStages.add(step.place().stage());
            } else if (step.reads().fromStage() != null
                    && rebuiltStages.contains(step.reads().fromStage())) {
                affected.put(step, Verdict.UNKNOWN);
            }
        }
        return affected;
    }

    /** True when the step reads the path now, or a COPY source of the context would select it once it exists. */
    private static boolean reads(StepSnapshot step, String target) {
        for (String file : step.reads().files()) {
            if (file.equals(target) || file.startsWith(target + "/") || target.startsWith(file + "/")) {
                return true;
            }
        }
        if (step.reads().fromStage() != null) {
            return false;
        }
        return step.reads().sources().stream()
                .map(Impact::clean)
                .anyMatch(source -> source.isEmpty()
                        || target.equals(source)
                        || target.startsWith(source + "/")
                        || new PathPatterns(List.of(source)).matches(target) && source.contains("*"));
    }

    private static String clean(String path) {
        String clean = path.replace('\\', '/')
                .replaceAll("/+", "/")
                .replaceFirst("^(\\./)+", "")
                .replaceFirst("^/", "");
        clean = clean.replaceFirst("/$", "");
        return clean.equals(".") ? "" : clean;
    }
}
