package io.github.dockercache.store;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.Dependencies;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepSnapshot;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reads and writes snapshots and baselines as stable, sorted, diff-friendly JSON. Writes go to a
 * temporary file next to the target and are moved into place, so a reader never sees half a file.
 */
public final class SnapshotStore {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private SnapshotStore() {}

    public static String toJson(Snapshot snapshot) {
        return GSON.toJson(snapshot) + "\n";
    }

    /** Writes atomically, replacing an existing file. */
    public static void write(Path file, Snapshot snapshot) throws IOException {
        writeAtomically(file, toJson(snapshot));
    }

    /** Writes text atomically: temporary file in the same directory, then a move. */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
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
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            snapshot = GSON.fromJson(reader, Snapshot.class);
        } catch (JsonParseException e) {
            throw unusable(file, "it is not valid JSON (" + jsonProblem(e) + ")", e);
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
     * What the parser says and where ("End of input at line 53 column 3 path $.steps"): Gson wraps the reader's
     * exception, whose name then leads the message, and may add a second line pointing to its troubleshooting page.
     */
    private static String jsonProblem(JsonParseException e) {
        Throwable innermost = e;
        while (innermost.getCause() != null && innermost.getCause().getMessage() != null) {
            innermost = innermost.getCause();
        }
        String message = innermost.getMessage();
        return message == null ? "no detail" : message.lines().findFirst().orElse("no detail");
    }

    private static SnapshotFormatException unusable(Path file, String why, Throwable cause) {
        return new SnapshotFormatException("cannot use " + file + ": " + why
                + ". Record it again with 'mvn dockercache:baseline' (or delete it).", cause);
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
