package io.github.dockercache.registry;

import java.util.List;

/**
 * The parts of an image's configuration blob that BuildKit's build checks read.
 *
 * @param env {@code config.Env}, {@code NAME=value} entries in order
 * @param os {@code os}
 * @param architecture {@code architecture}
 * @param variant {@code variant}, empty when absent
 */
public record ImageConfig(List<String> env, String os, String architecture, String variant) {
    public ImageConfig {
        env = List.copyOf(env);
    }
}
