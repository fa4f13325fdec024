package io.github.dockercache.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/** BuildKit's shell-lexer vectors, read as upstream's lex_test.go reads them (see the folder's README). */
class ShellLexerConformanceTest {
    private static final Path LEXER = SharedVectors.conformance("shell-lexer");
    private static final ShellLexer LEXER_BACKSLASH = new ShellLexer('\\');

    /** envVarTest: "platform | input | expected"; rows for Windows only ("W") do not apply to Linux targets. */
    @TestFactory
    Stream<DynamicTest> envVarTest() {
        VariableLookup env = Variables.of(Map.of("PWD", "/home", "SHELL", "bash", "KOREAN", "한국어", "NULL", ""));
        List<DynamicTest> tests = new ArrayList<>();
        int lineNumber = 0;
        for (String line : SharedVectors.text(LEXER.resolve("envVarTest")).split("\n", -1)) {
            lineNumber++;
            if (line.startsWith("#") || line.trim().isEmpty()) {
                continue;
            }
            String[] fields =
                    Arrays.stream(line.split("\\|", -1)).map(String::trim).toArray(String[]::new);
            assertEquals(3, fields.length, "envVarTest line " + lineNumber);
            if (fields[0].equals("W")) {
                continue;
            }
            String input = fields[1];
            String expected = fields[2];
            tests.add(dynamicTest(
                    "line " + lineNumber + ": " + input,
                    expansionCheck(
                            () -> LEXER_BACKSLASH.processWord(input, env),
                            expected.equals("error") ? null : expected)));
        }
        return tests.stream();
    }

    /** wordsTest: "ENV name=value" lines accumulate; other lines are "input | word,word". */
    @TestFactory
    Stream<DynamicTest> wordsTest() {
        Map<String, String> env = new LinkedHashMap<>();
        List<DynamicTest> tests = new ArrayList<>();
        int lineNumber = 0;
        for (String line : SharedVectors.text(LEXER.resolve("wordsTest")).split("\n", -1)) {
            lineNumber++;
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            if (line.startsWith("ENV ")) {
                String entry = line.substring(3).stripLeading();
                int equals = entry.indexOf('=');
                env.put(entry.substring(0, equals), entry.substring(equals + 1));
                continue;
            }
            String[] sides = line.split("\\|", -1);
            assertEquals(2, sides.length, "wordsTest line " + lineNumber);
            String input = sides[0].trim();
            List<String> expected = List.of(sides[1].stripLeading().split(",", -1));
            VariableLookup variables = Variables.of(env);
            tests.add(dynamicTest("line " + lineNumber + ": " + input, () -> {
                List<String> actual;
                try {
                    actual = LEXER_BACKSLASH.processWords(input, variables);
                } catch (ExpansionException e) {
                    actual = List.of("error");
                }
                assertEquals(expected, actual);
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> processWordWithMatches() {
        return cases("process_word_with_matches")
                .map(c -> dynamicTest(c.get("input").getAsString(), () -> {
                    String input = c.get("input").getAsString();
                    VariableLookup env = Variables.of(stringMap(c.getAsJsonObject("env")));
                    if (c.has("expect_error") && c.get("expect_error").getAsBoolean()) {
                        assertThrows(ExpansionException.class, () -> LEXER_BACKSLASH.expand(input, env));
                        return;
                    }
                    ShellLexer.Expansion expansion = LEXER_BACKSLASH.expand(input, env);
                    assertEquals(c.get("expected").getAsString(), expansion.result());
                    assertEquals(stringSet(c.getAsJsonArray("matched")), new TreeSet<>(expansion.matched()), "matched");
                    assertEquals(
                            stringSet(c.getAsJsonArray("unmatched")),
                            new TreeSet<>(expansion.unmatched()),
                            "unmatched");
                }));
    }

    @TestFactory
    Stream<DynamicTest> mandatoryVariables() {
        return Stream.concat(cases("mandatory_vars"), cases("platform_args")).map(c -> {
            String input = c.get("input").getAsString();
            VariableLookup env = Variables.of(stringMap(c.getAsJsonObject("env")));
            String name = input + " " + c.getAsJsonObject("env");
            if (c.has("expect_error") && c.get("expect_error").getAsBoolean()) {
                return dynamicTest(name, () -> {
                    ExpansionException e =
                            assertThrows(ExpansionException.class, () -> LEXER_BACKSLASH.processWord(input, env));
                    if (c.has("error_contains")) {
                        assertTrue(
                                e.getMessage().contains(c.get("error_contains").getAsString()), e.getMessage());
                    }
                });
            }
            return dynamicTest(
                    name,
                    expansionCheck(
                            () -> LEXER_BACKSLASH.processWord(input, env),
                            c.get("expected").getAsString()));
        });
    }

    @TestFactory
    Stream<DynamicTest> environmentLookup() {
        return cases("env_lookup")
                .map(c -> dynamicTest(c.get("env_list") + " " + c.get("name").getAsString(), () -> {
                    List<String> entries = new ArrayList<>();
                    c.getAsJsonArray("env_list").forEach(e -> entries.add(e.getAsString()));
                    String value =
                            Variables.fromEntries(entries).get(c.get("name").getAsString());
                    assertEquals(c.get("expected").getAsString(), value == null ? "" : value);
                }));
    }

    private interface Expanding {
        String run() throws ExpansionException;
    }

    /** Expected null means the expansion must fail. */
    private static Executable expansionCheck(Expanding expansion, String expected) {
        return () -> {
            if (expected == null) {
                assertThrows(ExpansionException.class, expansion::run);
            } else {
                assertEquals(expected, expansion.run());
            }
        };
    }

    private static Stream<JsonObject> cases(String table) {
        JsonArray rows = SharedVectors.json(LEXER.resolve("process-word.json"))
                .getAsJsonObject()
                .getAsJsonArray(table);
        List<JsonObject> objects = new ArrayList<>();
        rows.forEach(row -> objects.add(row.getAsJsonObject()));
        return objects.stream();
    }

    private static Map<String, String> stringMap(JsonObject object) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            map.put(entry.getKey(), entry.getValue().getAsString());
        }
        return map;
    }

    private static Set<String> stringSet(JsonArray array) {
        Set<String> set = new TreeSet<>();
        array.forEach(e -> set.add(e.getAsString()));
        return set;
    }
}
