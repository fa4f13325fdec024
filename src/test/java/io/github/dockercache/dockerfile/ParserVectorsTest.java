package io.github.dockercache.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The transcribed BuildKit parser tables: heredocs, JSON arrays, words, directives, misc, instructions. */
class ParserVectorsTest {
    private static final Path PARSER = SharedVectors.conformance("dockerfile-parser");

    @TestFactory
    Stream<DynamicNode> heredocs() {
        JsonObject vectors = object("heredocs.json");
        return Stream.of(
                extractionTests("extract", vectors.getAsJsonObject("extract")),
                extractionTests("json_form", vectors.getAsJsonObject("json_form")),
                heredocWordTests(vectors.getAsJsonObject("parse_heredoc_word")),
                DynamicContainer.dynamicContainer(
                        "heredocs_from_line",
                        objects(vectors.getAsJsonObject("heredocs_from_line").getAsJsonArray("cases"))
                                .map(c -> dynamicTest(c.get("line").getAsString(), () -> {
                                    List<String> names = HeredocSyntax.fromLine(
                                                    c.get("line").getAsString())
                                            .stream()
                                            .map(Heredoc::name)
                                            .toList();
                                    List<String> expected = c.get("names").isJsonNull()
                                            ? List.of()
                                            : strings(c.getAsJsonArray("names"));
                                    // upstream compares the found names by index: they must be a prefix of the list
                                    // ("RUN <<- EOF" really yields none: the lexer splits "<<-" from "EOF")
                                    assertTrue(
                                            names.size() <= expected.size(), "more heredocs than expected: " + names);
                                    assertEquals(expected.subList(0, names.size()), names);
                                }))),
                DynamicContainer.dynamicContainer(
                        "chomp",
                        objects(vectors.getAsJsonObject("chomp").getAsJsonArray("cases"))
                                .map(c -> dynamicTest(
                                        c.get("input").getAsString(),
                                        () -> assertEquals(
                                                c.get("expected").getAsString(),
                                                HeredocSyntax.chomp(
                                                        c.get("input").getAsString()))))));
    }

    private static DynamicContainer extractionTests(String name, JsonObject vector) {
        return DynamicContainer.dynamicContainer(
                name, objects(vector.getAsJsonArray("expect")).map(e -> {
                    int index = e.get("child_index").getAsInt();
                    return dynamicTest("child " + index, () -> {
                        RawDockerfile parsed =
                                RawParser.parse(vector.get("dockerfile").getAsString(), "Dockerfile");
                        RawInstruction child = parsed.instructions().get(index);
                        if (e.has("instruction_first_line")) {
                            assertEquals(
                                    e.get("instruction_first_line").getAsString(),
                                    child.original().split("\n")[0]);
                        }
                        List<JsonObject> expected = e.get("heredocs").isJsonNull()
                                ? List.of()
                                : objects(e.getAsJsonArray("heredocs")).toList();
                        assertEquals(expected.size(), child.heredocs().size(), "heredoc count");
                        for (int i = 0; i < expected.size(); i++) {
                            JsonObject want = expected.get(i);
                            Heredoc got = child.heredocs().get(i);
                            assertEquals(
                                    new Heredoc(
                                            want.get("name").getAsString(),
                                            want.get("content").getAsString(),
                                            want.get("expand").getAsBoolean(),
                                            want.get("chomp").getAsBoolean(),
                                            want.get("file_descriptor").getAsInt()),
                                    got);
                        }
                    });
                }));
    }

    private static DynamicContainer heredocWordTests(JsonObject vector) {
        Stream<DynamicTest> valid = strings(vector.getAsJsonArray("valid_name_EOF")).stream()
                .map(word -> dynamicTest(
                        "valid " + word,
                        () -> assertEquals("EOF", HeredocSyntax.parseWord(word).name())));
        Stream<DynamicTest> invalid = strings(vector.getAsJsonArray("invalid_error")).stream()
                .map(word -> dynamicTest(
                        "invalid " + word,
                        () -> assertThrows(ExpansionException.class, () -> HeredocSyntax.parseWord(word))));
        Stream<DynamicTest> notHeredoc = strings(vector.getAsJsonArray("not_a_heredoc")).stream()
                .map(word ->
                        dynamicTest("not a heredoc '" + word + "'", () -> assertNull(HeredocSyntax.parseWord(word))));
        return DynamicContainer.dynamicContainer(
                "parse_heredoc_word", Stream.of(valid, invalid, notHeredoc).flatMap(s -> s));
    }

