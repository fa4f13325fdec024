package io.github.dockercache.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.files.JsonReasons;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.Dependencies;
import io.github.dockercache.model.FileInfo;
import io.github.dockercache.model.HistoryEntry;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StageSnapshot;
import io.github.dockercache.model.StepKeys;
import io.github.dockercache.model.StepPlace;
import io.github.dockercache.model.StepReadSet;
import io.github.dockercache.model.StepSnapshot;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store reads and writes snapshots on Gson's streams as its data binding did (the oracle here): the same text
 * written, and for any text read the same snapshot, or the same problem at the same place, with as many strings
 * counted against the heap's limit.
 */
class SnapshotJsonTest {
    private static final Gson BINDING =
            FlatStep.binding().setPrettyPrinting().disableHtmlEscaping().create();

    /** Snapshots the plugin wrote, and the damaged and hostile ones the fuzzer found. */
    private static final List<Path> WRITTEN = List.of(
            Path.of("src/test/resources/io/github/dockercache/fuzz/SnapshotFuzzTestInputs/readAndCompare"),
            Path.of("demo/.dockercache/baseline.json"),
            Path.of("src/it/baseline-refuses-unreadable/.dockercache/baseline.json"),
            Path.of("src/it/reactor-spring-boot-style/app-b/corrupt-baseline.json"),
            Path.of("src/it/user-failures-located/corrupt-baseline.json"),
            Path.of("src/test/resources/advice/projects/petclinic-customers-service/context/dockercache/snapshot.json"),
            Path.of("src/test/resources/compare/baseline-before-cache-names.json"));

    @TempDir
    Path dir;

    /** How the store wrote a snapshot with Gson's data binding. */
    private static String boundText(Snapshot plain, List<String> fileTable) {
        JsonObject tree = BINDING.toJsonTree(plain).getAsJsonObject();
        tree.addProperty("version", Snapshot.VERSION);
        tree.addProperty("fileTableChecksum", Chunks.checksum(fileTable));
        tree.add("fileTable", BINDING.toJsonTree(fileTable));
        return BINDING.toJson(tree) + "\n";
    }

    @Test
    void writesTheTextGsonsDataBindingWrote() throws Exception {
        List<Snapshot> snapshots = new ArrayList<>();
        snapshots.add(awkward());
        snapshots.add(contextSnapshot());
        for (String text : texts()) {
            Snapshot read = parse(text);
            if (read != null) {
                snapshots.add(read); // as read: nulls and absent members where a hand edit left them
            }
        }
        assertTrue(snapshots.size() > 40, "snapshots compared: " + snapshots.size());
        List<String> table = List.of("eJxr2sHMxMCYyMCYZGi4hHkJMzPzjFd5", "b");
        for (Snapshot snapshot : snapshots) {
            assertEquals(boundText(snapshot, table), SnapshotJson.write(snapshot, table));
        }
        Snapshot snapshot = contextSnapshot();
        FileTable.Encoded encoded = FileTable.encode(snapshot.files(), snapshot.steps());
        Snapshot plain = snapshot.withSteps(snapshot.steps().stream()
                        .map(step -> step.withFiles(null))
                        .toList())
                .withFiles(encoded.detailed());
        assertEquals(boundText(plain, encoded.chunks()), SnapshotStore.toJson(snapshot));
    }

    @Test
    void quotesAsGsonDid() {
        Gson quote = new GsonBuilder().disableHtmlEscaping().create();
        for (String value :
                Arrays.asList(null, "", "a\"b\\c", "<&>='", "\u0000\u001f\t\n\u2028\u2029\u007f", "été\ud800")) {
            assertEquals(quote.toJson(value), SnapshotJson.quote(value));
        }
    }

