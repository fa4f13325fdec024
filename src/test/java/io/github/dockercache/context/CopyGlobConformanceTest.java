package io.github.dockercache.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every vector of {@code conformance/copy-glob}: one named dynamic test each. */
class CopyGlobConformanceTest {
    private final Path dir = SharedVectors.conformance("copy-glob");

    @TestFactory
    Stream<DynamicTest> goMatch() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        int index = 0;
        for (String[] row : SharedVectors.tsv(dir.resolve("match.tsv"))) {
            String name = String.format("match[%d] %s %s -> %s (%s)", index++, row[0], row[1], row[2], row[4]);
            tests.add(dynamicTest(name, () -> {
                if (row[2].equals("error")) {
                    assertThrows(BadPatternException.class, () -> GoMatch.match(row[0], row[1]));
                } else {
                    assertEquals(Boolean.parseBoolean(row[2]), GoMatch.match(row[0], row[1]));
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> copyWildcards() throws IOException {
        JsonObject data = SharedVectors.json(dir.resolve("copy-wildcards.json")).getAsJsonObject();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement element : data.getAsJsonArray("cases")) {
            JsonObject c = element.getAsJsonObject();
            String name = "copy-wildcards " + c.get("src").getAsString() + " -> "
                    + c.get("dst").getAsString() + " wildcards="
                    + c.get("allow_wildcards").getAsBoolean();
            tests.add(dynamicTest(
                    name,
                    () -> withTree(data, ctx -> {
                        String src = c.get("src").getAsString();
                        boolean wildcards = c.get("allow_wildcards").getAsBoolean();
                        if (c.has("expect_error") && c.get("expect_error").getAsBoolean()) {
                            assertThrows(ContextException.class, () -> ctx.select(src, null, null, wildcards));
                            return;
                        }
                        Map<String, FileEntry> placed = CopyPlacement.place(
                                ctx.select(src, null, null, wildcards),
                                c.get("dst").getAsString());
                        SharedVectors.strings(c.get("expect_present"))
                                .forEach(p -> assertTrue(placed.containsKey(p), p));
                        SharedVectors.strings(c.get("expect_absent"))
                                .forEach(p -> assertFalse(placed.containsKey(p), p));
                        assertContents(c, "expect_content", placed);
                    })));
        }
        return tests.stream();
    }

    /**
     * The selection of {@code /} with include/exclude patterns holds exactly the probed paths upstream
     * finds after copying. ({@code expect_changes} is fsutil's change-notification order during the copy,
     * which no checksum depends on, so it is not compared.)
     */
    @TestFactory
    Stream<DynamicTest> copyIncludeExclude() throws IOException {
        JsonObject data =
                SharedVectors.json(dir.resolve("copy-include-exclude.json")).getAsJsonObject();
        List<String> probes = SharedVectors.strings(data.get("probe_paths"));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement element : data.getAsJsonArray("cases")) {
            JsonObject c = element.getAsJsonObject();
            tests.add(dynamicTest(
                    "copy-include-exclude " + c.get("name").getAsString(),
                    () -> withTree(data, ctx -> {
                        Selection selection = ctx.select(
                                "/",
                                SharedVectors.strings(c.get("include")),
                                SharedVectors.strings(c.get("exclude")),
                                true);
                        Map<String, FileEntry> selected = ConformanceTrees.byPath(selection);
                        List<String> present =
                                probes.stream().filter(selected::containsKey).toList();
                        assertEquals(SharedVectors.strings(c.get("expect_present")), present);
                    })));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> buildkitCopyWildcards() throws IOException {
        JsonObject data =
                SharedVectors.json(dir.resolve("buildkit-copy-wildcards.json")).getAsJsonObject();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement element : data.getAsJsonArray("cases")) {
            JsonObject c = element.getAsJsonObject();
            tests.add(dynamicTest(
                    "buildkit " + c.get("name").getAsString(),
                    () -> withScenario(c, (root, ctx) -> {
                        if (c.has("steps")) {
                            checkCacheSteps(root, c);
                            return;
                        }
                        Map<String, FileEntry> image = new TreeMap<>();
                        for (DockerfileCopies copy :
                                DockerfileCopies.parse(c.get("dockerfile").getAsString())) {
                            for (String source : copy.sources()) {
                                image.putAll(CopyPlacement.place(ctx.select(source, copy.excludes()), copy.dst()));
                            }
                        }
                        assertContents(c, "expect_content", image);
                    })));
        }
        return tests.stream();
    }

    /**
     * testCopyWildcardCache: the key of {@code COPY foo* files/} (and so of the RUN after it) depends only
     * on the files the wildcard matches.
     */
    private static void checkCacheSteps(Path root, JsonObject c) throws Exception {
        String wildcard = DockerfileCopies.parse(c.get("dockerfile").getAsString())
                .get(0)
                .sources()
                .get(0);
        String recorded = null;
        for (JsonElement element : c.getAsJsonArray("steps")) {
            JsonObject step = element.getAsJsonObject();
            if (step.get("action").getAsString().equals("modify")) {
                Files.writeString(
                        root.resolve(step.get("path").getAsString()),
                        step.get("content").getAsString());
                continue;
            }
            String checksum = BuildContext.scan(root, root.resolve("Dockerfile"), ClientPlatform.LINUX)
                    .select(wildcard, List.of())
                    .checksum();
            if (step.has("record")) {
                recorded = checksum;
            } else if (step.get("expect").getAsString().contains(" equals ")) {
                assertEquals(recorded, checksum, step.get("expect").getAsString());
            } else {
                assertNotEquals(recorded, checksum, step.get("expect").getAsString());
            }
        }
    }

    /** testExcludedFilesOnCopy: each stage's COPY/ADD --exclude lands under builderN/ in the export. */
    @TestFactory
    Stream<DynamicTest> buildkitCopyExclude() throws IOException {
        JsonObject data =
                SharedVectors.json(dir.resolve("buildkit-copy-exclude.json")).getAsJsonObject();
        Map<String, FileEntry> export = new TreeMap<>();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest(
                "buildkit testExcludedFilesOnCopy: build",
                () -> withScenario(data, (root, ctx) -> {
                    for (DockerfileCopies copy :
                            DockerfileCopies.parse(data.get("dockerfile").getAsString())) {
                        for (String source : copy.sources()) {
                            Map<String, FileEntry> placed =
                                    CopyPlacement.place(ctx.select(source, copy.excludes()), copy.dst());
                            placed.forEach((path, entry) -> export.put(copy.stage() + "/" + path, entry));
                        }
                    }
                })));
        int index = 0;
        for (JsonElement element : data.getAsJsonArray("expect")) {
            JsonObject e = element.getAsJsonObject();
            String path = e.get("path").getAsString();
            boolean excluded = e.get("excluded").getAsBoolean();
            tests.add(dynamicTest(
                    String.format(
                            "buildkit testExcludedFilesOnCopy[%d] %s %s",
                            index++, path, excluded ? "absent" : "present"),
                    () -> {
                        if (excluded) {
                            assertFalse(export.containsKey(path));
                            return;
                        }
                        FileEntry entry = export.get(path);
                        assertTrue(entry != null, "exported");
                        assertContent(e.get("content").getAsString(), entry);
                    }));
        }
        for (String empty : SharedVectors.strings(data.get("expect_empty_dirs"))) {
            tests.add(dynamicTest(
                    "buildkit testExcludedFilesOnCopy empty " + empty,
                    () -> assertTrue(export.keySet().stream().noneMatch(p -> p.startsWith(empty + "/")))));
        }
        return tests.stream();
    }

    private static void assertContents(JsonObject c, String field, Map<String, FileEntry> placed) {
        if (!c.has(field)) {
            return;
        }
        for (Map.Entry<String, JsonElement> e : c.getAsJsonObject(field).entrySet()) {
            FileEntry entry = placed.get(e.getKey());
            assertTrue(entry != null, e.getKey() + " copied; got " + placed.keySet());
            assertContent(e.getValue().getAsString(), entry);
        }
    }

    /** A file's bytes, or a symlink's target. */
    private static void assertContent(String expected, FileEntry entry) {
        if (entry.type() == EntryType.SYMLINK) {
            assertEquals(expected, entry.linkTarget(), entry.path());
        } else {
            assertEquals(Digests.of(expected.getBytes(StandardCharsets.UTF_8)), entry.contentDigest(), entry.path());
        }
    }

    private interface ContextCheck {
        void check(BuildContext ctx) throws Exception;
    }

    private interface ScenarioCheck {
        void check(Path root, BuildContext ctx) throws Exception;
    }

    private static void withTree(JsonObject data, ContextCheck check) throws Exception {
        Path root = Files.createTempDirectory("copy-glob");
        try {
            ConformanceTrees.build(root, data.getAsJsonArray("tree"));
            check.check(BuildContext.scan(root, null, ClientPlatform.LINUX));
        } finally {
            ConformanceTrees.delete(root);
        }
    }

    /** The context of an end-to-end test also holds its Dockerfile. */
    private static void withScenario(JsonObject data, ScenarioCheck check) throws Exception {
        Path root = Files.createTempDirectory("copy-scenario");
        try {
            ConformanceTrees.build(root, data.getAsJsonArray("context_tree"));
            Files.writeString(root.resolve("Dockerfile"), data.get("dockerfile").getAsString());
            check.check(root, BuildContext.scan(root, root.resolve("Dockerfile"), ClientPlatform.LINUX));
        } finally {
            ConformanceTrees.delete(root);
        }
    }
}
