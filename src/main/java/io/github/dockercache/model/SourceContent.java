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

    static SourceContent known(List<Map.Entry<String, String>> inputs, List<String> files) {
        return new SourceContent(inputs, files, null, null, true);
    }

    /**
     * The inputs named for the step: {@code src[0].checksum}, or {@code upstream:src[0].stage-key} and
     * {@code unkeyed:src[0].layer-entries} (the marker stays in front).
     */
    List<Map.Entry<String, String>> inputs(String prefix) {
        return inputs.stream()
                .map(e -> Map.entry(named(prefix, e.getKey()), e.getValue()))
                .toList();
    }

    private static String named(String prefix, String name) {
        for (String marker : List.of(CacheModel.UPSTREAM, CacheModel.UNKEYED)) {
            if (name.startsWith(marker)) {
                return marker + prefix + "." + name.substring(marker.length());
            }
        }
        return prefix + "." + name;
    }

    /**
     * The same content, read from a stage: the path becomes an input and the stage is recorded, as for any stage
     * source.
     */
    SourceContent fromStage(String label, String path) {
        List<Map.Entry<String, String>> all =
                new ArrayList<>(List.of(Map.entry(CacheModel.UNKEYED + "stage", label), Map.entry("path", path)));
        all.addAll(inputs);
        return new SourceContent(all, files, label, unknownReason, definitive);
    }
}
