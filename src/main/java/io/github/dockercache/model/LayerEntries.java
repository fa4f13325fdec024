package io.github.dockercache.model;

import com.google.gson.JsonParseException;
import java.util.SortedMap;

/**
 * What a snapshot records of a layer extracted from a Spring Boot jar, to explain why it changed: the entries of the
 * jar it holds, each as {@code sha256@times} ({@link StampedParts}; the times only where the layer keeps them).
 *
 * @param jar the jar in the build context, as the snapshot names files
 * @param layer the layer's name ({@code dependencies})
 * @param entries the jar's entries that the layer holds, by name ({@code BOOT-INF/lib/caffeine-3.2.2.jar}); the
 *     non-launcher {@code application} layer also lists the manifest and classpath index its jar is made from
 * @param rewritten true when the layer holds a jar the extraction writes anew each time it runs (the non-launcher
 *     {@code application} layer), so that it changes whenever the jar it comes from changes at all
 */
public record LayerEntries(String jar, String layer, SortedMap<String, String> entries, boolean rewritten) {
    /** The input, inside a step's inputs, that holds a layer's entries as JSON. */
    public static final String INPUT = "layer-entries";

    /** The entries recorded in a step input, or null when the text is not such a record. */
    public static LayerEntries parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            LayerEntries parsed = Json.GSON.fromJson(json, LayerEntries.class);
            boolean wellFormed = parsed != null
                    && parsed.jar() != null
                    && parsed.layer() != null
                    && parsed.entries() != null
                    && parsed.entries().entrySet().stream()
                            .allMatch(e -> e.getKey() != null
                                    && e.getValue() != null
                                    && e.getValue().indexOf('@') >= 0);
            return wellFormed ? parsed : null; // a hand-edited baseline explains less, and never crashes
        } catch (JsonParseException e) {
            return null;
        }
    }

    String toJson() {
        return Json.GSON.toJson(this);
    }
}
