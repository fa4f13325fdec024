package io.github.dockercache.store;

import com.google.gson.JsonParseException;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import io.github.dockercache.files.BoundedFile;
import io.github.dockercache.files.FileLimitException;
import io.github.dockercache.files.JsonReasons;
import io.github.dockercache.files.TempFiles;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.Dependencies;
import io.github.dockercache.model.FileInfo;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepPlace;
import io.github.dockercache.model.StepReadSet;
import io.github.dockercache.model.StepSnapshot;
import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes snapshots and baselines as stable, sorted, diff-friendly JSON. Writes go to a
 * temporary file next to the target and are moved into place, so a reader never sees half a file.
 */
public final class SnapshotStore {
    /**
     * Limits on a baseline or snapshot read (docs/limits.md), which scale with the heap, since the heap is what a large
     * baseline costs: one string per 128 bytes of it, rounded down to a hundred thousand (2,000,000 at {@code -Xmx256m},
     * where a map of a million keys is read in about 115 MiB), and a quarter of it in bytes, at least 64 MiB. A baseline
     * of a 200,000-file context holds about a million strings in 56 MiB, read in about 105 MiB.
     */
    static final long MAX_BYTES = Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 4);

    /** The largest file read whole before parsing: a compact baseline of about 800,000 entries. */
    private static final long WHOLE_READ_BYTES = 16L << 20;

    static final long MAX_STRINGS = Math.max(100_000, Runtime.getRuntime().maxMemory() / 128 / 100_000 * 100_000);
    /** Linux's limit on symlinks followed in one lookup. */
    private static final int MAX_LINK_HOPS = 40;

    private SnapshotStore() {}

    /**
     * The snapshot as written (format version {@value Snapshot#VERSION}, docs/snapshot-format.md): steps, keys and history
     * as pretty-printed JSON, the context entries in a compact {@link FileTable}, except those whose details an
     * explanation reads (the parts of archives and stamped files), which stay whole under {@code files}.
     */
    public static String toJson(Snapshot snapshot) {
        SortedMap<String, FileInfo> files = snapshot.files() == null ? new TreeMap<>() : snapshot.files();
        List<StepSnapshot> steps =
                snapshot.steps().stream().map(SnapshotStore::normalize).toList();
        FileTable.Encoded table;
        try {
            table = FileTable.encode(files, steps);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // written to memory only
        }
        Snapshot plain = snapshot.withSteps(
                        steps.stream().map(step -> step.withFiles(null)).toList())
                .withFiles(table.detailed());
        return SnapshotJson.write(plain, table.chunks());
    }

    /** Writes atomically, replacing an existing file. */
    public static void write(Path file, Snapshot snapshot) throws IOException {
        writeAtomically(file, toJson(snapshot));
    }

    /**
     * Writes text atomically: temporary file in the same directory ({@link TempFiles}, which also removes what a
     * crashed run left there), then a move. A symlink is written through: its target is replaced, the link stays.
     */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path target = throughLinks(file.toAbsolutePath());
        TempFiles.Temp temporary = TempFiles.create(target.getParent(), "." + target.getFileName() + ".");
        try {
            try (FileChannel channel = temporary.channel();
                    Writer out = Channels.newWriter(channel, StandardCharsets.UTF_8)) {
                out.write(text);
            }
            TempFiles.moveOver(temporary.path(), target);
        } finally {
            Files.deleteIfExists(temporary.path());
        }
    }

    /** The file a path names once its symlinks are followed; it need not exist (a dangling link is written through). */
    private static Path throughLinks(Path file) throws IOException {
        Path path = file;
        for (int hops = 0; Files.isSymbolicLink(path); hops++) {
            if (hops == MAX_LINK_HOPS) {
                throw new FileSystemException(file.toString(), null, "Too many levels of symbolic links");
            }
            path = path.getParent().resolve(Files.readSymbolicLink(path));
        }
        return path;
    }

    /**
     * Reads a snapshot or baseline, its file table decoded at once.
     *
     * @throws NoSuchFileException when the file does not exist
     * @throws SnapshotFormatException when it is not a snapshot this version can read
     */
    public static Snapshot read(Path file) throws IOException, SnapshotFormatException {
        return read(file, false);
    }

    /**
     * Reads a baseline to compare with: as {@link #read}, but a file table with a checksum (written since it was
     * recorded) is decoded only when an explanation first reads a step's entries; its damage is found now, by the
     * checksum. A table that matches its sum and still does not decode throws {@link DamagedTableException} where it
     * is first read.
     */
    public static Snapshot readForComparison(Path file) throws IOException, SnapshotFormatException {
        return read(file, true);
    }

    private static Snapshot read(Path file, boolean lazily) throws IOException, SnapshotFormatException {
        try {
            BoundedFile.check(file, MAX_BYTES);
        } catch (FileLimitException e) {
            throw new SnapshotFormatException(
                    file,
                    "it " + e.getMessage() + (e.tooLarge() ? " for a baseline or snapshot in this heap" : ""),
                    null,
                    e.tooLarge());
        }
        Snapshot snapshot;
        List<String> table;
        String checksum;
        // a file of this size is read whole (less than a snapshot of it takes in the heap), so that its table is cut
        // out before the JSON parser reads the rest; a larger one is parsed as it is read, as is one without a table
        String text = Files.size(file) <= WHOLE_READ_BYTES ? Files.readString(file) : null;
        TableText.Cut cut = text == null ? null : TableText.cut(text);
        Reader source = cut != null
                ? new StringReader(cut.rest())
                : text != null ? new StringReader(text) : Files.newBufferedReader(file, StandardCharsets.UTF_8);
        try (CountingReader reader =
                new CountingReader(source, cut == null ? 0 : cut.chunks().size())) {
            SnapshotJson.Parsed parsed;
            try {
                parsed = SnapshotJson.read(reader);
                if (parsed.snapshot() != null && reader.peek() != JsonToken.END_DOCUMENT) {
                    throw unusable(
                            file, "it is not valid JSON (more text after the end, " + reader.getPath() + ")", null);
                }
            } catch (JsonParseException
                    | MalformedJsonException
                    | EOFException
                    | IllegalStateException
                    | NumberFormatException e) {
                throw unusable(file, "it is not valid JSON (" + jsonProblem(e, reader) + ")", e);
            } catch (TooManyStrings e) {
                throw new SnapshotFormatException(
                        file,
                        "it has more than " + String.format(Locale.ROOT, "%,d", MAX_STRINGS) + " strings"
                                + " (keys and values), the limit for a baseline or snapshot in this heap",
                        null,
                        true);
            } catch (SnapshotJson.NotAList e) {
                throw unusable(file, "its file table is not a list of strings", null);
            }
            snapshot = parsed.snapshot();
            table = cut != null ? cut.chunks() : parsed.fileTable();
            checksum = parsed.tableChecksum();
        }
        if (snapshot == null || !Snapshot.FORMAT.equals(snapshot.format())) {
            throw unusable(file, "it is not a dockercache snapshot", null);
        }
        if (snapshot.version() != Snapshot.VERSION && snapshot.version() != Snapshot.PLAIN_VERSION) {
            throw unusable(
                    file,
                    "it has format version " + snapshot.version() + ", this plugin reads versions "
                            + Snapshot.PLAIN_VERSION + " and " + Snapshot.VERSION,
                    null);
        }
        String damage = SnapshotValidation.damage(snapshot);
        if (damage != null) {
            throw unusable(file, damage, null);
        }
        if (snapshot.version() == Snapshot.PLAIN_VERSION) {
            return normalize(snapshot);
        }
        if (table == null) {
            throw unusable(file, "its file table is missing", null);
        }
        if (checksum != null && !checksum.equals(Chunks.checksum(table))) {
            throw unusable(file, "its file table does not match its checksum (the file was changed or damaged)", null);
        }
        Map<String, FileInfo> detailed = snapshot.files() == null ? Map.of() : snapshot.files();
        int stepCount = snapshot.steps().size();
        List<StepSnapshot> steps = new ArrayList<>(stepCount);
        if (lazily && checksum != null) {
            LazyFileTable lazy = new LazyFileTable(file, table, detailed, stepCount);
            for (int i = 0; i < stepCount; i++) {
                steps.add(snapshot.steps().get(i).withFiles(lazy.stepFiles(i)));
            }
            return normalize(snapshot.withSteps(steps).withFiles(lazy.files()));
        }
        FileTable.Decoded decoded = decode(file, table, detailed, stepCount);
        for (int i = 0; i < stepCount; i++) {
            steps.add(snapshot.steps().get(i).withFiles(decoded.stepFiles().get(i)));
        }
        return normalize(snapshot.withSteps(steps).withFiles(decoded.files()));
    }

    /** The file table of {@code file}, which has {@code steps} steps, decoded and checked. */
    static FileTable.Decoded decode(Path file, List<String> table, Map<String, FileInfo> detailed, int steps)
            throws SnapshotFormatException {
        FileTable.Decoded decoded;
        try {
            decoded = FileTable.decode(table, detailed, MAX_BYTES, MAX_STRINGS);
        } catch (IllegalArgumentException e) {
            throw unusable(file, e.getMessage(), null);
        }
        if (decoded.stepFiles().size() != steps) {
            throw unusable(file, "its file table does not match its steps", null);
        }
        return decoded;
    }

    /**
     * A reader that stops once the file holds more strings (map keys, string values) than a baseline of a large context
     * does: each one is kept, and ten million of them exhaust a 256 MiB heap before the end. Names of fields are not
     * counted: they are matched and dropped.
     */
    private static final class CountingReader extends JsonReader {
        private long strings;

        /** {@code strings}: those read already, the chunks of a table cut out of the text ({@link TableText}). */
        CountingReader(Reader in, long strings) {
            super(in);
            this.strings = strings;
        }

        @Override
        public String nextString() throws IOException {
            if (++strings > MAX_STRINGS) {
                throw new TooManyStrings();
            }
            return super.nextString();
        }
    }

    /** Unchecked, so that it passes the reader's methods. */
    private static final class TooManyStrings extends RuntimeException {
        TooManyStrings() {
            super(null, null, false, false);
        }
    }

    /** The JSON reader's token names in plain words; made only for a message (a class of its own). */
    private static final class TokenWords {
        static final Map<String, String> TOKEN_WORDS = Map.of(
                "BEGIN_ARRAY",
                "a list",
                "END_ARRAY",
                "the end of a list",
                "BEGIN_OBJECT",
                "an object",
                "END_OBJECT",
                "the end of an object",
                "NAME",
                "a name",
                "STRING",
                "a string",
                "NUMBER",
                "a number",
                "BOOLEAN",
                "true or false",
                "NULL",
                "null",
                "END_DOCUMENT",
                "the end of the file");
        static final Pattern JSON_TOKEN = Pattern.compile("\\b(" + String.join("|", TOKEN_WORDS.keySet()) + ")\\b");
    }

    /**
     * What is wrong and where, in words that name no class of the JSON library: its token names become plain words
     * ("expected a list but was a number at line 1 column 60 path $.steps"), its second line (a link to its
     * troubleshooting page) is dropped, and a number that is not one gets the path the reader stopped at.
     */
    private static String jsonProblem(Exception e, JsonReader reader) {
        Throwable innermost = JsonReasons.innermost(e);
        if (innermost instanceof NumberFormatException
                && String.valueOf(innermost.getMessage()).startsWith("For input")) {
            return "expected a number at path " + reader.getPreviousPath();
        }
        String message = JsonReasons.firstLine(e);
        if (message.isBlank()) {
            return "unreadable at path " + reader.getPath();
        }
        Matcher token = TokenWords.JSON_TOKEN.matcher(message);
        StringBuilder words = new StringBuilder();
        while (token.find()) {
            token.appendReplacement(words, TokenWords.TOKEN_WORDS.get(token.group()));
        }
        token.appendTail(words);
        return words.toString();
    }

    private static SnapshotFormatException unusable(Path file, String why, Throwable detail) {
        return new SnapshotFormatException(file, why, detail, false);
    }

    /** Absent collections become empty ones, so the rest of the code never meets null lists. */
    private static Snapshot normalize(Snapshot s) {
        List<StepSnapshot> steps = new ArrayList<>(s.steps().size());
        for (StepSnapshot step : s.steps()) {
            steps.add(normalize(step));
        }
        return new Snapshot(
                s.format(),
                s.version(),
                s.dockerfile(),
                s.target(),
                s.buildArgs() == null ? new TreeMap<>() : s.buildArgs(),
                Collections.unmodifiableList(steps),
                s.files() == null ? new TreeMap<>() : s.files(),
                Objects.requireNonNullElse(s.warnings(), List.of()),
                Objects.requireNonNullElse(s.history(), List.of()),
                Objects.requireNonNullElse(s.builder(), Builder.BUILDKIT),
                Objects.requireNonNullElse(s.stages(), List.of()),
                s.dependencies() == null
                        ? null
                        : new Dependencies(
                                s.dependencies().maven(),
                                Objects.requireNonNullElse(s.dependencies().modules(), List.of()),
                                s.dependencies().manifests() == null
                                        ? new TreeMap<>()
                                        : s.dependencies().manifests()));
    }

    private static StepSnapshot normalize(StepSnapshot s) {
        StepPlace place = s.place();
        StepReadSet reads = s.reads();
        return new StepSnapshot(
                new StepPlace(
                        place.id(),
                        place.stage(),
                        place.stageIndex(),
                        place.number(),
                        place.line(),
                        place.instruction(),
                        Objects.requireNonNullElse(place.text(), "")),
                s.keys(),
                new StepReadSet(
                        reads.inputs() == null ? new TreeMap<>() : reads.inputs(),
                        reads.origins() == null ? new TreeMap<>() : reads.origins(),
                        Objects.requireNonNullElse(reads.files(), List.of()),
                        Objects.requireNonNullElse(reads.sources(), List.of()),
                        reads.fromStage()),
                s.marker());
    }
}
