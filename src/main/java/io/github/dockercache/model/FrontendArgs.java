package io.github.dockercache.model;

import java.util.List;
import java.util.Map;

/**
 * Build arguments that BuildKit's Dockerfile frontend reads itself, whether an ARG declares them or not, and that
 * change the key of every RUN (cache-model §5). The legacy builder ignores them, as any undeclared argument.
 */
public final class FrontendArgs {
    /** The hostname of the RUN containers: part of each RUN's definition when not empty. */
    static final String SANDBOX_HOSTNAME = "BUILDKIT_SANDBOX_HOSTNAME";
    /** The namespace of cache mount ids, which the cache name BuildKit keys holds (see {@link MountSpec}). */
    public static final String CACHE_MOUNT_NS = "BUILDKIT_CACHE_MOUNT_NS";
    /**
     * The suffix of a cache mount's input ({@code mount[0].cache-name}) that holds the cache name BuildKit keys, or
     * {@link #NOT_KEYED}. Earlier versions keyed no such input (see {@link EarlierKeys}).
     */
    public static final String CACHE_NAME = ".cache-name";
    /**
     * The name of a cache mount's unkeyed input ({@code unkeyed:mount[0].cache}) that holds its id and sharing as
     * written, which say why the {@link #CACHE_NAME} changed.
     */
    public static final String CACHE_SETTINGS = ".cache";
    /** The value of a {@link #CACHE_NAME} input when BuildKit clears the cache name from the key. */
    public static final String NOT_KEYED = "(not keyed)";

    private FrontendArgs() {}

    /** Adds the hostname a RUN runs with, when one is set. */
    static void addHostname(
            Map<String, String> buildArgs, List<Map.Entry<String, String>> inputs, Map<String, String> origins) {
        String hostname = buildArgs.get(SANDBOX_HOSTNAME);
        if (hostname != null && !hostname.isEmpty()) {
            inputs.add(Map.entry("hostname", hostname));
            origins.put("hostname", "--build-arg " + SANDBOX_HOSTNAME);
        }
    }

    /**
     * Adds, for the cache mount named {@code name} ({@code mount[0]}), the cache name that BuildKit keeps in the RUN's
     * key, or that it keeps none; nothing for other mounts.
     */
    static void addCacheName(
            Map<String, String> buildArgs,
            String name,
            MountSpec mount,
            String workdir,
            List<Map.Entry<String, String>> inputs,
            Map<String, String> origins) {
        if (!mount.type().equals("cache")) {
            return;
        }
        String namespace = buildArgs.getOrDefault(CACHE_MOUNT_NS, "");
        String keyed = mount.keyedCacheId(namespace, workdir);
        inputs.add(Map.entry(name + CACHE_NAME, keyed == null ? NOT_KEYED : keyed));
        inputs.add(Map.entry(CacheModel.UNKEYED + name + CACHE_SETTINGS, mount.cacheSettings()));
        if (!namespace.isEmpty()) {
            origins.put(name + CACHE_NAME, "--build-arg " + CACHE_MOUNT_NS);
        }
    }
}
