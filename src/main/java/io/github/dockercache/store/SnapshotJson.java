package io.github.dockercache.store;

import com.google.gson.FormattingStyle;
import com.google.gson.JsonParseException;
import com.google.gson.JsonSyntaxException;
import com.google.gson.Strictness;
import com.google.gson.internal.JsonReaderInternalAccess;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.Dependencies;
import io.github.dockercache.model.FileInfo;
import io.github.dockercache.model.HistoryEntry;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StageSnapshot;
import io.github.dockercache.model.StepKeys;
import io.github.dockercache.model.StepPlace;
import io.github.dockercache.model.StepReadSet;
import io.github.dockercache.model.StepSnapshot;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A snapshot's JSON text, on Gson's streams without its data binding: starting that binding (its factories, the
 * reflective adapters of the records, the JDK's reflection) cost a fresh JVM about 60 ms of CPU, nearly two thirds of
 * reading a small baseline (bench/results.md).
 *
 * <p>It reads and writes what {@code new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()} did with the
 * records, byte for byte, and reads as leniently, with the same words for what is wrong: members in the order of the
 * record components, a null member left out, a null in a list kept; unknown members skipped, a missing one null (0 for
 * a number, where a null is refused), a boolean taken as a string, an unknown builder as none, a map also as a list of
 * key and value pairs, a repeated key refused. {@code SnapshotJsonTest} checks both against Gson's data binding.
 *
 * <p>One file: the reader and the writer of each record sit side by side, so that a field added to one is seen missing
 * from the other.
 */
final class SnapshotJson {
    private static final String FILE_TABLE = "fileTable";
    private static final String TABLE_CHECKSUM = "fileTableChecksum";

    /**
     * What the text holds: the snapshot (null for an empty text or {@code null}), its top-level file table, and the
     * table's checksum ({@link Chunks#checksum}, null in a file written before it was recorded).
     */
    record Parsed(Snapshot snapshot, List<String> fileTable, String tableChecksum) {}

    /** A file table that is not a list of strings; unchecked, as the reader's own problems are. */
    static final class NotAList extends RuntimeException {
        NotAList() {
            super(null, null, false, false);
        }
    }

    /** What a list or map holds: a kind, not a lambda, as each lambda costs a fresh JVM a class made at run time. */
    private enum Kind {
        STRING,
        STEP,
        FILE,
        HISTORY,
        STAGE
    }

    private SnapshotJson() {}

    /**
     * Reads one snapshot from {@code in}, leniently (as Gson's {@code fromJson} did), leaving the reader after it.
     *
     * @throws IOException for text that is not JSON ({@link com.google.gson.stream.MalformedJsonException}, {@link
     *     EOFException})
     * @throws IllegalStateException for a value of the wrong kind, {@link NumberFormatException} for a number that is
     *     none, {@link JsonParseException} for a repeated key or a missing number; each message says where
     */
    static Parsed read(JsonReader in) throws IOException {
        Strictness strictness = in.getStrictness();
        if (strictness == Strictness.LEGACY_STRICT) {
            in.setStrictness(Strictness.LENIENT);
        }
        try {
            try {
                in.peek();
            } catch (EOFException e) {
                return new Parsed(null, null, null); // nothing but white space
            }
            if (isNull(in)) {
                return new Parsed(null, null, null);
            }
            return snapshot(in);
        } finally {
            in.setStrictness(strictness);
        }
    }

    private static Parsed snapshot(JsonReader in) throws IOException {
        String format = null;
        int version = 0;
        String dockerfile = null;
        String target = null;
        SortedMap<String, String> buildArgs = null;
        List<StepSnapshot> steps = null;
        SortedMap<String, FileInfo> files = null;
        List<String> warnings = null;
        List<HistoryEntry> history = null;
        Builder builder = null;
        List<StageSnapshot> stages = null;
        Dependencies dependencies = null;
        List<String> fileTable = null;
        String tableChecksum = null;
        in.beginObject();
        while (in.hasNext()) {
            switch (in.nextName()) {
                case "format" -> format = string(in);
                case "version" -> version = integer(in, "version");
                case "dockerfile" -> dockerfile = string(in);
                case "target" -> target = string(in);
                case "buildArgs" -> buildArgs = map(in, Kind.STRING);
                case "steps" -> steps = list(in, Kind.STEP);
                case "files" -> files = map(in, Kind.FILE);
                case "warnings" -> warnings = list(in, Kind.STRING);
                case "history" -> history = list(in, Kind.HISTORY);
                case "builder" -> builder = builder(in);
                case "stages" -> stages = list(in, Kind.STAGE);
                case "dependencies" -> dependencies = dependencies(in);
                case FILE_TABLE -> fileTable = fileTable(in);
                case TABLE_CHECKSUM -> tableChecksum = string(in);
                default -> in.skipValue();
            }
        }
        in.endObject();
        return new Parsed(
                new Snapshot(
                        format,
                        version,
                        dockerfile,
                        target,
                        buildArgs,
                        steps,
                        files,
                        warnings,
                        history,
                        builder,
                        stages,
                        dependencies),
                fileTable,
                tableChecksum);
    }

    private static List<String> fileTable(JsonReader in) throws IOException {
        if (in.peek() != JsonToken.BEGIN_ARRAY) {
            throw new NotAList();
        }
        List<String> chunks = new ArrayList<>();
        in.beginArray();
        while (in.hasNext()) {
            if (in.peek() != JsonToken.STRING) {
                throw new NotAList();
            }
            chunks.add(in.nextString());
        }
        in.endArray();
        return chunks;
    }

    private static StepSnapshot step(JsonReader in) throws IOException {
        if (isNull(in)) {
            return null;
        }
        String id = null;
        String stage = null;
        int stageIndex = 0;
        int number = 0;
        int line = 0;
        String instruction = null;
        String text = null;
        String key = null;
        String optimisticKey = null;
        String parentId = null;
        String parentKey = null;
        String unknownReason = null;
        SortedMap<String, String> inputs = null;
        SortedMap<String, String> origins = null;
        List<String> files = null;
        List<String> sources = null;
        String fromStage = null;
        String marker = null;
        in.beginObject();
        while (in.hasNext()) {
            switch (in.nextName()) {
                case "id" -> id = string(in);
                case "stage" -> stage = string(in);
                case "stageIndex" -> stageIndex = integer(in, "stageIndex");
                case "number" -> number = integer(in, "number");
                case "line" -> line = integer(in, "line");
                case "instruction" -> instruction = string(in);
                case "text" -> text = string(in);
                case "key" -> key = string(in);
                case "optimisticKey" -> optimisticKey = string(in);
                case "parentId" -> parentId = string(in);
                case "parentKey" -> parentKey = string(in);
                case "unknownReason" -> unknownReason = string(in);
                case "inputs" -> inputs = map(in, Kind.STRING);
                case "origins" -> origins = map(in, Kind.STRING);
                case "files" -> files = list(in, Kind.STRING);
                case "sources" -> sources = list(in, Kind.STRING);
                case "fromStage" -> fromStage = string(in);
                case "marker" -> marker = string(in);
                default -> in.skipValue();
            }
        }
        in.endObject();
        return new StepSnapshot(
                new StepPlace(id, stage, stageIndex, number, line, instruction, text),
                new StepKeys(key, optimisticKey, parentId, parentKey, unknownReason),
                new StepReadSet(inputs, origins, files, sources, fromStage),
                marker);
    }

    private static FileInfo fileInfo(JsonReader in) throws IOException {
        if (isNull(in)) {
            return null;
        }
        String type = null;
        String mode = null;
        long size = 0;
        String content = null;
        String target = null;
        String digest = null;
        SortedMap<String, String> parts = null;
        SortedMap<String, String> manifest = null;
        in.beginObject();
        while (in.hasNext()) {
            switch (in.nextName()) {
                case "type" -> type = string(in);
                case "mode" -> mode = string(in);
                case "size" -> {
                    if (isNull(in)) {
                        throw nullNumber(in, "size");
                    }
                    size = in.nextLong();
                }
                case "content" -> content = string(in);
                case "target" -> target = string(in);
                case "digest" -> digest = string(in);
                case "parts" -> parts = map(in, Kind.STRING);
                case "manifest" -> manifest = map(in, Kind.STRING);
                default -> in.skipValue();
            }
        }
        in.endObject();
        return new FileInfo(type, mode, size, content, target, digest, parts, manifest);
    }

    private static HistoryEntry historyEntry(JsonReader in) throws IOException {
        if (isNull(in)) {
            return null;
        }
        String recordedAt = null;
        String commit = null;
        List<String> keys = null;
        List<String> optimisticKeys = null;
        in.beginObject();
        while (in.hasNext()) {
            switch (in.nextName()) {
                case "recordedAt" -> recordedAt = string(in);
                case "commit" -> commit = string(in);
                case "keys" -> keys = list(in, Kind.STRING);
                case "optimisticKeys" -> optimisticKeys = list(in, Kind.STRING);
                default -> in.skipValue();
            }
        }
        in.endObject();
        return new HistoryEntry(recordedAt, commit, keys, optimisticKeys);
    }

    private static StageSnapshot stage(JsonReader in) throws IOException {
        if (isNull(in)) {
            return null;
        }
        String label = null;
        String baseStage = null;
        String marker = null;
        in.beginObject();
        while (in.hasNext()) {
            switch (in.nextName()) {
                case "label" -> label = string(in);
                case "baseStage" -> baseStage = string(in);
                case "marker" -> marker = string(in);
                default -> in.skipValue();
            }
        }
        in.endObject();
        return new StageSnapshot(label, baseStage, marker);
    }

    private static Dependencies dependencies(JsonReader in) throws IOException {
        if (isNull(in)) {
            return null;
        }
        List<String> maven = null;
        List<String> modules = null;
        SortedMap<String, String> manifests = null;
        in.beginObject();
        while (in.hasNext()) {
            switch (in.nextName()) {
                case "maven" -> maven = list(in, Kind.STRING);
                case "modules" -> modules = list(in, Kind.STRING);
                case "manifests" -> manifests = map(in, Kind.STRING);
                default -> in.skipValue();
            }
        }
        in.endObject();
        return new Dependencies(maven, modules, manifests);
    }

    /** The builder by its constant's name; an unknown one is none (the reader then takes BuildKit). */
    private static Builder builder(JsonReader in) throws IOException {
        if (isNull(in)) {
            return null;
        }
        String name = in.nextString();
        for (Builder builder : Builder.values()) {
            if (builder.name().equals(name)) {
                return builder;
            }
        }
        return null;
    }

    private static boolean isNull(JsonReader in) throws IOException {
        if (in.peek() != JsonToken.NULL) {
            return false;
        }
        in.nextNull();
        return true;
    }

    private static String string(JsonReader in) throws IOException {
        JsonToken token = in.peek();
        if (token == JsonToken.NULL) {
            in.nextNull();
            return null;
        }
        return token == JsonToken.BOOLEAN ? Boolean.toString(in.nextBoolean()) : in.nextString();
    }

    private static int integer(JsonReader in, String component) throws IOException {
        if (isNull(in)) {
            throw nullNumber(in, component);
        }
        return in.nextInt();
    }

    private static JsonParseException nullNumber(JsonReader in, String component) {
        return new JsonParseException("null is not allowed as value for record component '" + component
                + "' of primitive type; at path " + in.getPath());
    }

    private static Object value(JsonReader in, Kind kind) throws IOException {
        return switch (kind) {
            case STRING -> string(in);
            case STEP -> step(in);
            case FILE -> fileInfo(in);
            case HISTORY -> historyEntry(in);
            case STAGE -> stage(in);
        };
    }

    @SuppressWarnings("unchecked") // the kind is the type of the elements
    private static <T> List<T> list(JsonReader in, Kind kind) throws IOException {
        if (isNull(in)) {
            return null;
        }
        List<T> list = new ArrayList<>();
        in.beginArray();
        while (in.hasNext()) {
            list.add((T) value(in, kind));
        }
        in.endArray();
        return list;
    }

    @SuppressWarnings("unchecked") // the kind is the type of the values
    private static <V> SortedMap<String, V> map(JsonReader in, Kind kind) throws IOException {
        JsonToken token = in.peek();
        if (token == JsonToken.NULL) {
            in.nextNull();
            return null;
        }
        SortedMap<String, V> map = new TreeMap<>();
        if (token == JsonToken.BEGIN_ARRAY) {
            in.beginArray();
            while (in.hasNext()) {
                in.beginArray();
                String key = string(in);
                if (key == null) { // where Gson's data binding failed with a NullPointerException
                    throw new JsonSyntaxException("a key is null at path " + in.getPreviousPath());
                }
                put(map, key, (V) value(in, kind));
                in.endArray();
            }
            in.endArray();
        } else {
            in.beginObject();
            while (in.hasNext()) {
                // the name read as a string value, as Gson's maps read keys: counted as one, and left out of the path
                JsonReaderInternalAccess.INSTANCE.promoteNameToValue(in);
                put(map, in.nextString(), (V) value(in, kind));
            }
            in.endObject();
        }
        return map;
    }

    private static <V> void put(SortedMap<String, V> map, String key, V value) {
        if (map.put(key, value) != null) {
            throw new JsonSyntaxException("duplicate key: " + key);
        }
    }

    /**
     * The text of a snapshot whose context entries are in {@code fileTable} (only the detailed ones in its {@code
     * files}), as format version {@value Snapshot#VERSION}: pretty-printed, two spaces, no HTML escapes, a newline at
     * the end.
     */
    static String write(Snapshot s, List<String> fileTable) {
        StringWriter text = new StringWriter();
        try {
            JsonWriter out = new JsonWriter(text);
            out.setFormattingStyle(FormattingStyle.PRETTY);
            out.setHtmlSafe(false);
            out.setSerializeNulls(false);
            out.beginObject();
            out.name("format").value(s.format());
            out.name("version").value(Snapshot.VERSION); // whatever format it was read from
            out.name("dockerfile").value(s.dockerfile());
            out.name("target").value(s.target());
            writeMap(out.name("buildArgs"), s.buildArgs());
            writeList(out.name("steps"), s.steps());
            writeMap(out.name("files"), s.files());
            writeList(out.name("warnings"), s.warnings());
            writeList(out.name("history"), s.history());
            out.name("builder").value(s.builder() == null ? null : s.builder().name());
            writeList(out.name("stages"), s.stages());
            writeDependencies(out.name("dependencies"), s.dependencies());
            out.name(TABLE_CHECKSUM).value(Chunks.checksum(fileTable));
            writeList(out.name(FILE_TABLE), fileTable);
            out.endObject();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // written to memory only
        }
        return text.append('\n').toString();
    }

    private static void write(JsonWriter out, StepSnapshot step) throws IOException {
        StepPlace place = step.place();
        StepKeys keys = step.keys();
        StepReadSet reads = step.reads();
        out.beginObject();
        out.name("id").value(place.id());
        out.name("stage").value(place.stage());
        out.name("stageIndex").value(place.stageIndex());
        out.name("number").value(place.number());
        out.name("line").value(place.line());
        out.name("instruction").value(place.instruction());
        out.name("text").value(place.text());
        out.name("key").value(keys.key());
        out.name("optimisticKey").value(keys.optimisticKey());
        out.name("parentId").value(keys.parentId());
        out.name("parentKey").value(keys.parentKey());
        out.name("unknownReason").value(keys.unknownReason());
        writeMap(out.name("inputs"), reads.inputs());
        writeMap(out.name("origins"), reads.origins());
        writeList(out.name("files"), reads.files());
        writeList(out.name("sources"), reads.sources());
        out.name("fromStage").value(reads.fromStage());
        out.name("marker").value(step.marker());
        out.endObject();
    }

    private static void write(JsonWriter out, FileInfo info) throws IOException {
        out.beginObject();
        out.name("type").value(info.type());
        out.name("mode").value(info.mode());
        out.name("size").value(info.size());
        out.name("content").value(info.content());
        out.name("target").value(info.target());
        out.name("digest").value(info.digest());
        writeMap(out.name("parts"), info.parts());
        writeMap(out.name("manifest"), info.manifest());
        out.endObject();
    }

    private static void write(JsonWriter out, HistoryEntry entry) throws IOException {
        out.beginObject();
        out.name("recordedAt").value(entry.recordedAt());
        out.name("commit").value(entry.commit());
        writeList(out.name("keys"), entry.keys());
        writeList(out.name("optimisticKeys"), entry.optimisticKeys());
        out.endObject();
    }

    private static void write(JsonWriter out, StageSnapshot stage) throws IOException {
        out.beginObject();
        out.name("label").value(stage.label());
        out.name("baseStage").value(stage.baseStage());
        out.name("marker").value(stage.marker());
        out.endObject();
    }

    private static void writeDependencies(JsonWriter out, Dependencies dependencies) throws IOException {
        if (dependencies == null) {
            out.nullValue();
            return;
        }
        out.beginObject();
        writeList(out.name("maven"), dependencies.maven());
        writeList(out.name("modules"), dependencies.modules());
        writeMap(out.name("manifests"), dependencies.manifests());
        out.endObject();
    }

    /** A null value is left out with its name ({@link JsonWriter#setSerializeNulls}), kept in a list. */
    private static void writeValue(JsonWriter out, Object value) throws IOException {
        if (value == null) {
            out.nullValue();
        } else if (value instanceof String string) {
            out.value(string);
        } else if (value instanceof StepSnapshot step) {
            write(out, step);
        } else if (value instanceof FileInfo info) {
            write(out, info);
        } else if (value instanceof HistoryEntry entry) {
            write(out, entry);
        } else if (value instanceof StageSnapshot stage) {
            write(out, stage);
        } else {
            throw new IllegalArgumentException("not a part of a snapshot: " + value.getClass());
        }
    }

    private static void writeList(JsonWriter out, List<?> list) throws IOException {
        if (list == null) {
            out.nullValue();
            return;
        }
        out.beginArray();
        for (Object element : list) {
            writeValue(out, element);
        }
        out.endArray();
    }

    private static void writeMap(JsonWriter out, Map<String, ?> map) throws IOException {
        if (map == null) {
            out.nullValue();
            return;
        }
        out.beginObject();
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            writeValue(out.name(entry.getKey()), entry.getValue());
        }
        out.endObject();
    }

    /** A value from the file as JSON spells it, so that a message stays on one line whatever the file holds. */
    static String quote(String value) {
        StringWriter text = new StringWriter();
        try {
            JsonWriter out = new JsonWriter(text);
            out.setHtmlSafe(false);
            out.value(value);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // written to memory only
        }
        return text.toString();
    }
}
