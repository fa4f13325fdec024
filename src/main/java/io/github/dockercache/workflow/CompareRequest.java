package io.github.dockercache.workflow;

import io.github.dockercache.compare.FailOn;
import java.nio.file.Path;
import java.util.Set;

/**
 * What check and explain need: the image, the baseline to compare it with and how to judge the result.
 *
 * @param baselineSource where the baseline is read from
 * @param onMissingBaseline what to do when there is none
 * @param failOn when check fails (explain's report says what check would decide)
 * @param disabledRules advice rule ids not to report
 * @param buildLog a BuildKit log of a real build ({@code --progress=plain} or {@code rawjson}) to weigh misses by the
 *     time their steps took, or null
 */
public record CompareRequest(
        ImageRequest image,
        BaselineSource baselineSource,
        OnMissingBaseline onMissingBaseline,
        FailOn failOn,
        Set<String> disabledRules,
        Path buildLog) {}