    @TestFactory
    Stream<DynamicTest> jsonArrays() {
        return tsvRows("json-arrays.tsv").map(row -> {
            String input = JsonParser.parseString(row[0]).getAsString();
            JsonElement expected = JsonParser.parseString(row[1]);
            return dynamicTest(input, () -> {
                if (expected.isJsonPrimitive()) {
                    assertEquals("error:not-string-array", expected.getAsString());
                    LineError e = assertThrows(LineError.class, () -> JsonArgs.parse(input));
                    assertEquals(JsonArgs.NOT_STRING_ARRAY, e.getMessage());
                } else {
                    assertEquals(strings(expected.getAsJsonArray()), JsonArgs.parse(input));
                }
            });
        });
    }

    @TestFactory
    Stream<DynamicTest> parseWords() {
        return tsvRows("parse-words.tsv").map(row -> {
            String input = JsonParser.parseString(row[0]).getAsString();
            List<String> expected = strings(JsonParser.parseString(row[1]).getAsJsonArray());
            return dynamicTest(input, () -> assertEquals(expected, LineParser.words(input, '\\')));
        });
    }

    @TestFactory
    Stream<DynamicNode> directives() {
        JsonObject vectors = object("directives.json");
        Stream<DynamicTest> all = objects(vectors.getAsJsonArray("directive_parser_all"))
                .map(c -> dynamicTest("parseAll " + c.get("input").getAsString(), () -> {
                    List<String> expected = objects(c.getAsJsonArray("expect"))
                            .map(d -> d.get("name").getAsString() + "="
                                    + d.get("value").getAsString())
                            .toList();
                    List<String> actual = ParserDirectives.parseAll(
                                    c.get("input").getAsString())
                            .stream()
                            .map(d -> d.name() + "=" + d.value())
                            .toList();
                    assertEquals(expected, actual);
                }));
        Stream<DynamicTest> syntax = objects(vectors.getAsJsonArray("detect_syntax"))
                .map(c -> dynamicTest(
                        "syntax " + c.get("input").getAsString(),
                        () -> checkFound(c, "ref", ParserDirectives.detectSyntax(inputOf(c)))));
        Stream<DynamicTest> check = objects(vectors.getAsJsonArray("parse_directive_check"))
                .map(c -> dynamicTest(
                        "check " + c.get("input").getAsString(),
                        () -> checkFound(c, "value", ParserDirectives.find(ParserDirectives.CHECK, inputOf(c)))));
        return Stream.of(all, syntax, check).flatMap(s -> s);
    }

    private static String inputOf(JsonObject c) {
        String prefix = c.has("input_hex_prefix")
                        && c.get("input_hex_prefix").getAsString().equals("efbbbf")
                ? "\uFEFF"
                : "";
        return prefix + c.get("input").getAsString();
    }

    /** Keys left out of a case were not checked upstream. */
    private static void checkFound(JsonObject c, String valueKey, Optional<ParserDirectives.Found> found) {
        assertEquals(c.get("ok").getAsBoolean(), found.isPresent(), "ok");
        if (c.has(valueKey)) {
            assertEquals(
                    c.get(valueKey).getAsString(),
                    found.map(ParserDirectives.Found::value).orElse(""));
        }
        if (c.has("cmdline")) {
            assertEquals(
                    c.get("cmdline").getAsString(),
                    found.map(ParserDirectives.Found::commandLine).orElse(""));
        }
        if (c.has("line")) {
            assertEquals(c.get("line").getAsInt(), found.orElseThrow().line());
        }
    }

    @TestFactory
    Stream<DynamicTest> parserMisc() {
        JsonObject misc = object("parser-misc.json");
        JsonObject lines = misc.getAsJsonObject("line_numbers");
        JsonObject continuation = misc.getAsJsonObject("empty_continuation_warnings");
        JsonObject maxLine = misc.getAsJsonObject("max_line_length");
        return Stream.of(
                dynamicTest("line_numbers", () -> {
                    RawDockerfile parsed = RawParser.parse(
                            SharedVectors.text(PARSER.resolve(lines.get("file").getAsString())), "Dockerfile");
                    JsonObject expect = lines.getAsJsonObject("expect");
                    assertEquals(expect.get("ast_start_line").getAsInt(), parsed.startLine());
                    assertEquals(expect.get("ast_end_line").getAsInt(), parsed.endLine());
                    List<List<Integer>> spans = parsed.instructions().stream()
                            .map(i -> List.of(i.startLine(), i.endLine()))
                            .toList();
                    List<List<Integer>> expectedSpans = new ArrayList<>();
                    expect.getAsJsonArray("children")
                            .forEach(span -> expectedSpans.add(List.of(
                                    span.getAsJsonArray().get(0).getAsInt(),
                                    span.getAsJsonArray().get(1).getAsInt())));
                    assertEquals(expectedSpans, spans);
                }),
                dynamicTest("empty_continuation_warnings", () -> {
                    JsonObject expect = continuation.getAsJsonObject("expect");
                    List<ParseWarning> warnings = RawParser.parse(
                                    continuation.get("dockerfile").getAsString(), "Dockerfile")
                            .warnings();
                    assertEquals(expect.get("warning_count").getAsInt(), warnings.size());
                    for (String part : strings(expect.getAsJsonArray("warning0_short_contains"))) {
                        assertTrue(
                                warnings.get(0).message().contains(part),
                                warnings.get(0).message());
                    }
                    for (String part : strings(expect.getAsJsonArray("warning1_short_contains"))) {
                        assertTrue(
                                warnings.get(1).message().contains(part),
                                warnings.get(1).message());
                    }
                    assertTrue(warnings.get(0)
                            .message()
                            .contains(expect.get("warning0_detail0_contains").getAsString()));
                    assertEquals(
                            RawParser.EMPTY_CONTINUATION_RULE, warnings.get(0).rule());
                }),
                dynamicTest("max_line_length", () -> {
                    String input = "\n\t\tFROM image\n\t\tLABEL test=" + "a".repeat(65536) + "\n";
                    DockerfileException e =
                            assertThrows(DockerfileException.class, () -> RawParser.parse(input, "Dockerfile"));
                    assertEquals(maxLine.get("expect_error").getAsString(), e.reason());
                }));
    }

