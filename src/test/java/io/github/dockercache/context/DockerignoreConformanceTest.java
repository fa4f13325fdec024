package io.github.dockercache.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every vector of {@code conformance/dockerignore}: one named dynamic test each. */
class DockerignoreConformanceTest {
    private final Path dir = SharedVectors.conformance("dockerignore");

    @TestFactory
    Stream<DynamicTest> readall() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest("readall/case1 (whole file)", () -> {
            byte[] content = Files.readAllBytes(dir.resolve("readall/case1.dockerignore"));
            List<String> expected =
                    SharedVectors.strings(SharedVectors.json(dir.resolve("readall/case1.expected.json")));
            assertEquals(expected, IgnoreFile.parse(content));
        }));
        for (String[] row : SharedVectors.tsv(dir.resolve("readall.tsv"))) {
            String name = "readall/" + row[0] + " line " + row[1] + " " + row[2];
            tests.add(dynamicTest(name, () -> {
                JsonElement input = JsonParser.parseString(row[2]);
                JsonElement expected = JsonParser.parseString(row[3]);
                if (input.isJsonNull()) {
                    assertEquals(List.of(), IgnoreFile.parse(new byte[0]), "no file gives no patterns");
                    return;
                }
                String line = input.getAsString();
                if (row[1].equals("1")) {
                    line = "\uFEFF" + line; // only line 1 may carry the BOM the whole-file case has
                }
                List<String> parsed = IgnoreFile.parse(line.getBytes(StandardCharsets.UTF_8));
                assertEquals(expected.isJsonNull() ? List.of() : List.of(expected.getAsString()), parsed);
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> matches() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        int index = 0;
        for (JsonElement element :
                SharedVectors.json(dir.resolve("matches.json")).getAsJsonArray()) {
            JsonObject row = element.getAsJsonObject();
            List<String> patterns = SharedVectors.strings(row.get("patterns"));
            String path = row.get("path").getAsString();
            String expected = row.get("expected").getAsString();
            String api = row.get("api").getAsString();
            String name = String.format("matches[%d] %s %s %s -> %s", index++, api, patterns, path, expected);
            tests.add(dynamicTest(name, () -> checkMatch(api, patterns, path, expected)));
        }
        return tests.stream();
    }

    /** matches.tsv holds the same rows as matches.json; check that the two transcriptions agree. */
    @TestFactory
    Stream<DynamicTest> matchesTsv() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        int index = 0;
        for (String[] row : SharedVectors.tsv(dir.resolve("matches.tsv"))) {
            List<String> patterns = SharedVectors.semicolonList(row[0]);
            String name = String.format("matches.tsv[%d] %s %s %s -> %s", index++, row[4], patterns, row[1], row[2]);
            tests.add(dynamicTest(name, () -> checkMatch(row[4], patterns, row[1], row[2])));
        }
        return tests.stream();
    }

    private static void checkMatch(String api, List<String> patterns, String path, String expected) throws Exception {
        if (expected.equals("error")) {
            assertThrows(BadPatternException.class, () -> match(api, patterns, path));
            return;
        }
        assertEquals(Boolean.parseBoolean(expected), match(api, patterns, path));
        if (api.equals("OrParent")) {
            // Upstream checks the same rows through the incremental matcher, with and without parent results.
            PatternMatcher matcher = PatternMatcher.of(patterns);
            assertEquals(
                    Boolean.parseBoolean(expected),
                    matcher.matchesUsingParentResults(path, null).matched());
            assertEquals(Boolean.parseBoolean(expected), incremental(matcher, path));
        }
    }

    private static boolean match(String api, List<String> patterns, String path) throws BadPatternException {
        PatternMatcher matcher = PatternMatcher.of(patterns);
        return switch (api) {
            case "OrParent" -> matcher.matchesOrParentMatches(path);
            case "Matches" -> matcher.matchesSingleParent(path);
            default -> throw new IllegalArgumentException("unknown api " + api);
        };
    }

    /** Feeds MatchesUsingParentResults parent by parent, as a walk does. */
    private static boolean incremental(PatternMatcher matcher, String path) throws BadPatternException {
        String[] parts = path.split("/", -1);
        boolean[] parent = null;
        PatternMatcher.Result result = null;
        for (int i = 0; i < parts.length; i++) {
            result = matcher.matchesUsingParentResults(
                    String.join("/", List.of(parts).subList(0, i + 1)), parent);
            parent = result.perPattern();
        }
        return result.matched();
    }

    @TestFactory
    Stream<DynamicTest> matcherNew() throws IOException {
        return SharedVectors.tsv(dir.resolve("matcher-new.tsv")).stream()
                .map(row -> dynamicTest("matcher-new " + row[0], () -> {
                    List<String> patterns = SharedVectors.strings(JsonParser.parseString(row[0]));
                    if (Boolean.parseBoolean(row[1])) {
                        assertThrows(BadPatternException.class, () -> PatternMatcher.of(patterns));
                        return;
                    }
                    PatternMatcher matcher = PatternMatcher.of(patterns);
                    if (!row[2].isEmpty()) {
                        assertEquals(
                                Integer.parseInt(row[2]), matcher.patterns().size());
                    }
                    if (!row[3].isEmpty()) {
                        assertEquals(Boolean.parseBoolean(row[3]), matcher.hasExclusions());
                    }
                    if (row[4].contains("MalformedPattern")) {
                        // builds, then every match attempt reports a bad pattern (twice: no panic, no caching of
                        // success)
                        assertThrows(BadPatternException.class, () -> matcher.matchesOrParentMatches("any"));
                        assertThrows(BadPatternException.class, () -> matcher.matchesOrParentMatches("any"));
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> compile() throws IOException {
        return SharedVectors.tsv(dir.resolve("compile.tsv")).stream()
                .map(row -> dynamicTest("compile " + row[0] + " -> " + row[1] + " " + row[2], () -> {
                    IgnorePattern pattern =
                            PatternMatcher.of(List.of(row[0])).patterns().get(0);
                    assertEquals(
                            row[1].toUpperCase(java.util.Locale.ROOT),
                            pattern.kind().name());
                    assertEquals(row[2].isEmpty() ? null : row[2], pattern.goRegex());
                }));
    }

    @TestFactory
    Stream<DynamicTest> contextWalk() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement element : SharedVectors.json(dir.resolve("context-walk.json"))
                .getAsJsonObject()
                .getAsJsonArray("cases")) {
            JsonObject c = element.getAsJsonObject();
            tests.add(dynamicTest("context-walk " + c.get("name").getAsString(), () -> {
                Path root = Files.createTempDirectory("context-walk");
                try {
                    ConformanceTrees.build(root, c.getAsJsonArray("tree"));
                    checkWalkCase(root, c);
                } finally {
                    ConformanceTrees.delete(root);
                }
            }));
        }
        return tests.stream();
    }

    private static void checkWalkCase(Path root, JsonObject c) throws Exception {
        List<JsonObject> layers = new ArrayList<>();
        if (c.has("layers")) {
            c.getAsJsonArray("layers").forEach(l -> layers.add(l.getAsJsonObject()));
        } else {
            layers.add(c);
        }
        if (c.has("expect_error") && c.get("expect_error").getAsBoolean()) {
            assertThrows(BadPatternException.class, () -> wrap(root, layers));
            return;
        }
        TreeWalk<DirectoryWalk.Walked> walk = wrap(root, layers);
        if (c.has("expect_walk")) {
            List<String> walked = new ArrayList<>();
            walk.walk(new TreeWalk.Visitor<>() {
                @Override
                public TreeWalk.Flow visit(String path, boolean directory, DirectoryWalk.Walked item) {
                    walked.add((directory ? "dir " : "file ") + path);
                    return TreeWalk.Flow.CONTINUE;
                }

                @Override
                public void unreadableDirectory(String path, DirectoryWalk.Walked item, IOException cause) {
                    throw new AssertionError("unreadable " + path, cause);
                }
            });
            assertEquals(SharedVectors.strings(c.get("expect_walk")), walked);
        }
        if (c.has("expect_open")) {
            for (Map.Entry<String, JsonElement> open :
                    c.getAsJsonObject("expect_open").entrySet()) {
                assertEquals(open.getValue().getAsBoolean(), canOpen(layers, open.getKey()), "open " + open.getKey());
            }
        }
    }

    private static TreeWalk<DirectoryWalk.Walked> wrap(Path root, List<JsonObject> layers) throws BadPatternException {
        TreeWalk<DirectoryWalk.Walked> walk = new DirectoryWalk(root);
        for (JsonObject layer : layers) {
            walk = new FilteredWalk<>(
                    walk, SharedVectors.strings(layer.get("include")), SharedVectors.strings(layer.get("exclude")));
        }
        return walk;
    }

    /** fsutil's filtered Open: every layer must include the path (or parent) and not exclude it. */
    private static boolean canOpen(List<JsonObject> layers, String path) throws BadPatternException {
        for (JsonObject layer : layers) {
            List<String> include = SharedVectors.strings(layer.get("include"));
            List<String> exclude = SharedVectors.strings(layer.get("exclude"));
            if (!include.isEmpty() && !PatternMatcher.of(include).matchesOrParentMatches(path)) {
                return false;
            }
            if (!exclude.isEmpty() && PatternMatcher.of(exclude).matchesOrParentMatches(path)) {
                return false;
            }
        }
        return true;
    }

    @TestFactory
    Stream<DynamicTest> buildkitScenarios() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement element : SharedVectors.json(dir.resolve("buildkit-scenarios.json"))
                .getAsJsonObject()
                .getAsJsonArray("cases")) {
            JsonObject c = element.getAsJsonObject();
            tests.add(dynamicTest("buildkit " + c.get("name").getAsString(), () -> {
                Path root = Files.createTempDirectory("dockerignore-scenario");
                try {
                    for (Map.Entry<String, JsonElement> file :
                            c.getAsJsonObject("files").entrySet()) {
                        Files.writeString(
                                root.resolve(file.getKey()), file.getValue().getAsString());
                    }
                    checkScenario(root, c);
                } finally {
                    ConformanceTrees.delete(root);
                }
            }));
        }
        return tests.stream();
    }

    /** Each scenario builds with {@code COPY . .}: what "." selects is what the image holds. */
    private static void checkScenario(Path root, JsonObject c) throws Exception {
        Path dockerfile = root.resolve(c.get("dockerfile").getAsString());
        if (c.has("expect_error") && c.get("expect_error").getAsBoolean()) {
            assertThrows(ContextException.class, () -> BuildContext.scan(root, dockerfile, ClientPlatform.LINUX));
            return;
        }
        BuildContext ctx = BuildContext.scan(root, dockerfile, ClientPlatform.LINUX);
        Map<String, FileEntry> copied = ConformanceTrees.byPath(ctx.select(".", List.of()));
        if (c.has("expect_in_image")) {
            for (Map.Entry<String, JsonElement> e :
                    c.getAsJsonObject("expect_in_image").entrySet()) {
                assertTrue(copied.containsKey(e.getKey()), e.getKey() + " copied");
                assertEquals(
                        Digests.of(e.getValue().getAsString().getBytes(StandardCharsets.UTF_8)),
                        copied.get(e.getKey()).contentDigest(),
                        e.getKey() + " content");
            }
        }
        for (String present : SharedVectors.strings(c.get("expect_in_image_paths"))) {
            assertTrue(copied.containsKey(present), present + " copied");
        }
        for (String absent : SharedVectors.strings(c.get("expect_absent"))) {
            assertFalse(copied.containsKey(absent), absent + " not copied");
        }
    }
}
