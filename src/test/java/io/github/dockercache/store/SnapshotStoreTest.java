package io.github.dockercache.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.StabilityPolicy;
import io.github.dockercache.compare.Verdict;
import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.context.ScanProgress;
import io.github.dockercache.model.BaseImage;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.FileInfo;
import io.github.dockercache.model.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad baselines are refused with a way out, and concurrent writers never leave a broken or lost file. */
class SnapshotStoreTest {
    @TempDir
    Path dir;

    private Snapshot snapshot(String content) throws Exception {
        Path context = Files.createDirectories(dir.resolve("context-" + content.hashCode()));
        Files.writeString(context.resolve("Dockerfile"), "FROM busybox:1.36\nCOPY a.txt /a.txt\n");
        Files.writeString(context.resolve("a.txt"), content);
        return CacheModel.snapshot(
                new BuildSettings(context, context.resolve("Dockerfile"), Map.of(), null, ClientPlatform.LINUX, null));
    }

    private SnapshotFormatException refused(String json) throws Exception {
        Path file = dir.resolve("baseline.json");
        Files.writeString(file, json);
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> SnapshotStore.read(file));
        assertEquals("cannot use " + file + ": " + e.reason() + ".", e.getMessage());
        return e;
    }

    @Test
    void truncatedFileIsRefused() throws Exception {
        String json = SnapshotStore.toJson(snapshot("a"));
        refused(json.substring(0, json.length() / 2));
    }

    @Test
    void otherJsonIsRefused() throws Exception {
        assertTrue(refused("{\"name\": \"not a snapshot\"}").getMessage().contains("not a dockercache snapshot"));
        refused("[1, 2, 3]");
        refused("");
    }

    @Test
    void jsonProblemsAreSaidWithoutTheJsonLibrarysNames() throws Exception {
        assertEquals(
                "it is not valid JSON (Expected a list but was a number at line 1 column 60 path $.steps)",
                refused("{\"format\": \"dockercache-snapshot\", \"version\": 1, \"steps\": 3}")
                        .reason());
        assertEquals(
                "it is not valid JSON (expected a number at path $.version)",
                refused("{\"format\": \"dockercache-snapshot\", \"version\": \"x\"}")
                        .reason());
        assertEquals(
                "it is not valid JSON (Expected an object but was a string at line 1 column 1 path $)",
                refused("garbage").reason());
        for (String json : List.of(
                "{\"format\": \"dockercache-snapshot\", \"steps\": [{\"line\": \"a\"}]}",
                "{\"format\": \"dockercache-snapshot\", \"buildArgs\": {\"A\": [1]}}",
                "{} trailing")) {
            SnapshotFormatException e = refused(json);
            assertTrue(
                    e.getCause() == null && !e.getMessage().matches("(?s).*(gson|Exception|BEGIN_|END_|\\n).*"),
                    e.getMessage());
        }
    }

    @Test
    void writtenFilesFollowTheUmaskLikeEveryOtherFileOfTheBuild() throws Exception {
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        Path written = dir.resolve("written.json");
        SnapshotStore.writeAtomically(written, "{}");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written));
    }

    @Test
    void otherVersionIsRefused() throws Exception {
        String json = SnapshotStore.toJson(snapshot("a")).replace("\"version\": 2,", "\"version\": 99,");
        assertTrue(refused(json).getMessage().contains("format version 99"));
    }

    @Test
    void stepsWithoutKeysAreRefused() throws Exception {
        String json = SnapshotStore.toJson(snapshot("a")).replaceAll("\"optimisticKey\": \"[^\"]*\",", "");
        assertTrue(refused(json).getMessage().contains("incomplete"));
    }

    @Test
    void aRecordedImageConfigurationThatIsNotThePluginsIsRefused() throws Exception {
        Path context = Files.createDirectories(dir.resolve("resolved"));
        Files.writeString(context.resolve("Dockerfile"), "FROM registry.example/app:1\n");
        BaseImage image = new BaseImage(
                "sha256:" + "a".repeat(64),
                "sha256:" + "b".repeat(64),
                new BaseImage.Config(List.of("A=1"), "/srv", "", List.of()));
        Snapshot snapshot = CacheModel.analyse(
                        new BuildSettings(
                                context, context.resolve("Dockerfile"), Map.of(), null, ClientPlatform.LINUX, null),
                        null,
                        ScanProgress.NONE,
                        (reference, platform) -> image)
                .snapshot();
        String json = SnapshotStore.toJson(snapshot);
        assertTrue(json.contains("\\\"workingDir\\\":\\\"/srv\\\""), json);

        String damaged = json.replace("\\\"workingDir\\\":\\\"/srv\\\",", "");
        assertTrue(
                refused(damaged)
                        .getMessage()
                        .contains("step \"1\": its recorded image configuration is not the"
                                + " JSON object the plugin writes"),
                damaged);
        assertTrue(refused(json.replace("{\\\"env\\\"", "[\\\"env\\\""))
                .getMessage()
                .contains("recorded image configuration"));
    }

    @Test
    void roundTripKeepsEverything() throws Exception {
        Snapshot snapshot = snapshot("a");
        Path file = dir.resolve("out/snapshot.json");
        SnapshotStore.write(file, snapshot);
        assertEquals(SnapshotStore.toJson(snapshot), SnapshotStore.toJson(SnapshotStore.read(file)));
        try (var files = Files.list(file.getParent())) {
            assertEquals(
                    List.of("snapshot.json"),
                    files.map(p -> p.getFileName().toString()).toList(),
                    "no temporary left");
        }
    }

    @Test
    void versionOneFilesAreStillReadWithTheirWholeDigests() throws Exception {
        Snapshot snapshot = snapshot("a");
        Path file = dir.resolve("baseline.json");
        Files.writeString(file, PlainSnapshots.plain(snapshot));
        Snapshot read = SnapshotStore.read(file);
        assertEquals(snapshot.files(), read.files());
        assertEquals(snapshot.steps(), read.steps());
        assertEquals(SnapshotStore.toJson(snapshot), SnapshotStore.toJson(read), "written again in the compact form");
    }

    @Test
    void theFileTableKeepsEveryAttributeAnExplanationNames() throws Exception {
        Path context = Files.createDirectories(dir.resolve("attributes"));
        Files.writeString(context.resolve("Dockerfile"), "FROM busybox:1.36\nCOPY . /src\nCOPY b.txt a.txt /one/\n");
        Files.writeString(context.resolve("a.txt"), "a");
        Files.writeString(context.resolve("b.txt"), "b");
        Files.createDirectories(context.resolve("d/\u00e9t\u00e9"));
        Files.writeString(context.resolve("d/\u00e9t\u00e9/x.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(
                context.resolve("d/\u00e9t\u00e9/x.sh"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(context.resolve("link"), Path.of("a.txt"));
        Snapshot snapshot = CacheModel.snapshot(
                new BuildSettings(context, context.resolve("Dockerfile"), Map.of(), null, ClientPlatform.LINUX, null));
        Path file = dir.resolve("compact.json");
        SnapshotStore.write(file, snapshot);
        Snapshot read = SnapshotStore.read(file);

        assertEquals(snapshot.files().keySet(), read.files().keySet());
        snapshot.files().forEach((path, info) -> {
            FileInfo back = read.files().get(path);
            assertEquals(
                    List.of(info.type(), info.mode(), info.size(), String.valueOf(info.target())),
                    List.of(back.type(), back.mode(), back.size(), String.valueOf(back.target())),
                    path);
            assertTrue(FileInfo.sameDigest(info.content(), back.content()), path);
            assertTrue(FileInfo.sameDigest(info.digest(), back.digest()), path);
            assertEquals(
                    info.digest() == null ? 0 : "sha256:".length() + 2 * FileTable.ENTRY_BYTES,
                    back.digest() == null ? 0 : back.digest().length());
            assertEquals(
                    info.content() == null ? 0 : "sha256:".length() + 2 * FileTable.CONTENT_BYTES,
                    back.content() == null ? 0 : back.content().length());
        });
        assertEquals(
                snapshot.steps().stream().map(step -> step.reads().files()).toList(),
                read.steps().stream().map(step -> step.reads().files()).toList(),
                "each step's paths, in its own order");
        assertEquals(List.of("b.txt", "a.txt"), read.steps().get(2).reads().files());
    }

    @Test
    void shortDigestsMatchOnlyTheWholeDigestsTheyBegin() {
        String whole = "sha256:" + "ab".repeat(32);
        assertTrue(FileInfo.sameDigest(whole, whole.substring(0, 11)));
        assertTrue(FileInfo.sameDigest(whole.substring(0, 19), whole));
        assertTrue(!FileInfo.sameDigest(whole, "sha256:" + "ab".repeat(3) + "ac"));
        assertTrue(!FileInfo.sameDigest(whole, "sha256:ab"), "too short to tell anything apart");
        assertTrue(!FileInfo.sameDigest(whole, null));
        assertTrue(FileInfo.sameDigest(null, null));
    }

    @Test
    void aDamagedFileTableIsRefusedWithWhatIsWrong() throws Exception {
        String json = SnapshotStore.toJson(snapshot("a"));
        byte[] chunk = Base64.getDecoder().decode(table(json).get(0).getAsString());
        assertEquals(
                "its file table is not base64",
                refused(withTable(json, List.of("%%%"))).reason());
        assertEquals(
                "its file table is damaged (not deflate data)",
                refused(withTable(json, List.of("AAAA"))).reason());
        String truncated = Base64.getEncoder().encodeToString(Arrays.copyOf(chunk, chunk.length - 6));
        assertEquals(
                "its file table is truncated",
                refused(withTable(json, List.of(truncated))).reason());
        assertEquals(
                "its file table is missing",
                refused(json.replace("\"fileTable\"", "\"other\"")).reason());
        assertEquals(
                "its file table is not a list of strings",
                refused(json.replace("\"fileTable\": [", "\"fileTable\": [1, ")).reason());
        JsonObject edited =
                JsonParser.parseString(withTable(json, List.of(truncated))).getAsJsonObject();
        edited.addProperty(
                "fileTableChecksum",
                Chunks.checksum(table(json).asList().stream()
                        .map(JsonElement::getAsString)
                        .toList()));
        assertEquals(
                "its file table does not match its checksum (the file was changed or damaged)",
                refused(edited.toString()).reason());
    }

    @Test
    void aBaselineReadForComparisonDecodesItsTableOnlyWhenAStepsEntriesAreRead() throws Exception {
        Snapshot snapshot = snapshot("a");
        Path file = dir.resolve("baseline.json");
        SnapshotStore.write(file, snapshot);
        Snapshot read = SnapshotStore.readForComparison(file);
        Comparison unchanged = Comparison.compare(snapshot, read, StabilityPolicy.defaults(), null);
        assertTrue(unchanged.steps().stream().allMatch(step -> step.verdict() == Verdict.CACHED));
        assertFalse(((LazyFileTable.Files) read.files()).isDecoded(), "every step cached: no entry read");
        Comparison edited = Comparison.compare(snapshot("b"), read, StabilityPolicy.defaults(), null);
        assertEquals(
                "a.txt content changed",
                edited.firstMisses().get(0).causes().get(0).detail());
        assertTrue(((LazyFileTable.Files) read.files()).isDecoded());
        assertEquals(SnapshotStore.toJson(snapshot), SnapshotStore.toJson(read));
    }

    @Test
    void aTableThatMatchesItsChecksumButDoesNotDecodeFailsWhereItIsFirstRead() throws Exception {
        String json = SnapshotStore.toJson(snapshot("a"));
        Path file = dir.resolve("baseline.json");
        Files.writeString(file, withTable(json, List.of("AAAA")));
        Snapshot read = SnapshotStore.readForComparison(file);
        DamagedTableException e = assertThrows(
                DamagedTableException.class,
                () -> read.steps().get(1).reads().files().size());
        assertEquals("its file table is damaged (not deflate data)", e.problem().reason());
        assertEquals("cannot use " + file + ": its file table is damaged (not deflate data).", e.getMessage());
    }

    @Test
    void aTableWithoutAChecksumIsDecodedWhenRead() throws Exception {
        Snapshot snapshot = snapshot("a");
        JsonObject older =
                JsonParser.parseString(SnapshotStore.toJson(snapshot)).getAsJsonObject();
        older.remove("fileTableChecksum");
        Path file = dir.resolve("older.json");
        Files.writeString(file, older.toString());
        Snapshot read = SnapshotStore.readForComparison(file);
        assertFalse(read.files() instanceof LazyFileTable.Files, "written before the checksum: checked by decoding");
        assertEquals(SnapshotStore.toJson(snapshot), SnapshotStore.toJson(read));
    }

    @Test
    void theTableIsCutOutOfTheTextOnlyWhereTheWriterPutsIt() throws Exception {
        Snapshot snapshot = snapshot("a");
        String json = SnapshotStore.toJson(snapshot);
        TableText.Cut cut = TableText.cut(json);
        assertEquals(table(json).asList().stream().map(JsonElement::getAsString).toList(), cut.chunks());
        JsonObject rest = JsonParser.parseString(json).getAsJsonObject();
        rest.remove("fileTable");
        assertEquals(rest, JsonParser.parseString(cut.rest()));
        assertEquals(List.of(), TableText.cut("{\"fileTable\": []}").chunks());
        // an escape, a table that is not last or not at the top, a key in a value: left to the JSON parser
        assertEquals(null, TableText.cut(json.replaceFirst("\"fileTable\": \\[\n    \"", "$0\\\\u0041")));
        assertEquals(null, TableText.cut(json.replaceFirst("\n}\n$", ",\n  \"more\": 1\n}\n")));
        assertEquals(null, TableText.cut("{\"a\": {\"fileTable\": []}}"));
        assertEquals(null, TableText.cut("{\"a\": \"fileTable\", \"fileTable\": []}"));
    }

    @Test
    void aTableTheParserReadsWholeGivesTheSameSnapshot() throws Exception {
        Snapshot snapshot = snapshot("a");
        JsonObject written =
                JsonParser.parseString(SnapshotStore.toJson(snapshot)).getAsJsonObject();
        JsonObject tableFirst = new JsonObject();
        tableFirst.add("fileTable", written.get("fileTable"));
        written.entrySet().forEach(member -> tableFirst.add(member.getKey(), member.getValue()));
        assertEquals(null, TableText.cut(tableFirst.toString()));
        Path file = dir.resolve("table-first.json");
        Files.writeString(file, tableFirst.toString());
        Snapshot read = SnapshotStore.read(file);
        assertEquals(snapshot.steps(), read.steps());
        assertEquals(snapshot.files().keySet(), read.files().keySet());
        assertEquals(SnapshotStore.toJson(snapshot), SnapshotStore.toJson(read));
    }

    @Test
    void aFileTableNamingAPathOutsideTheContextIsRefused() throws Exception {
        Snapshot snapshot = snapshot("a");
        SortedMap<String, FileInfo> outside =
                new TreeMap<>(Map.of("../outside.txt", snapshot.files().get("a.txt")));
        List<String> hostile = FileTable.encode(
                        outside,
                        snapshot.steps().stream()
                                .map(step -> step.withFiles(List.of()))
                                .toList())
                .chunks();
        assertEquals(
                "its file table names \"../outside.txt\", which is not a path inside a build context, or not in order",
                refused(withTable(SnapshotStore.toJson(snapshot), hostile)).reason());
    }

    @Test
    void anEditChangesFewChunksOfTheFileTable() throws Exception {
        Path context = Files.createDirectories(dir.resolve("many"));
        Files.writeString(context.resolve("Dockerfile"), "FROM busybox:1.36\nCOPY . /src\n");
        for (int i = 0; i < 20000; i++) {
            Files.writeString(
                    Files.createDirectories(context.resolve("d" + i % 30)).resolve("f" + i + ".txt"), "x" + i);
        }
        BuildSettings settings =
                new BuildSettings(context, context.resolve("Dockerfile"), Map.of(), null, ClientPlatform.LINUX, null);
        JsonArray before = table(SnapshotStore.toJson(CacheModel.snapshot(settings)));
        Files.writeString(context.resolve("d7/f12007.txt"), "edited");
        JsonArray after = table(SnapshotStore.toJson(CacheModel.snapshot(settings)));
        assertTrue(before.size() > 6, "chunks: " + before.size());
        List<JsonElement> changed = new ArrayList<>(after.asList());
        changed.removeAll(before.asList());
        // one chunk in each column the edit changed: size, content digest, entry digest
        assertTrue(changed.size() <= 3, changed.size() + " of " + after.size() + " chunks changed");
    }

    private static JsonArray table(String json) {
        return JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("fileTable");
    }

    /** The snapshot with another table and its checksum: a table made to match its sum. */
    private static String withTable(String json, List<String> table) {
        JsonObject tree = JsonParser.parseString(json).getAsJsonObject();
        tree.addProperty("fileTableChecksum", Chunks.checksum(table));
        tree.add("fileTable", new Gson().toJsonTree(table));
        return tree.toString();
    }

    @Test
    void concurrentWritersLeaveOneWholeSnapshot() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            texts.add(SnapshotStore.toJson(snapshot("content " + i)));
        }
        Path file = dir.resolve("target/dockercache/snapshot.json");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int round = 0; round < 25; round++) {
                for (String text : texts) {
                    writes.add(pool.submit(() -> {
                        SnapshotStore.writeAtomically(file, text);
                        // every read, at any moment, sees one complete snapshot
                        return SnapshotStore.read(file);
                    }));
                }
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(texts.contains(Files.readString(file)));
    }
}
