package io.github.dockercache.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Build arguments that BuildKit's Dockerfile frontend reads itself, whether an ARG declares them or not, and that
 * change the key of every RUN (cache-model §5). The legacy builder ignores them, as any undeclared argument.
 */
final class FrontendArgs {
    /** The hostname of the RUN containers: part of each RUN's definition when not empty. */
    static final String SANDBOX_HOSTNAME = "BUILDKIT_SANDBOX_HOSTNAME";
    /** The namespace of cache mount ids, which a default cache mount's key holds (see {@link MountSpec}). */
    static final String CACHE_MOUNT_NS = "BUILDKIT_CACHE_MOUNT_NS";
    /** The suffix of a mount's input that holds the cache id a namespace makes BuildKit key. */
    static final String CACHE_ID = ".cache-id";

    private FrontendArgs() {}

    /** Adds the hostname a RUN runs with, when one is set. */
    static void addHostname(Map<String, String> buildArgs, List<Map.Entry<String, String>> inputs,
            Map<String, String> origins) {
        String hostname = buildArgs.get(SANDBOX_HOSTNAME);
        if (hostname != null && !hostname.isEmpty()) {
            inputs.add(Map.entry("hostname", hostname));
            origins.put("hostname", "--build-arg " + SANDBOX_HOSTNAME);
        }
    }

    /**
     * Adds, for the mount named {@code name} ({@code mount[0]}), the cache id that BuildKit keys when a namespace
     * makes it differ from the id without one; nothing in every other case, so a key without a namespace stays
     * what it was.
     */
    static void addCacheNamespace(Map<String, String> buildArgs, String name, MountSpec mount, String workdir,
            List<Map.Entry<String, String>> inputs, Map<String, String> origins) {
        String namespace = buildArgs.getOrDefault(CACHE_MOUNT_NS, "");
        String keyed = mount.keyedCacheId(namespace, workdir);
        if (!Objects.equals(keyed, mount.keyedCacheId("", workdir))) {
            inputs.add(Map.entry(name + CACHE_ID, keyed == null ? "(not keyed)" : keyed));
            origins.put(name + CACHE_ID, "--build-arg " + CACHE_MOUNT_NS);
        }
    }
}
