package io.github.dockercache.dockerfile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Ready-made {@link VariableLookup}s. */
public final class Variables {
    private Variables() {}

    /** Variables from {@code NAME=value} entries; a bare {@code NAME} is set to empty, the last entry for a name wins. */
    public static VariableLookup fromEntries(List<String> entries) {
        Map<String, String> values = new HashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            if (equals < 0) {
                values.put(entry, "");
            } else {
                values.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return of(values);
    }

    /** Variables from a map (a copy); names absent from it are unset. */
    public static VariableLookup of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return copy::get;
    }
}
