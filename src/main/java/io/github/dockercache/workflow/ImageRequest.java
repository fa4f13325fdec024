package io.github.dockercache.workflow;

import io.github.dockercache.compare.StabilityPolicy;
import io.github.dockercache.context.ScanProgress;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.Snapshot;
import java.nio.file.Path;
import java.util.List;

/**
 * What every goal that computes an image's keys needs, independent of the build tool; each goal's own request adds
 * what only that goal uses.
 *
 * @param build what docker build would be given
 * @param outputDirectory where the snapshot and reports go
 * @param policy which steps are stable and which changes expected
 * @param progress hears about a long walk of the context while it runs
 * @param resolve ask the registries what FROM tags stand for now, so that a moved tag is seen
 * @param dependencies the project's runtime dependencies as {@link io.github.dockercache.model.Dependencies#maven()}
 *     records them, or null when no build tool lists them
 * @param modules those of the dependencies that are modules of the build itself (siblings in the Maven reactor), as
 *     {@link io.github.dockercache.model.Dependencies#modules()} records them
 * @param invocation where the goal runs: the root paths are shown from, what the project's build has produced, how
 *     to word a remedy
 */
public record ImageRequest(
        BuildSettings build,
        Path outputDirectory,
        StabilityPolicy policy,
        ScanProgress progress,
        boolean resolve,
        List<String> dependencies,
        List<String> modules,
        Invocation invocation) {

    /** How to word a remedy here. */
    Hints hints() {
        return invocation.hints();
    }

    /** A path as messages show it: from the reactor root. */
    String show(Path path) {
        return DisplayPaths.of(invocation.root(), path);
    }

    /** The Dockerfile as the console and reports name it: from the reactor root. */
    String shownDockerfile() {
        return show(build.dockerfile());
    }

    /** A message that starts with the Dockerfile's location as the analysis named it, located from the reactor root. */
    String shown(String message) {
        String analysed = CacheModel.displayName(build.contextDir(), build.dockerfile());
        return message != null && (message.equals(analysed) || message.startsWith(analysed + ":"))
                ? shownDockerfile() + message.substring(analysed.length())
                : message;
    }

    /** The Dockerfile's warnings (parser, build checks), located as the console names the file. */
    List<String> warnings(Snapshot snapshot) {
        return snapshot.warnings().stream().map(this::shown).toList();
    }
}