    @TestFactory
    Stream<DynamicNode> instructions() {
        JsonObject vectors = object("instructions.json");
        Stream<DynamicTest> errors = objects(vectors.getAsJsonArray("errors"))
                .map(c -> dynamicTest(c.get("dockerfile").getAsString(), () -> {
                    LineError e = assertThrows(
                            LineError.class,
                            () -> firstInstruction(c.get("dockerfile").getAsString()));
                    if (c.has("expect_error_exact")) {
                        assertEquals(c.get("expect_error_exact").getAsString(), e.getMessage());
                    } else {
                        String part = c.get("expect_error_contains").getAsString();
                        assertTrue(e.getMessage().contains(part), e.getMessage());
                    }
                }));
        Stream<DynamicTest> copies = objects(vectors.getAsJsonArray("copy_heredoc"))
                .map(c -> dynamicTest(c.get("dockerfile").getAsString(), () -> {
                    CopyInstruction copy = assertInstanceOf(
                            CopyInstruction.class,
                            firstInstruction(c.get("dockerfile").getAsString()));
                    assertEquals(c.get("dest_path").getAsString(), copy.destination());
                    assertEquals(strings(c.getAsJsonArray("source_paths")), copy.sourcePaths());
                    List<String> expectedContents = objects(c.getAsJsonArray("source_contents"))
                            .map(s -> s.get("path").getAsString() + "|"
                                    + s.get("data").getAsString() + "|"
                                    + s.get("expand").getAsBoolean())
                            .toList();
                    assertEquals(
                            expectedContents,
                            copy.heredocs().stream()
                                    .map(h -> h.name() + "|" + h.content() + "|" + h.expand())
                                    .toList());
                }));
        Stream<DynamicTest> runs = objects(vectors.getAsJsonArray("run_heredoc"))
                .map(c -> dynamicTest(c.get("dockerfile").getAsString(), () -> checkRunHeredoc(c)));
        JsonArray misc = vectors.getAsJsonArray("misc");
        Stream<DynamicTest> miscTests = Stream.of(
                dynamicTest(misc.get(0).getAsJsonObject().get("dockerfile").getAsString(), () -> {
                    RunInstruction run = assertInstanceOf(
                            RunInstruction.class,
                            firstInstruction(misc.get(0)
                                    .getAsJsonObject()
                                    .get("dockerfile")
                                    .getAsString()));
                    // flags_used == ["mount"]: one mount, and neither --network nor --security given
                    assertEquals(List.of("type=tmpfs,target=/foo/"), run.mounts());
                    assertNull(run.network());
                    assertNull(run.security());
                }),
                dynamicTest(misc.get(1).getAsJsonObject().get("dockerfile").getAsString(), () -> {
                    RawInstruction raw = RawParser.parse(
                                    misc.get(1)
                                            .getAsJsonObject()
                                            .get("dockerfile")
                                            .getAsString(),
                                    "Dockerfile")
                            .instructions()
                            .get(0);
                    assertEquals(
                            strings(misc.get(1)
                                    .getAsJsonObject()
                                    .getAsJsonObject("expect")
                                    .getAsJsonArray("healthcheck_test")),
                            InstructionParser.healthTest(raw));
                }));
        JsonObject intervals = misc.get(2).getAsJsonObject().getAsJsonObject("values");
        Stream<DynamicTest> intervalTests = intervals.keySet().stream()
                .map(value -> dynamicTest("--interval=" + value, () -> {
                    String expected = intervals.get(value).getAsString();
                    if (expected.equals("ok")) {
                        InstructionParser.HealthcheckSpec.checkInterval("interval", value);
                    } else {
                        LineError e = assertThrows(
                                LineError.class,
                                () -> InstructionParser.HealthcheckSpec.checkInterval("interval", value));
                        assertTrue(e.getMessage().contains(expected.substring("error: ".length())), e.getMessage());
                    }
                }));
        DynamicTest docComments =
                dynamicTest("doc comments", () -> checkDocComments(vectors.getAsJsonObject("doc_comments")));
        return Stream.of(errors, copies, runs, miscTests, intervalTests, Stream.of(docComments))
                .flatMap(s -> s);
    }

