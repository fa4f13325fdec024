package io.github.dockercache.workflow;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the build of the image's project has produced when the goal runs, so that a COPY of a half-built output is
 * said instead of hashed.
 *
 * @param directory the project's build directory ({@code target}), or null without a project
 * @param artifact the project's main artifact where it is packaged ({@code target/app-1.0.jar}), or null
 * @param pending the work of the build that still runs after the goal and may rewrite the outputs (as the build tool
 *     names it): the packaging itself, a repackaging step; empty outside a build's lifecycle
 * @param laterModules the build directories of the other projects that this build builds after the goal's one, each
 *     with its name: an aggregator's image that copies them would otherwise hash the previous build's files
 */
public record BuildOutputs(Path directory, Path artifact, List<String> pending, Map<Path, String> laterModules) {
    /** No project: nothing is known to be built. */
    public static final BuildOutputs NONE = new BuildOutputs(null, null, List.of(), Map.of());

    public BuildOutputs {
        pending = List.copyOf(pending);
        laterModules = Map.copyOf(laterModules);
    }
}
