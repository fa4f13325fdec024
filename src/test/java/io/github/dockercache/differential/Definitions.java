package io.github.dockercache.differential;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The definitions the differential tests play: a directory each, holding a JSON file. */
final class Definitions {
    private static final Gson GSON = new Gson();

    private Definitions() {}

    /** A directory or file of the test class path, such as {@code /differential}. */
    static Path onClassPath(String resource) throws IOException {
        URL location = Definitions.class.getResource(resource);
        if (location == null) {
            throw new IOException("no " + resource + " on the test class path");
        }
        try {
            return Path.of(location.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("unusable class path location " + location, e);
        }
    }

    /** The directories of {@code root} that hold {@code file}, sorted by name. */
    static List<Path> directories(Path root, String file) throws IOException {
        try (Stream<Path> directories = Files.list(root)) {
            return directories
                    .filter(directory -> Files.isRegularFile(directory.resolve(file)))
                    .sorted()
                    .toList();
        }
    }

    /** Reads a definition; a file that is not one fails naming itself. */
    static <T> T read(Path file, Class<T> type) {
        try {
            T definition = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), type);
            if (definition == null) {
                throw new IllegalArgumentException(file + " is empty");
            }
            return definition;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
