package io.github.dockercache.context;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.github.dockercache.testing.ConformanceVectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The upstream conformance vectors (see {@link ConformanceVectors}) and readers for their TSV/JSON files. */
final class SharedVectors {
    private SharedVectors() {}

    static Path conformance(String folder) {
        return ConformanceVectors.folder(folder);
    }

    static JsonElement json(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** TSV rows without the header line; trailing empty columns are kept. */
    static List<String[]> tsv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isEmpty()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    static List<String> strings(JsonElement array) {
        List<String> result = new ArrayList<>();
        if (array != null && !array.isJsonNull()) {
            array.getAsJsonArray().forEach(e -> result.add(e.getAsString()));
        }
        return result;
    }

    static List<String> semicolonList(String field) {
        return field.isEmpty() ? List.of() : Arrays.asList(field.split(";", -1));
    }
}