    @Test
    void readsWhatGsonsDataBindingRead() throws Exception {
        List<String> texts = new ArrayList<>(texts());
        String written = SnapshotStore.toJson(contextSnapshot());
        String awkward = SnapshotJson.write(awkward(), List.of("x"));
        texts.addAll(List.of(
                "",
                "  \n",
                "null",
                "null trailing",
                "[1, 2]",
                "{}",
                "{} trailing",
                ")]}'\n{\"format\": \"dockercache-snapshot\"}",
                "{format: 'dockercache-snapshot', /* lenient */ version: 2, # comment\n steps: []}",
                "{\"version\": null}",
                "{\"version\": \"2\"}",
                "{\"version\": 2.5}",
                "{\"version\": 99999999999}",
                "{\"steps\": [{\"line\": \"a\"}]}",
                "{\"steps\": [null, {\"line\": null}]}",
                "{\"files\": {\"a\": {\"size\": null}}}",
                "{\"files\": {\"a\": {\"size\": \"x\"}}}",
                "{\"files\": {\"a\": null, \"a\": {}}}",
                "{\"files\": {\"a\": {}, \"a\": {}}}",
                "{\"buildArgs\": {\"A\": [1]}}",
                "{\"buildArgs\": {\"A\": true, \"B\": 1.50, \"C\": null}}",
                "{\"buildArgs\": [[\"A\", \"1\"], [\"B\", \"2\"]]}",
                "{\"buildArgs\": [[\"A\", \"1\"], [\"A\", \"2\"]]}",
                "{\"buildArgs\": [[\"A\"]]}",
                "{\"buildArgs\": 3}",
                "{\"builder\": \"CLASSIC\", \"stages\": [null, {}]}",
                "{\"builder\": \"classic\"}",
                "{\"builder\": 1}",
                "{\"builder\": true}",
                "{\"history\": [{\"keys\": [null, true, 1]}], \"dependencies\": {\"maven\": null}}",
                "{\"fileTable\": [\"a\", 1]}",
                "{\"fileTable\": \"a\"}",
                "{\"fileTable\": null}",
                "{\"fileTable\": [\"a\"], \"fileTable\": [\"b\", \"c\"]}",
                "{\"steps\": [{\"fileTable\": 1}], \"other\": {\"fileTable\": [1]}}",
                "{\"images\": [",
                "[".repeat(300),
                "{\"x\": " + "[".repeat(300)));
        for (String base : List.of(written, awkward)) {
            for (int end = 0; end < base.length(); end += 13) {
                texts.add(base.substring(0, end));
            }
            String[][] edits = {
                {"\"", "'"},
                {"\"", ""},
                {":", ","},
                {",", ""},
                {"[", "{"},
                {"{", "["},
                {"]", "}"},
                {"}", "]"},
                {"\"", "1"},
                {"2", "\"2\""},
                {"1", "null"},
                {"\"", "null, \""},
                {"\"", "true, \""},
                {"\"", "{}, \""}
            };
            for (String[] edit : edits) {
                for (int at = base.indexOf(edit[0]); at >= 0; at = base.indexOf(edit[0], at + 1)) {
                    texts.add(base.substring(0, at) + edit[1] + base.substring(at + edit[0].length()));
                }
            }
        }
        for (String text : texts) {
            assertEquals(bound(text), streamed(text), text);
        }
        // where the data binding failed with a NullPointerException
        assertEquals(
                "com.google.gson.JsonSyntaxException: a key is null at path $.buildArgs[0][0] at $.buildArgs[0][1]"
                        + " after $.buildArgs[0][0] strings=0",
                streamed("{\"buildArgs\": [[null, \"1\"]]}"));
    }

    /** What the store made of a text with Gson's data binding: the snapshot and table, or the problem and where. */
    private static String bound(String text) {
        BoundReader reader = new BoundReader(text);
        try {
            Snapshot snapshot = BINDING.fromJson(reader, Snapshot.class);
            return outcome(snapshot, reader.fileTable, reader.tableChecksum, reader, snapshot != null) + " strings="
                    + reader.strings;
        } catch (RuntimeException e) { // Gson wraps the reader's IOException
            return problem(e, reader) + " strings=" + reader.strings;
        }
    }

    private static String streamed(String text) {
        BoundReader reader = new BoundReader(text);
        try {
            SnapshotJson.Parsed parsed = SnapshotJson.read(reader);
            return outcome(
                            parsed.snapshot(),
                            parsed.fileTable(),
                            parsed.tableChecksum(),
                            reader,
                            parsed.snapshot() != null)
                    + " strings=" + reader.strings;
        } catch (RuntimeException | IOException e) {
            return problem(e, reader) + " strings=" + reader.strings;
        }
    }

    private static String outcome(
            Snapshot snapshot, List<String> table, String checksum, JsonReader reader, boolean checkEnd) {
        String end;
        try {
            end = checkEnd ? String.valueOf(reader.peek() == JsonToken.END_DOCUMENT) : "-";
        } catch (IOException | RuntimeException e) {
            end = problem(e, reader);
        }
        return snapshot + " table=" + table + " checksum=" + checksum + " end=" + end + " at " + reader.getPath();
    }

    private static String problem(Exception e, JsonReader reader) {
        if (e instanceof SnapshotJson.NotAList || e.getClass().getSimpleName().equals("NotAList")) {
            return "not a list";
        }
        Throwable innermost = JsonReasons.innermost(e);
        return innermost.getClass().getName() + ": " + JsonReasons.firstLine(e) + " at " + reader.getPath() + " after "
                + reader.getPreviousPath();
    }

