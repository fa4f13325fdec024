package io.github.dockercache.model;

import java.util.List;
import java.util.SortedMap;

/**
 * The keys and inputs of every step of one build, as written to {@code snapshot.json} and to baselines.
 * Paths are relative: the same context in another directory gives the same snapshot.
 *
 * @param format always {@link #FORMAT}
 * @param version the format version, {@link #VERSION}
 * @param dockerfile the Dockerfile, relative to the context when inside it
 * @param target the {@code --target} stage, or null for the last stage
 * @param buildArgs the build arguments given, secrets as digests
 * @param steps every step of the reachable stages, in stage order then step order
 * @param files every context entry a step reads, by relative path
 * @param warnings what the user should know about this build (plugin files inside the context, ...)
 */
public record Snapshot(
        String format,
        int version,
        String dockerfile,
        String target,
        SortedMap<String, String> buildArgs,
        List<StepSnapshot> steps,
        SortedMap<String, FileInfo> files,
        List<String> warnings) {
    public static final String FORMAT = "dockercache-snapshot";
    public static final int VERSION = 1;
}
