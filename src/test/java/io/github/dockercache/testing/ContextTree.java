package io.github.dockercache.testing;

import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.context.ScanProgress;
import io.github.dockercache.dockerfile.BuildKitVersion;
import io.github.dockercache.model.Analysis;
import io.github.dockercache.model.AnalysisException;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.ImageDigests;
import io.github.dockercache.model.Secrets;
import io.github.dockercache.model.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * A real build context on disk for tests: files are written with mode 0644 whatever the umask, so that results do
 * not depend on the machine.
 */
public abstract class ContextTree<T extends ContextTree<T>> {
    protected final Path dir;

    protected ContextTree(Path dir) {
        this.dir = dir;
    }

    protected abstract T self();

    public Path dir() {
        return dir;
    }

    public T file(String path, String content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return chmod(path, "rw-r--r--");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public T dockerfile(String... lines) {
        return file("Dockerfile", String.join("\n", lines) + "\n");
    }

    public T chmod(String path, String permissions) {
        try {
            Files.setPosixFilePermissions(dir.resolve(path), PosixFilePermissions.fromString(permissions));
            return self();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The snapshot of {@code Dockerfile} in the tree, built on Linux with {@code --network=none}. */
    public Snapshot snapshot(Map<String, String> buildArgs, String target) throws AnalysisException {
        return snapshot(buildArgs, target, Builder.BUILDKIT);
    }

    /** As {@link #snapshot(Map, String)}, with the given builder's rules. */
    public Snapshot snapshot(Map<String, String> buildArgs, String target, Builder builder) throws AnalysisException {
        return snapshot(buildArgs, target, builder, ImageDigests.NONE, BuildKitVersion.NEWEST);
    }

    /**
     * As {@link #snapshot(Map, String, Builder)}, with FROM images as {@code images} knows them, for BuildKit
     * {@code version}.
     */
    public Snapshot snapshot(
            Map<String, String> buildArgs, String target, Builder builder, ImageDigests images, BuildKitVersion version)
            throws AnalysisException {
        return analyse(buildArgs, target, builder, images, version, Secrets.PATTERNS_ONLY, null)
                .snapshot();
    }

    /**
     * As {@link #snapshot(Map, String, Builder, ImageDigests, BuildKitVersion)}, with {@code secrets} and the client's
     * {@code SOURCE_DATE_EPOCH} (null: not set).
     */
    public Analysis analyse(
            Map<String, String> buildArgs,
            String target,
            Builder builder,
            ImageDigests images,
            BuildKitVersion version,
            Secrets secrets,
            String clientSourceDateEpoch)
            throws AnalysisException {
        return CacheModel.analyse(
                new BuildSettings(
                        dir,
                        dir.resolve("Dockerfile"),
                        buildArgs,
                        target,
                        ClientPlatform.LINUX,
                        "none",
                        builder,
                        version,
                        secrets,
                        clientSourceDateEpoch),
                null,
                ScanProgress.NONE,
                images);
    }
}
