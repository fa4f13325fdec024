package io.github.dockercache.model;

import io.github.dockercache.context.BuildContext;
import io.github.dockercache.dockerfile.Dockerfile;
import java.util.List;

/**
 * A snapshot and what it was computed from.
 *
 * @param snapshot the keys and inputs of every step
 * @param dockerfile the parsed Dockerfile
 * @param dockerfileText the Dockerfile as read (directives and top comments are not in the parsed form)
 * @param context the build context after .dockerignore
 * @param secretExposures where secrets reach a layer, in build order
 */
public record Analysis(
        Snapshot snapshot,
        Dockerfile dockerfile,
        String dockerfileText,
        BuildContext context,
        List<SecretExposure> secretExposures) {}
