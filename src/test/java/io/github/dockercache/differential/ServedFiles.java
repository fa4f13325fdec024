package io.github.dockercache.differential;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The directory the loopback nginx of {@code scripts/repository.sh} serves as
 * {@code http://127.0.0.1:18086/static/}: a scenario's Dockerfile reaches its served files (changes with
 * {@code "root": "served"}) at {@code http://127.0.0.1:18086/static/<scenario>/<path>}. BuildKit fetches URLs and
 * git repositories from the daemon, which runs in the host's network, so {@code --network=none} builds reach them.
 */
final class ServedFiles {
    private static final Path ROOT = Path.of("/tmp/dockercache-repository/static");

    private ServedFiles() {}

    /** The scenario's served directory, emptied; skips the test (fails it under CI) when nothing serves it. */
    static Path freshDirectory(String scenario) throws IOException {
        if (!Files.isDirectory(ROOT)) {
            String message = "no " + ROOT
                    + " for the scenario's served files; start the server with: scripts/repository.sh start";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        Path directory = ROOT.resolve(scenario);
        FileTrees.delete(directory);
        Files.createDirectories(directory);
        return directory;
    }
}
