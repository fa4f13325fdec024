package io.github.dockercache.model;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Inputs that earlier versions of the plugin keyed otherwise, so that a comparison with a baseline they recorded says
 * so instead of reporting a rebuild: such a step's key differs from today's although BuildKit's may not.
 */
public final class EarlierKeys {
    /** Why a step whose cache mounts an earlier version keyed cannot be compared, and what to do. */
    public static final String CACHE_MOUNTS = "the baseline was recorded by an older version, which keyed cache mounts"
            + " otherwise; record the baseline again";

    private EarlierKeys() {}

    /**
     * The cache mounts of {@code step} ({@code mount[0]}) keyed without the cache name BuildKit keeps (cache-model §5):
     * an earlier version recorded them, when a cache mount's id and sharing did not count. Empty for a step keyed by
     * this version.
     */
    public static Set<InputName.Source> cacheMountsKeyedOtherwise(StepSnapshot step) {
        Set<InputName.Source> mounts = new HashSet<>();
        for (Map.Entry<String, String> input : step.reads().inputs().entrySet()) {
            if (InputName.parse(input.getKey()) instanceof InputName.Source mount
                    && mount.part() == null
                    && mount.kind() == InputName.Source.Kind.MOUNT
                    && input.getValue().startsWith("type=cache,")
                    && !step.reads()
                            .inputs()
                            .containsKey(mount.part(InputName.Source.CACHE_NAME).toString())) {
                mounts.add(mount);
            }
        }
        return mounts;
    }

    /**
     * True for the name of the stage a COPY --from or a mount reads ({@code src[0].stage}), which earlier versions
     * keyed: BuildKit keys the stage's content, never its name, and the stage's key input says when that changed.
     * This version records the name unkeyed.
     */
    public static boolean isStageName(InputName name) {
        return name instanceof InputName.Source source && source.is(InputName.Source.STAGE);
    }

    /** True when the input {@code name} is one of {@code mounts} or about one ({@code mount[0].cache-id}). */
    public static boolean isAbout(Set<InputName.Source> mounts, InputName name) {
        return name instanceof InputName.Source source && mounts.contains(source.whole());
    }
}
