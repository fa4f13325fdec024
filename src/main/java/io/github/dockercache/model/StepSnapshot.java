package io.github.dockercache.model;

import java.util.List;
import java.util.SortedMap;

/**
 * One build step (a BuildKit vertex: FROM of an image, RUN, COPY, ADD, WORKDIR) with its key and the
 * inputs the key was computed from.
 *
 * @param id the step as BuildKit's progress labels it: {@code N} in a single-stage build, else
 *     {@code <stage>:N}
 * @param stage the stage label: its name in lower case, or {@code stage-<index>}
 * @param stageIndex the stage's 0-based position in the Dockerfile
 * @param number BuildKit's step counter within the stage, from 1
 * @param line the 1-based line of the instruction
 * @param instruction the keyword, upper case
 * @param text the instruction as written
 * @param key the step's cache key; equal keys mean BuildKit finds the step in its cache
 * @param optimisticKey the key assuming every input that cannot be known offline (the output of a RUN
 *     in another stage, a remote file) came out unchanged
 * @param parentId the step this one builds on, or null
 * @param parentKey the key of that step (for a first step: of the stage's base), or null
 * @param unknownReason why this step's key cannot be known for sure, or why a key that differs from the baseline's
 *     may still hit in BuildKit (an input unknown offline, such as an image base's WORKDIR), or null
 * @param inputs the named inputs of the key (an input whose value is a secret holds a digest of it)
 * @param origins where an input comes from ({@code env:X} from {@code ARG at line 3}), for explanations
 * @param files the context paths the step reads, to explain a changed checksum
 * @param sources the COPY/ADD or bind-mount sources as expanded, relative to their root
 * @param fromStage the stage a COPY --from or a mount reads, or null
 * @param marker {@code stable} or {@code unstable} from a {@code # dockercache:} comment, or null
 */
public record StepSnapshot(
        String id,
        String stage,
        int stageIndex,
        int number,
        int line,
        String instruction,
        String text,
        String key,
        String optimisticKey,
        String parentId,
        String parentKey,
        String unknownReason,
        SortedMap<String, String> inputs,
        SortedMap<String, String> origins,
        List<String> files,
        List<String> sources,
        String fromStage,
        String marker) {
    /** The same step reading other paths (null: none recorded). */
    public StepSnapshot withFiles(List<String> paths) {
        return new StepSnapshot(
                id,
                stage,
                stageIndex,
                number,
                line,
                instruction,
                text,
                key,
                optimisticKey,
                parentId,
                parentKey,
                unknownReason,
                inputs,
                origins,
                paths,
                sources,
                fromStage,
                marker);
    }
}
