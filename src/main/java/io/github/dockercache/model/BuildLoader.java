package io.github.dockercache.model;

import io.github.dockercache.context.BuildContext;
import io.github.dockercache.context.ContextException;
import io.github.dockercache.context.ScanProgress;
import io.github.dockercache.dockerfile.BaseImageConfigs;
import io.github.dockercache.dockerfile.CheckOptions;
import io.github.dockercache.dockerfile.Dockerfile;
import io.github.dockercache.dockerfile.DockerfileException;
import io.github.dockercache.dockerfile.DockerfileReader;
import io.github.dockercache.files.FileLimitException;
import io.github.dockercache.files.IoReasons;
import java.io.IOException;
import java.nio.file.Path;

/** Reads what a build starts from: the Dockerfile's text, the build context, the Dockerfile parsed with its checks. */
final class BuildLoader {
    private BuildLoader() {}

    /** The Dockerfile's text, as the settings name it. */
    static String readText(BuildSettings settings) throws AnalysisException {
        String text;
        try {
            text = DockerfileReader.readText(settings.dockerfile());
        } catch (FileLimitException e) {
            throw new AnalysisException(
                    "the Dockerfile " + CacheModel.displayName(settings.contextDir(), settings.dockerfile()) + " "
                            + e.getMessage()
                            + " (docs/limits.md); check that the Dockerfile configured is the one meant",
                    e);
        } catch (IOException e) {
            throw new AnalysisException(
                    "cannot read the Dockerfile " + settings.dockerfile() + ": " + IoReasons.describe(e), e);
        }
        return text;
    }

    /** The build context, with the .dockerignore the settings' builder reads. */
    static BuildContext scanContext(BuildSettings settings, Path statCacheFile, ScanProgress progress)
            throws AnalysisException {
        BuildContext context;
        try {
            // the legacy builder's client reads only <context>/.dockerignore, never <Dockerfile>.dockerignore
            Path ignoreFileOwner = settings.builder() == Builder.CLASSIC ? null : settings.dockerfile();
            context = BuildContext.scan(
                    settings.contextDir(), ignoreFileOwner, settings.platform(), statCacheFile, progress);
        } catch (ContextException e) {
            throw new AnalysisException(e.getMessage(), e);
        } catch (IOException e) {
            throw new AnalysisException(
                    "cannot read the build context " + settings.contextDir() + ": " + e.getMessage(), e);
        }
        return context;
    }

    /** The Dockerfile parsed, its build checks made as the {@code BUILDKIT_DOCKERFILE_CHECK} build argument asks. */
    static Dockerfile parse(BuildSettings settings, String text, BaseImageConfigs configs) throws AnalysisException {
        String dockerfileName = CacheModel.displayName(settings.contextDir(), settings.dockerfile());
        CheckOptions checkOptions;
        try {
            checkOptions = CheckOptions.fromBuildArg(settings.buildArgs());
        } catch (IllegalArgumentException e) {
            throw new AnalysisException(
                    e.getMessage() + "; fix the " + CheckOptions.BUILD_ARG
                            + " build argument (e.g. skip=JSONArgsRecommended;error=true)",
                    e);
        }
        Dockerfile dockerfile;
        try {
            dockerfile =
                    DockerfileReader.parse(text, dockerfileName, configs, checkOptions, settings.buildkitVersion());
        } catch (DockerfileException e) {
            throw new AnalysisException(e.getMessage(), e);
        }
        return dockerfile;
    }
}
