package io.github.dockercache.workflow;

import io.github.dockercache.compare.FailOn;
import io.github.dockercache.compare.StabilityPolicy;
import io.github.dockercache.context.ScanProgress;
import io.github.dockercache.model.BuildSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One image configured once, as a project configures it, with the request each goal takes from it: tests record a
 * baseline and check against it with the same settings, as a build does.
 *
 * @param baselineName how messages name the baseline file
 */
public record Goals(
        ImageRequest image,
        Path baselineFile,
        String baselineName,
        OnMissingBaseline onMissingBaseline,
        boolean force,
        Path buildLog) {

    /** The defaults for an image: no build log, no resolving, dependencies not listed by a build tool. */
    public static ImageRequest image(BuildSettings build, Path output, Invocation invocation) {
        return new ImageRequest(
                build, output, StabilityPolicy.defaults(), ScanProgress.NONE, false, null, List.of(), invocation);
    }

    /** The image with its baseline file, warning when there is none and never forcing. */
    public static Goals of(ImageRequest image, Path baselineFile, String baselineName) {
        return new Goals(image, baselineFile, baselineName, OnMissingBaseline.WARN, false, null);
    }

    public CompareRequest compare() {
        return new CompareRequest(
                image,
                BaselineSource.file(baselineFile, baselineName),
                onMissingBaseline,
                FailOn.STABLE,
                Set.of(),
                buildLog);
    }

    public BaselineRequest baseline() {
        return new BaselineRequest(image, baselineFile, force, 10, false);
    }

    public Goals with(ImageRequest other) {
        return new Goals(other, baselineFile, baselineName, onMissingBaseline, force, buildLog);
    }

    public Goals with(OnMissingBaseline other) {
        return new Goals(image, baselineFile, baselineName, other, force, buildLog);
    }

    public Goals forced() {
        return new Goals(image, baselineFile, baselineName, onMissingBaseline, true, buildLog);
    }

    public Goals withBuildLog(Path log) {
        return new Goals(image, baselineFile, baselineName, onMissingBaseline, force, log);
    }

    public Goals withBaseline(Path file, String name) {
        return new Goals(image, file, name, onMissingBaseline, force, buildLog);
    }
}
