package io.github.dockercache.differential;

/**
 * One step of an engine build.
 *
 * @param stepId {@code N} for a single-stage Dockerfile, else {@code <stage>:N}, as in BuildKit's progress labels
 * @param status what the engine did with it
 * @param text the instruction as BuildKit prints it (build args expanded, FROM image names normalised)
 */
record EngineStep(String stepId, EngineStatus status, String text) {}
