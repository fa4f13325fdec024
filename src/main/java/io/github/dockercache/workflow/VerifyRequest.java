package io.github.dockercache.workflow;

import java.nio.file.Path;

/**
 * What the verify goal needs: the image, the baseline its cache was built from, and the log of that real build.
 *
 * @param buildLog the BuildKit log ({@code --progress=plain} or {@code rawjson}), or null when none was given
 * @param failOnDisagreement fail when a step disagrees with the engine
 */
public record VerifyRequest(
        ImageRequest image, BaselineSource baselineSource, Path buildLog, boolean failOnDisagreement) {}
