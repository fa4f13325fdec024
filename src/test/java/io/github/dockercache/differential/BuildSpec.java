package io.github.dockercache.differential;

import java.util.Map;

/**
 * The {@code docker build} options of one build of a scenario.
 *
 * @param buildArgs {@code --build-arg NAME=VALUE} pairs; null means none
 * @param target the {@code --target} stage, or null for the last stage
 */
record BuildSpec(Map<String, String> buildArgs, String target) {
    static final BuildSpec DEFAULT = new BuildSpec(Map.of(), null);

    BuildSpec {
        buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
    }
}
