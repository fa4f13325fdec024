package io.github.dockercache.store;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.Dependencies;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepSnapshot;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes snapshots and baselines as stable, sorted, diff-friendly JSON. Writes go to a
 * temporary file next to the target and are moved into place, so a reader never sees half a file.
 */
public final class SnapshotStore {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    private static final Map<String, String> TOKEN_WORDS = Map.of("BEGIN_ARRAY", "a list", "END_ARRAY", "the end of a list",
            "BEGIN_OBJECT", "an object", "END_OBJECT", "the end of an object", "NAME", "a name", "STRING", "a string",
            "NUMBER", "a number", "BOOLEAN", "true or false", "NULL", "null", "END_DOCUMENT", "the end of the file");
    private static final Pattern JSON_TOKEN = Pattern.compile("\\b(" + String.join("|", TOKEN_WORDS.keySet()) + ")\\b");

    private SnapshotStore() {}

    public static String toJson(Snapshot snapshot) {
        return GSON.toJson(snapshot) + "\n";
    }

    /** Writes atomically, replacing an existing file. */
    public static void write(Path file, Snapshot snapshot) throws IOException {
        writeAtomically(file, toJson(snapshot));
    }

    /**
     * Writes text atomically: temporary file in the same directory, then a move. The temporary file is created with
     * the default permissions, which the user's umask shapes as for every other file of the build ({@code
     * createTempFile} would make it, and so the result, readable by its owner only).
     */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createFile(directory.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp"));
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Reads a snapshot or baseline.
     *
     * @throws NoSuchFileException when the file does not exist
     * @throws SnapshotFormatException when it is not a snapshot this version can read
     */
    public static Snapshot read(Path file) throws IOException, SnapshotFormatException {
        Snapshot snapshot;
        try (JsonReader reader = new JsonReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            try {
                snapshot = GSON.fromJson(reader, Snapshot.class);
                if (snapshot != null && reader.peek() != JsonToken.END_DOCUMENT) {
                    throw unusable(file, "it is not valid JSON (more text after the end, " + reader.getPath() + ")", null);
                }
            } catch (JsonParseException | MalformedJsonException | EOFException e) {
                throw unusable(file, "it is not valid JSON (" + jsonProblem(e, reader) + ")", e);
            }
        }
        if (snapshot == null || !Snapshot.FORMAT.equals(snapshot.format())) {
            throw unusable(file, "it is not a dockercache snapshot", null);
        }
        if (snapshot.version() != Snapshot.VERSION) {
            throw unusable(file, "it has format version " + snapshot.version() + ", this plugin reads version "
                    + Snapshot.VERSION, null);
        }
        String damage = SnapshotValidation.damage(snapshot);
        if (damage != null) {
            throw unusable(file, damage, null);
        }
        return normalize(snapshot);
    }

    /**
     * What is wrong and where, in words that name no class of the JSON library: its token names become plain words
     * ("expected a list but was a number at line 1 column 60 path $.steps"), its second line (a link to its
     * troubleshooting page) is dropped, and a number that is not one gets the path the reader stopped at.
     */
    private static String jsonProblem(Exception e, JsonReader reader) {
        Throwable innermost = e;
        while (innermost.getCause() != null && innermost.getCause().getMessage() != null) {
            innermost = innermost.getCause();
        }
        if (innermost instanceof NumberFormatException && String.valueOf(innermost.getMessage()).startsWith("For input")) {
            return "expected a number at path " + reader.getPreviousPath();
        }
        String message = innermost.getMessage() == null ? "" : innermost.getMessage().lines().findFirst().orElse("");
        if (message.isBlank()) {
            return "unreadable at path " + reader.getPath();
        }
        Matcher token = JSON_TOKEN.matcher(message);
        StringBuilder words = new StringBuilder();
        while (token.find()) {
            token.appendReplacement(words, TOKEN_WORDS.get(token.group()));
        }
        token.appendTail(words);
        return words.toString();
    }

    private static SnapshotFormatException unusable(Path file, String why, Throwable detail) {
        return new SnapshotFormatException(file, why, detail);
    }

    /** Absent collections become empty ones, so the rest of the code never meets null lists. */
    private static Snapshot normalize(Snapshot s) {
        List<StepSnapshot> steps = s.steps().stream().map(SnapshotStore::normalize).toList();
        return new Snapshot(s.format(), s.version(), s.dockerfile(), s.target(),
                s.buildArgs() == null ? new TreeMap<>() : s.buildArgs(), steps,
                s.files() == null ? new TreeMap<>() : s.files(),
                Objects.requireNonNullElse(s.warnings(), List.of()),
                Objects.requireNonNullElse(s.history(), List.of()),
                Objects.requireNonNullElse(s.builder(), Builder.BUILDKIT),
                Objects.requireNonNullElse(s.stages(), List.of()),
                s.dependencies() == null ? null : new Dependencies(s.dependencies().maven(),
                        s.dependencies().manifests() == null ? new TreeMap<>() : s.dependencies().manifests()));
    }

    private static StepSnapshot normalize(StepSnapshot s) {
        return new StepSnapshot(s.id(), s.stage(), s.stageIndex(), s.number(), s.line(), s.instruction(),
                Objects.requireNonNullElse(s.text(), ""), s.key(), s.optimisticKey(), s.parentId(), s.parentKey(),
                s.unknownReason(),
                s.inputs() == null ? new TreeMap<>() : s.inputs(),
                s.origins() == null ? new TreeMap<>() : s.origins(),
                Objects.requireNonNullElse(s.files(), List.of()),
                Objects.requireNonNullElse(s.sources(), List.of()),
                s.fromStage(), s.marker());
    }
}
