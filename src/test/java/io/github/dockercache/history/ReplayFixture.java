package io.github.dockercache.history;

import io.github.dockercache.compare.StabilityPolicy;
import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.model.BuildSettings;
import java.nio.file.Path;
import java.util.Map;

/** The history of {@link HistoryRepository}'s image, for the report tests. */
public final class ReplayFixture {
    private ReplayFixture() {}

    public static ImageHistory history(Path directory) throws Exception {
        HistoryRepository.build(directory);
        return Replay.of(
                new BuildSettings(
                        directory, directory.resolve("Dockerfile"), Map.of(), null, ClientPlatform.LINUX, null),
                StabilityPolicy.defaults(),
                null,
                Replay.DEFAULT_COMMITS);
    }
}
