package io.github.dockercache.model;

import java.util.List;
import java.util.SortedMap;

/**
 * What a step's key was computed from: its named inputs and what they read.
 *
 * @param inputs the named inputs of the key (an input whose value is a secret holds a digest of it)
 * @param origins where an input comes from ({@code env:X} from {@code ARG at line 3}), for explanations
 * @param files the context paths the step reads, to explain a changed checksum
 * @param sources the COPY/ADD or bind-mount sources as expanded, relative to their root
 * @param fromStage the stage a COPY --from or a mount reads, or null
 */
public record StepReadSet(
        SortedMap<String, String> inputs,
        SortedMap<String, String> origins,
        List<String> files,
        List<String> sources,
        String fromStage) {
    /** The same reads with other context paths (null: none recorded). */
    public StepReadSet withFiles(List<String> paths) {
        return new StepReadSet(inputs, origins, paths, sources, fromStage);
    }
}
