package io.github.dockercache.cost;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** Reads a build log file and hands it to the parser its content calls for. */
final class BuildLog {
    private static final String HOW_TO_LOG =
            "log a build with 'docker buildx build --progress=rawjson . 2> build.json' (or --progress=plain)";
    /** BuildKit's build IDs, as buildx.build.ref ends (identity.NewID: base36). */
    private static final Pattern BUILD_ID = Pattern.compile("[a-z0-9]+");

    private BuildLog() {}

    /**
     * The vertices of a log. The first progress line decides the format; lines before it are the client's messages.
     */
    static List<VertexRun> vertices(Path file) throws CostLogException {
        String source = file.toString();
        List<String> lines = lines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (PlainLog.isProgressLine(line)) {
                return PlainLog.vertices(source, lines);
            }
            if (line.startsWith("{")) {
                if (RawJsonLog.startsProgress(lines, i)) {
                    return RawJsonLog.vertices(source, lines);
                }
                JsonObject metadata = metadataFile(lines);
                if (metadata != null) {
                    throw new CostLogException(source + " is a --metadata-file: it names the image and how it was"
                            + " built but records no time per step (even with BUILDX_METADATA_PROVENANCE=max, only"
                            + " the whole build's start and end); " + historyHint(metadata) + HOW_TO_LOG);
                }
                throw CostLogException.at(source, i + 1, "JSON, but not BuildKit progress; " + HOW_TO_LOG);
            }
        }
        throw CostLogException.at(
                source, 1, "not a BuildKit build log (no '#<n> ' or JSON progress line); " + HOW_TO_LOG);
    }

    private static List<String> lines(Path file) throws CostLogException {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CostLogException(file + ": no such file", e);
        } catch (CharacterCodingException e) {
            throw new CostLogException(file + ": not a text log (not UTF-8)", e);
        } catch (IOException e) {
            throw new CostLogException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The metadata file's object, or null when the lines are not one: buildx writes it as one indented object whose
     * keys are namespaced (buildx.build.ref, ...).
     */
    private static JsonObject metadataFile(List<String> lines) {
        try {
            JsonElement json = JsonParser.parseString(String.join("\n", lines));
            return json.isJsonObject()
                            && json.getAsJsonObject().keySet().stream()
                                    .anyMatch(key -> key.startsWith("buildx.") || key.startsWith("containerimage."))
                    ? json.getAsJsonObject()
                    : null;
        } catch (JsonParseException e) {
            return null;
        }
    }

    /**
     * The builder keeps a record of that very build: buildx.build.ref ({@code builder/node/id}) names it, and
     * {@code buildx history logs} replays its progress with every step's times.
     */
    private static String historyHint(JsonObject metadata) {
        JsonElement ref = metadata.get("buildx.build.ref");
        if (ref == null || !ref.isJsonPrimitive()) {
            return "";
        }
        String id = ref.getAsString().substring(ref.getAsString().lastIndexOf('/') + 1);
        if (!BUILD_ID.matcher(id).matches()) {
            return ""; // not a build's ID: nothing to put into a command line the user may paste
        }
        return "get that build's step times with 'docker buildx history logs --progress=rawjson " + id
                + " 2> build.json' while the builder keeps its record, or ";
    }
}
