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
    /** The value of a cache mount's {@link InputName.Source#CACHE_NAME} when BuildKit clears the name from the key. */
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
            InputName.Source name,
            MountSpec mount,
            String workdir,
            List<Map.Entry<String, String>> inputs,
            Map<String, String> origins) {
        if (!mount.type().equals("cache")) {
            return;
        }
        String namespace = buildArgs.getOrDefault(CACHE_MOUNT_NS, "");
        String keyed = mount.keyedCacheId(namespace, workdir);
        // earlier versions keyed no cache name (see EarlierKeys)
        InputName cacheName = name.part(InputName.Source.CACHE_NAME);
        inputs.add(cacheName.entry(keyed == null ? NOT_KEYED : keyed));
        inputs.add(new InputName.Unkeyed(name.part(InputName.Source.CACHE_SETTINGS)).entry(mount.cacheSettings()));
        if (!namespace.isEmpty()) {
            origins.put(cacheName.toString(), "--build-arg " + CACHE_MOUNT_NS);
        }
    }
}
