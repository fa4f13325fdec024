package io.github.dockercache.model;

import io.github.dockercache.context.BuildContext;
import io.github.dockercache.context.ScanProgress;
import io.github.dockercache.dockerfile.BaseImageConfigs;
import io.github.dockercache.dockerfile.Dockerfile;
import io.github.dockercache.dockerfile.DockerfileBytes;
import java.nio.file.Path;

/**
 * Computes every step's cache key the way BuildKit keys it (cache-model §1, §2, §3, §5, §6, §7, §11), or the legacy builder
 * when the settings ask for it (cache-model §10, {@link ClassicRules}).
 *
 * <p>A key is a hash over the parent step's key and the step's own named inputs, so equal keys mean
 * BuildKit finds the step in its cache, and a miss is sticky down the chain. Each step also carries an
 * optimistic key, computed as if every input that cannot be known offline came out unchanged; the
 * comparison uses it to tell "unknown" from "rebuilt".
 *
 * <p>This class is the entry point and names the inputs the comparison reads; the work is done by {@link BuildLoader}
 * (the Dockerfile and the context), {@link StageWalk} (the stages and the state every builder keeps alike) and one
 * {@link KeyDeriver} per builder: {@link BuildKitKeys} and {@link ClassicKeys}, where a step's inputs are chosen; what
 * kinds of input there are is {@link InputName}.
 */
public final class CacheModel {
    /**
     * The origin of a value that a step reads from the base image's configuration; the field follows
     * ({@code the base image's config: Env}).
     */
    public static final String IMAGE_CONFIG_ORIGIN = "the base image's config: ";

    private CacheModel() {}

    /** Reads the Dockerfile and the context and computes the snapshot. */
    public static Snapshot snapshot(BuildSettings settings) throws AnalysisException {
        return snapshot(settings, null);
    }

    /**
     * As {@link #snapshot(BuildSettings)}, reusing file digests from {@code statCacheFile} (null for none)
     * for files whose metadata is unchanged; the result is the same with or without it.
     */
    public static Snapshot snapshot(BuildSettings settings, Path statCacheFile) throws AnalysisException {
        return analyse(settings, statCacheFile).snapshot();
    }

    /** The snapshot together with what it was computed from, for advice that looks at the Dockerfile and context. */
    public static Analysis analyse(BuildSettings settings, Path statCacheFile) throws AnalysisException {
        return analyse(settings, statCacheFile, ScanProgress.NONE);
    }

    /** As {@link #analyse(BuildSettings, Path)}, reporting the progress of a long walk of the context. */
    public static Analysis analyse(BuildSettings settings, Path statCacheFile, ScanProgress progress)
            throws AnalysisException {
        return analyse(settings, statCacheFile, progress, ImageDigests.NONE);
    }

    /** As {@link #analyse(BuildSettings, Path, ScanProgress)}, keying FROM on the digests {@code digests} knows. */
    public static Analysis analyse(
            BuildSettings settings, Path statCacheFile, ScanProgress progress, ImageDigests digests)
            throws AnalysisException {
        return analyse(settings, statCacheFile, progress, digests, BaseImageConfigs.NONE);
    }

    /**
     * As {@link #analyse(BuildSettings, Path, ScanProgress, ImageDigests)}; the build checks that need a base
     * image's configuration (UndefinedVar, InvalidBaseImagePlatform) are made where {@code configs} knows it.
     */
    public static Analysis analyse(
            BuildSettings settings,
            Path statCacheFile,
            ScanProgress progress,
            ImageDigests digests,
            BaseImageConfigs configs)
            throws AnalysisException {
        String text = BuildLoader.readText(settings);
        BuildContext context = BuildLoader.scanContext(settings, statCacheFile, progress);
        return analyse(settings, text, context, digests, configs);
    }

    /**
     * As {@link #analyse(BuildSettings, Path, ScanProgress, ImageDigests, BaseImageConfigs)}, for a Dockerfile and a
     * context already read, from disk or not (a git commit's tree: {@link BuildContext#of}); the settings' paths then
     * only name them.
     */
    public static Analysis analyse(
            BuildSettings settings, String text, BuildContext context, ImageDigests digests, BaseImageConfigs configs)
            throws AnalysisException {
        Dockerfile dockerfile = BuildLoader.parse(settings, text, configs);
        StageWalk model = new StageWalk(settings, dockerfile, context, digests);
        Snapshot snapshot;
        try {
            snapshot = model.compute();
        } catch (AnalysisException e) {
            String message = model.taint.scrub(e.getMessage());
            // the cause may quote the secret: it goes where the message could not, into a stack trace
            throw message.equals(e.getMessage()) ? e : new AnalysisException(message);
        }
        return new Analysis(snapshot, dockerfile, DockerfileBytes.coerced(text), context, model.exposures.list());
    }

    /**
     * The Dockerfile as the snapshot and messages name it: relative to the context, also when outside it (a Dockerfile
     * shared by the modules of a reactor, {@code ../../docker/Dockerfile}), so that a committed baseline holds no
     * absolute path; absolute only where no relative path leads there (another drive).
     */
    public static String displayName(Path contextDir, Path dockerfile) {
        Path absoluteContext = contextDir.toAbsolutePath().normalize();
        Path absoluteFile = dockerfile.toAbsolutePath().normalize();
        try {
            return absoluteContext.relativize(absoluteFile).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return absoluteFile.toString();
        }
    }

    /** WORKDIR: relative paths join the current directory (cache-model §6). */
    static String resolvePath(String workdir, String path) {
        String joined = path.startsWith("/") ? path : workdir + "/" + path;
        return Path.of("/").resolve(joined).normalize().toString().replace('\\', '/');
    }
}