    /** Upstream keeps {@code <<-} bodies unchomped on RUN (chomped when the RUN is that one heredoc), as we do. */
    private static void checkRunHeredoc(JsonObject c) throws Exception {
        String dockerfile = c.get("dockerfile").getAsString();
        RunInstruction run = assertInstanceOf(RunInstruction.class, firstInstruction(dockerfile));
        RawInstruction raw =
                RawParser.parse(dockerfile, "Dockerfile").instructions().get(0);
        assertEquals(c.get("prepend_shell").getAsBoolean(), run.shellForm());
        assertEquals(strings(c.getAsJsonArray("cmd_line")), run.command());
        List<JsonObject> files = objects(c.getAsJsonArray("files")).toList();
        assertEquals(files.size(), run.heredocs().size());
        for (int i = 0; i < files.size(); i++) {
            JsonObject file = files.get(i);
            String data = file.get("data").getAsString();
            boolean chomp = file.get("chomp").getAsBoolean();
            assertEquals(file.get("name").getAsString(), run.heredocs().get(i).name());
            assertEquals(chomp, run.heredocs().get(i).chomp());
            assertEquals(data, raw.heredocs().get(i).content());
            assertEquals(data, run.heredocs().get(i).content());
            assertEquals(
                    chomp ? HeredocSyntax.chomp(data) : data,
                    run.heredocs().get(i).body());
        }
    }

    private static void checkDocComments(JsonObject vector) throws Exception {
        Dockerfile dockerfile = DockerfileReader.parse(vector.get("dockerfile").getAsString(), "Dockerfile");
        JsonObject expect = vector.getAsJsonObject("expect");
        Stage stage = dockerfile.stages().get(0);
        assertEquals(
                expect.get("stage0_doc_comment").getAsString(),
                InstructionParser.docComment(stage.from().source().comments(), stage.name()));
        ArgInstruction metaArg = dockerfile.globalArgs().get(0);
        JsonObject metaExpect = expect.getAsJsonObject("meta_arg0");
        assertEquals(metaExpect.get("key").getAsString(), metaArg.args().get(0).name());
        assertEquals(
                metaExpect.get("doc_comment").getAsString(),
                InstructionParser.docComment(
                        metaArg.source().comments(), metaArg.args().get(0).name()));
        List<JsonObject> commands =
                objects(expect.getAsJsonArray("stage0_commands")).toList();
        assertEquals(commands.size(), stage.instructions().size());
        for (int i = 0; i < commands.size(); i++) {
            ArgInstruction arg =
                    assertInstanceOf(ArgInstruction.class, stage.instructions().get(i));
            List<List<String>> actual = arg.args().stream()
                    .map(a -> List.of(
                            a.name(), InstructionParser.docComment(arg.source().comments(), a.name())))
                    .toList();
            List<List<String>> expected = new ArrayList<>();
            commands.get(i)
                    .getAsJsonArray("arg_keys_and_doc")
                    .forEach(pair -> expected.add(strings(pair.getAsJsonArray())));
            assertEquals(expected, actual);
        }
    }

    private static Instruction firstInstruction(String dockerfile) throws Exception {
        return InstructionParser.parse(
                RawParser.parse(dockerfile, "Dockerfile").instructions().get(0),
                "Dockerfile",
                false,
                BuildKitVersion.NEWEST);
    }

    private static JsonObject object(String file) {
        return SharedVectors.json(PARSER.resolve(file)).getAsJsonObject();
    }

    private static Stream<JsonObject> objects(JsonArray array) {
        List<JsonObject> list = new ArrayList<>();
        array.forEach(e -> list.add(e.getAsJsonObject()));
        return list.stream();
    }

    private static List<String> strings(JsonArray array) {
        List<String> list = new ArrayList<>();
        array.forEach(e -> list.add(e.getAsString()));
        return list;
    }

    /** Data rows (header skipped) of a TSV file. */
    private static Stream<String[]> tsvRows(String file) {
        String[] lines = SharedVectors.text(PARSER.resolve(file)).split("\n");
        assertFalse(lines.length < 2, file + " has no rows");
        return Stream.of(lines).skip(1).filter(line -> !line.isEmpty()).map(line -> line.split("\t", -1));
    }
}
