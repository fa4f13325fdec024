package io.github.dockercache.workflow;

import io.github.dockercache.compare.FailOn;
import io.github.dockercache.compare.StabilityPolicy;
import io.github.dockercache.context.ScanProgress;
import io.github.dockercache.model.BuildSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Everything one goal needs, independent of Maven.
 *
 * @param build what docker build would be given
 * @param baseline the baseline file that the baseline goal writes
 * @param baselineSource where check and explain read the baseline from
 * @param onMissingBaseline what to do when there is none
 * @param outputDirectory where the snapshot and report go
 * @param report an extra path for the JSON report, or null
 * @param failOn when check fails
 * @param policy which steps are stable and which changes expected
 * @param force let baseline replace a file it cannot read
 * @param historySize how many recorded builds a baseline keeps
 * @param fresh start the baseline afresh instead of merging the new build into its history
 * @param disabledRules advice rule ids not to report
 * @param progress hears about a long walk of the context while it runs
 * @param buildLog a BuildKit log of a real build ({@code --progress=plain} or {@code rawjson}) to weigh misses
 *     by the time their steps took, or null
 * @param resolve ask the registries what FROM tags stand for now, so that a moved tag is seen
 * @param dependencies the project's runtime dependencies as {@link io.github.dockercache.model.Dependencies#maven()}
 *     records them, or null when no build tool lists them
 * @param modules those of the dependencies that are modules of the build itself (siblings in the Maven reactor), as
 *     {@link io.github.dockercache.model.Dependencies#modules()} records them
 * @param invocation where the goal runs: the root paths are shown from, what the project's build has produced, how
 *     to word a remedy
 */
public record Request(
        BuildSettings build,
        Path baseline,
        BaselineSource baselineSource,
        OnMissingBaseline onMissingBaseline,
        Path outputDirectory,
        Path report,
        FailOn failOn,
        StabilityPolicy policy,
        boolean force,
        int historySize,
        boolean fresh,
        Set<String> disabledRules,
        ScanProgress progress,
        Path buildLog,
        boolean resolve,
        List<String> dependencies,
        List<String> modules,
        Invocation invocation) {}
