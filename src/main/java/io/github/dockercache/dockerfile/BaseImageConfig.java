package io.github.dockercache.dockerfile;

import java.util.List;

/**
 * What BuildKit's build checks read from a {@code FROM} image's configuration: its environment (for
 * UndefinedVar) and its platform (for InvalidBaseImagePlatform).
 *
 * @param env the config's {@code Env} entries, {@code NAME=value}, in order
 * @param os the config's {@code os}
 * @param architecture the config's {@code architecture}
 * @param variant the config's {@code variant}, empty when absent
 */
public record BaseImageConfig(List<String> env, String os, String architecture, String variant) {
    public BaseImageConfig {
        env = List.copyOf(env);
        variant = variant == null ? "" : variant;
    }
}
