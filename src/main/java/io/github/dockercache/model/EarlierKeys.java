package io.github.dockercache.model;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Inputs that earlier versions of the plugin keyed otherwise, so that a comparison with a baseline they recorded says
 * so instead of reporting a rebuild: such a step's key differs from today's although BuildKit's may not.
 */
public final class EarlierKeys {
    /** Why a step whose cache mounts an earlier version keyed cannot be compared, and what to do. */
    public static final String CACHE_MOUNTS = "the baseline was recorded by an older version, which keyed cache mounts"
            + " otherwise; record the baseline again";

    private static final Pattern MOUNT = Pattern.compile("mount\\[\\d+]");
    private static final Pattern STAGE_NAME = Pattern.compile("(?:src|mount)\\[\\d+]\\.stage");

    private EarlierKeys() {}

    /**
     * The cache mounts of {@code step} ({@code mount[0]}) keyed without the cache name BuildKit keeps (cache-model §5):
     * an earlier version recorded them, when a cache mount's id and sharing did not count. Empty for a step keyed by
     * this version.
     */
    public static Set<String> cacheMountsKeyedOtherwise(StepSnapshot step) {
        Set<String> mounts = new TreeSet<>();
        for (Map.Entry<String, String> input : step.inputs().entrySet()) {
            if (MOUNT.matcher(input.getKey()).matches()
                    && input.getValue().startsWith("type=cache,")
                    && !step.inputs().containsKey(input.getKey() + FrontendArgs.CACHE_NAME)) {
                mounts.add(input.getKey());
            }
        }
        return mounts;
    }

    /**
     * True for the name of the stage a COPY --from or a mount reads ({@code src[0].stage}), which earlier versions
     * keyed: BuildKit keys the stage's content, never its name, and the stage's key input says when that changed.
     * This version records the name unkeyed.
     */
    public static boolean isStageName(String name) {
        return STAGE_NAME.matcher(name).matches();
    }

    /** True when the input {@code name} is one of {@code mounts} or about one ({@code mount[0].cache-id}). */
    public static boolean isAbout(Set<String> mounts, String name) {
        int dot = name.indexOf('.');
        return mounts.contains(dot < 0 ? name : name.substring(0, dot));
    }
}
