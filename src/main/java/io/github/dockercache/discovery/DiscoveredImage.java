package io.github.dockercache.discovery;

import io.github.dockercache.model.Builder;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One image a project's own build files describe, as its build would run it.
 *
 * @param name the name its source gives it (compose service, bake target, fabric8 alias), made a valid image name
 * @param dockerfile the Dockerfile, absolute
 * @param context the build context directory, absolute
 * @param target the {@code --target} stage, or null for the last
 * @param buildArgs the build arguments, in their source's order
 * @param builder the builder that source's tool uses, or null when it is BuildKit's or the user's choice
 * @param origin where it was found: a file name ({@code compose.yaml}) or a plugin ({@code docker-maven-plugin})
 */
public record DiscoveredImage(
        String name,
        Path dockerfile,
        Path context,
        String target,
        Map<String, String> buildArgs,
        Builder builder,
        String origin) {
    public DiscoveredImage {
        buildArgs = Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
    }
}
