package io.github.dockercache.context;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Materializes the {@code tree} lists of the conformance data as real directories. */
final class ConformanceTrees {
    private ConformanceTrees() {}

    static void build(Path root, JsonArray tree) throws IOException {
        for (JsonElement element : tree) {
            JsonObject node = element.getAsJsonObject();
            Path path = root.resolve(node.get("path").getAsString());
            Files.createDirectories(path.getParent());
            switch (node.get("type").getAsString()) {
                case "dir" -> Files.createDirectories(path);
                case "file" ->
                    Files.writeString(
                            path, node.has("content") ? node.get("content").getAsString() : "");
                case "symlink" ->
                    Files.createSymbolicLink(path, Path.of(node.get("target").getAsString()));
                default -> throw new IllegalArgumentException("unknown node type in " + node);
            }
        }
    }

    static void delete(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static Map<String, FileEntry> byPath(Selection selection) {
        Map<String, FileEntry> result = new LinkedHashMap<>();
        selection.entries().forEach(e -> result.put(e.path(), e));
        return result;
    }
}
