package io.github.dockercache.dockerfile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ready-made {@link VariableLookup}s. */
public final class Variables {
    private Variables() {}

    /** Variables from {@code NAME=value} entries; a bare {@code NAME} is set to empty, the last entry for a name wins. */
    public static VariableLookup fromEntries(List<String> entries) {
        return of(entryMap(entries));
    }

    /** {@code NAME=value} entries as a map in entry order; a bare {@code NAME} is empty, the last entry wins. */
    static Map<String, String> entryMap(List<String> entries) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            if (equals < 0) {
                values.put(entry, "");
            } else {
                values.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return values;
    }

    /** Variables from a map (a copy); names absent from it are unset. */
    public static VariableLookup of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return copy::get;
    }
}
