package io.github.dockercache.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one COPY source or bind mount contributes to a step's key.
 *
 * @param inputs key inputs, named relative to the source ({@code checksum}, {@code stage}, ...)
 * @param files the context paths read
 * @param stage the stage read from, or null
 * @param unknownReason why the content cannot be known offline, or null
 * @param definitive false when no key can be computed for sure (the optimistic key still can)
 */
record SourceContent(
        List<Map.Entry<String, String>> inputs,
        List<String> files,
        String stage,
        String unknownReason,
        boolean definitive) {
    /** The name of the stage read, relative to the source: unkeyed, as BuildKit keys the stage's content only. */
    static final InputName STAGE_NAME = InputName.unkeyed(InputName.Source.STAGE);

    static SourceContent known(List<Map.Entry<String, String>> inputs, List<String> files) {
        return new SourceContent(inputs, files, null, null, true);
    }

    /**
     * The inputs named for the step: {@code src[0].checksum}, or {@code upstream:src[0].stage-key} and
     * {@code unkeyed:src[0].layer-entries} (the marker stays in front).
     */
    List<Map.Entry<String, String>> inputs(InputName.Source source) {
        return inputs.stream()
                .map(e -> InputName.parse(e.getKey()).within(source).entry(e.getValue()))
                .toList();
    }

    /**
     * The same content, read from a stage: the path becomes an input and the stage is recorded, as for any stage
     * source.
     */
    SourceContent fromStage(String label, String path) {
        List<Map.Entry<String, String>> all =
                new ArrayList<>(List.of(STAGE_NAME.entry(label), Map.entry("path", path)));
        all.addAll(inputs);
        return new SourceContent(all, files, label, unknownReason, definitive);
    }
}
