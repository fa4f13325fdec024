package io.github.dockercache.model;

import io.github.dockercache.context.GoPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A {@code RUN --mount} value, reduced to the fields BuildKit puts into the RUN key (spec 5): the
 * contents of cache, secret, ssh and tmpfs mounts never count, and since BuildKit 0.13 neither do a
 * custom cache {@code id} or {@code sharing}.
 *
 * @param cacheId a cache mount's {@code id}, or null
 * @param sharing a cache mount's {@code sharing}, or null
 */
record MountSpec(String type, String target, String source, String from, boolean readOnly, Map<String, String> options,
        String cacheId, String sharing) {

    private static final List<String> KEYED_OPTIONS =
            List.of("mode", "uid", "gid", "required", "env", "size", "id");

    /** Parses {@code type=bind,source=x,target=/y,...}; values are already expanded. */
    static MountSpec parse(String value) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : splitFields(value)) {
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String val = eq < 0 ? "true" : field.substring(eq + 1).trim();
            fields.put(canonicalKey(key), val);
        }
        String type = fields.getOrDefault("type", "bind").toLowerCase(Locale.ROOT);
        String target = fields.getOrDefault("target", "");
        String source = fields.get("source");
        String from = fields.get("from");
        boolean readOnly = type.equals("bind") ? !isTrue(fields.get("rw")) : isTrue(fields.get("ro"));
        Map<String, String> options = new LinkedHashMap<>();
        for (String key : KEYED_OPTIONS) {
            if (fields.containsKey(key) && !(key.equals("id") && type.equals("cache"))) {
                options.put(key, fields.get(key));
            }
        }
        return new MountSpec(type, target, source, from, readOnly, options, fields.get("id"), fields.get("sharing"));
    }

    /** True when the mount reads files whose content enters the key: a bind mount (spec 5). */
    boolean readsContent() {
        return type.equals("bind");
    }

    /**
     * The cache id that BuildKit keeps in the RUN's key for this mount, or null when it keeps none (spec 5). The
     * frontend names a cache {@code <namespace>/<id>}, the id defaulting to the cleaned target; BuildKit clears id
     * and sharing from the key unless the mount is shared and that name, or its part after the first slash, is the
     * mount's target: so a default cache mount is keyed by its namespace ({@code BUILDKIT_CACHE_MOUNT_NS}).
     *
     * @param workdir the RUN's working directory, which a relative target joins
     */
    String keyedCacheId(String namespace, String workdir) {
        if (!type.equals("cache") || !(sharing == null || sharing.equalsIgnoreCase("shared"))) {
            return null;
        }
        String id = namespace + "/" + (cacheId == null || cacheId.isEmpty() ? GoPath.clean(target) : cacheId);
        String destination = GoPath.clean(target).startsWith("/") ? target : GoPath.join("/", workdir, target);
        boolean kept = id.equals(destination) || id.substring(id.indexOf('/') + 1).equals(destination);
        return kept ? id : null;
    }

    /** The canonical text that enters the key. */
    String canonical() {
        StringJoiner joiner = new StringJoiner(",");
        joiner.add("type=" + type).add("target=" + target);
        if (source != null) {
            joiner.add("source=" + source);
        }
        if (from != null) {
            joiner.add("from=" + from);
        }
        joiner.add("readonly=" + readOnly);
        options.forEach((k, v) -> joiner.add(k + "=" + v));
        return joiner.toString();
    }

    private static String canonicalKey(String key) {
        return switch (key) {
            case "src" -> "source";
            case "dst", "destination" -> "target";
            case "readonly" -> "ro";
            case "readwrite" -> "rw";
            default -> key;
        };
    }

    private static boolean isTrue(String value) {
        return value != null && !value.equalsIgnoreCase("false");
    }

    /** Splits on commas outside double quotes, as the CSV reader BuildKit uses does. */
    private static List<String> splitFields(String value) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : value.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        return fields;
    }
}
