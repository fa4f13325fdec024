package io.github.dockercache.differential;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of an engine build.
 *
 * @param stepId {@code N} for a single-stage Dockerfile, else {@code <stage>:N}, as in BuildKit's progress labels
 * @param status what the engine did with it
 * @param text the instruction as BuildKit prints it (build args expanded, FROM image names normalised)
 */
record EngineStep(String stepId, EngineStatus status, String text) {

    /** The statuses of {@code steps}, in the same order. */
    static Map<String, EngineStatus> statuses(Map<String, EngineStep> steps) {
        Map<String, EngineStatus> statuses = new LinkedHashMap<>();
        steps.forEach((id, step) -> statuses.put(id, step.status()));
        return statuses;
    }
}
