package io.github.dockercache.cost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Log files for the tests: the real ones captured from the engine, and hand-written excerpts. */
final class TestLogs {
    private TestLogs() {}

    /** A fixture from {@code src/test/resources/cost/}. */
    static Path fixture(String name) {
        try {
            return Path.of(TestLogs.class.getResource("/cost/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a log excerpt to {@code dir/build.log}. */
    static Path write(Path dir, String log) {
        try {
            return Files.writeString(dir.resolve("build.log"), log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a log excerpt as a file. */
    static StepCosts read(Path dir, String log) throws CostLogException {
        return StepCosts.read(write(dir, log));
    }
}
