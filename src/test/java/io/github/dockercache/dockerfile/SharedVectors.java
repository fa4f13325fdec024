package io.github.dockercache.dockerfile;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.github.dockercache.testing.ConformanceVectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Access to the upstream conformance vectors (see {@link ConformanceVectors}). */
final class SharedVectors {
    private SharedVectors() {}

    static Path conformance(String folder) {
        return ConformanceVectors.folder(folder);
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