    /** The reader the store gave Gson: it counted strings, and kept the top-level table, which Gson skipped. */
    private static final class BoundReader extends JsonReader {
        long strings;
        List<String> fileTable;
        String tableChecksum;

        BoundReader(String text) {
            super(new StringReader(text));
        }

        @Override
        public void skipValue() throws IOException {
            if (getPath().equals("$.fileTableChecksum")) {
                // the binding has no such field: read as the store reads a string member
                JsonToken token = peek();
                if (token == JsonToken.NULL) {
                    nextNull();
                    tableChecksum = null;
                } else {
                    tableChecksum = token == JsonToken.BOOLEAN ? Boolean.toString(nextBoolean()) : nextString();
                }
                return;
            }
            if (!getPath().equals("$.fileTable")) {
                super.skipValue();
                return;
            }
            if (peek() != JsonToken.BEGIN_ARRAY) {
                throw new NotAList();
            }
            List<String> chunks = new ArrayList<>();
            beginArray();
            while (hasNext()) {
                if (peek() != JsonToken.STRING) {
                    throw new NotAList();
                }
                chunks.add(nextString());
            }
            endArray();
            fileTable = chunks;
        }

        @Override
        public String nextString() throws IOException {
            strings++;
            return super.nextString();
        }
    }

    private static final class NotAList extends RuntimeException {}

    private static Snapshot parse(String text) throws IOException {
        try {
            return SnapshotJson.read(new JsonReader(new StringReader(text))).snapshot();
        } catch (RuntimeException | IOException e) {
            return null;
        }
    }

    private static List<String> texts() throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path path : WRITTEN) {
            try (Stream<Path> files = Files.walk(path)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    texts.add(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
                }
            }
        }
        return texts;
    }

    private Snapshot contextSnapshot() throws Exception {
        Path context = Files.createDirectories(dir.resolve("context"));
        Files.writeString(
                context.resolve("Dockerfile"),
                "FROM busybox:1.36 AS base\n# dockercache:stable\nCOPY a.txt \"<&>\" /x/\n"
                        + "FROM base\nARG V=1\nRUN --mount=type=bind,from=base,target=/m echo \"$V\" 'é' \\\n  && true\n");
        Files.writeString(context.resolve("a.txt"), "a");
        Files.writeString(context.resolve("<&>"), "b");
        return CacheModel.snapshot(
                new BuildSettings(context, context.resolve("Dockerfile"), Map.of(), null, ClientPlatform.LINUX, null));
    }

    /** Every record and every kind of value, with what JSON escapes and what HTML would, and nulls. */
    private static Snapshot awkward() {
        String odd = "q\"b\\s/<&>='\u0000\u001f\t\n\r\b\f\u007f\u2028\u2029é\ud83d\ude00";
        TreeMap<String, String> map = new TreeMap<>();
        map.put("", odd);
        map.put(odd, "");
        map.put("nothing", null);
        TreeMap<String, FileInfo> files = new TreeMap<>();
        files.put("a/" + odd, new FileInfo("file", "0644", Long.MAX_VALUE, "sha256:1", null, null, map, null));
        files.put("b", null);
        files.put("c", new FileInfo(null, null, -1, null, "../t", "sha256:2", null, new TreeMap<>()));
        StepSnapshot step = new StepSnapshot(
                new StepPlace(odd, "s", Integer.MAX_VALUE, Integer.MIN_VALUE, 0, "RUN", odd),
                new StepKeys("k", "o", "p", "pk", odd),
                new StepReadSet(map, new TreeMap<>(), Arrays.asList("x", null), List.of(), "f"),
                "stable");
        StepSnapshot bare = new StepSnapshot(
                new StepPlace(null, null, 0, 0, 0, null, null),
                new StepKeys(null, null, null, null, null),
                new StepReadSet(null, null, null, null, null),
                null);
        return new Snapshot(
                odd,
                1,
                odd,
                null,
                map,
                Arrays.asList(step, null, bare),
                files,
                Arrays.asList(odd, null),
                Arrays.asList(
                        new HistoryEntry("2026-01-01T00:00:00Z", null, List.of("a"), List.of()),
                        null,
                        new HistoryEntry(null, odd, null, Arrays.asList((String) null))),
                Builder.CLASSIC,
                Arrays.asList(new StageSnapshot("a", null, null), null, new StageSnapshot(null, "b", odd)),
                new Dependencies(null, Arrays.asList("g:a:jar:1", null), map));
    }
}
