package io.github.dockercache.maven;

import java.io.File;
import java.util.Map;

/**
 * One image of a project that builds several ({@code <images><image>...}); every field left out falls back to
 * the goal's own parameter of the same name.
 */
public class Image {
    /** A short name: it names the output directory, the default baseline file and the attached snapshot. */
    String name;
    /** The Dockerfile; default {@code Dockerfile} in the image's context. */
    File dockerfile;
    /** The build context directory. */
    File context;
    /** The {@code --target} stage. */
    String target;
    /** Build arguments, added to the goal's. */
    Map<String, String> buildArgs;
    /** The baseline file; default {@code .dockercache/baseline-<name>.json}. */
    File baseline;
    /** The baseline as Maven coordinates {@code groupId:artifactId:version}. */
    String baselineArtifact;
    /** The log of the image's real build, for {@code verify}. */
    File buildLog;
}
