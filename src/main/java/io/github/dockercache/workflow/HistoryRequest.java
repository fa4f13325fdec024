package io.github.dockercache.workflow;

import io.github.dockercache.compare.StabilityPolicy;
import io.github.dockercache.model.BuildSettings;
import java.nio.file.Path;

/**
 * What the history goal needs: the image to replay and the commits to replay it over.
 *
 * @param build what docker build would be given, at every commit
 * @param policy which steps are stable
 * @param outputDirectory where the reports go
 * @param buildLog a BuildKit log of a real build that weighs each rebuild by its steps' times, or null
 * @param range the commits to replay, {@code FROM..TO}, or null for the last {@code count}
 * @param count how many commits to replay when no range is given
 */
public record HistoryRequest(
        BuildSettings build, StabilityPolicy policy, Path outputDirectory, Path buildLog, String range, int count) {}
