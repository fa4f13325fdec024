package io.github.dockercache.dockerfile;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Access to the shared conformance vectors, located by the {@code dockercache.sharedDir} system property. */
final class SharedVectors {
    static final String PROPERTY = "dockercache.sharedDir";

    private SharedVectors() {}

    static Path conformance(String folder) {
        String shared = System.getProperty(PROPERTY);
        if (shared == null || shared.isBlank()) {
            fail("system property " + PROPERTY + " is not set; run the tests through Maven (surefire sets it)");
        }
        Path dir = Path.of(shared, "conformance", folder);
        if (!Files.isDirectory(dir)) {
            fail("conformance folder not found: " + dir.toAbsolutePath() + " (check " + PROPERTY + ")");
        }
        return dir;
    }

    static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    static JsonElement json(Path file) {
        return JsonParser.parseString(text(file));
    }
}
