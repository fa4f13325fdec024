package io.github.dockercache.dockerfile;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.github.dockercache.files.FileLimitException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Real-world Dockerfiles from well-known projects (listed in {@code corpus/SOURCES.md}). BuildKit builds
 * every one of them, so each must parse, warn only where BuildKit warns, place every instruction on its
 * keyword's line, and expand its words without error in an empty environment.
 */
class CorpusTest {
    private static final String CORPUS = "/dockerfile/corpus";
    /**
     * The warnings a corpus file is known to produce, one {@code line rule} per line; absent when none.
     * BuildKit's parser warnings and its build checks (see {@code BuildChecks}).
     */
    private static final String EXPECTED_WARNINGS = "expected-warnings";
    /** {@code ${NAME:?message}} and {@code ${NAME?message}} fail on purpose when NAME is unset. */
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{\\w+:?\\?");

    private static final VariableLookup EMPTY_ENVIRONMENT = Variables.of(Map.of());

    @TestFactory
    Stream<DynamicContainer> everyCorpusFile() throws IOException, URISyntaxException {
        List<Path> folders = corpusFolders();
        assertTrue(folders.size() >= 40, "the corpus should hold at least 40 files, found " + folders.size());
        return folders.stream()
                .map(folder -> dynamicContainer(folder.getFileName().toString(), checks(folder)));
    }

    private static Stream<DynamicNode> checks(Path folder) {
        Path dockerfile = folder.resolve("Dockerfile");
        return Stream.of(
                dynamicTest(
                        "parses into at least one stage",
                        () -> assertFalse(parse(dockerfile).stages().isEmpty())),
                dynamicTest("warns only where BuildKit warns", () -> assertWarnings(folder, parse(dockerfile))),
                dynamicTest("locates every instruction on its keyword's line", () -> assertLocations(dockerfile)),
                dynamicTest("expands words in an empty environment", () -> assertExpandable(parse(dockerfile))));
    }

    private static Dockerfile parse(Path dockerfile) throws IOException, FileLimitException, DockerfileException {
        return DockerfileReader.read(dockerfile, dockerfile.getParent().getFileName() + "/Dockerfile");
    }

    private static void assertWarnings(Path folder, Dockerfile file) throws IOException {
        Path expectedFile = folder.resolve(EXPECTED_WARNINGS);
        List<String> expected = Files.exists(expectedFile) ? Files.readAllLines(expectedFile) : List.of();
        List<String> actual = file.warnings().stream()
                .map(warning -> warning.location().line() + " " + warning.rule())
                .toList();
        assertEquals(expected, actual, () -> "warnings: " + file.warnings());
    }

    private static void assertLocations(Path dockerfile) throws IOException, FileLimitException, DockerfileException {
        // BuildKit splits lines on LF only (a CR is stripped from the end), so String.lines() would not do
        List<String> lines = List.of(DockerfileReader.readText(dockerfile).split("\n", -1));
        List<Executable> checks = new ArrayList<>();
        for (Instruction instruction : parse(dockerfile).allInstructions()) {
            InstructionSource source = instruction.source();
            checks.add(() -> {
                int line = source.location().line();
                assertTrue(line >= 1 && line <= lines.size(), source.location() + " is outside the file");
                String text = lines.get(line - 1).replace("\uFEFF", "").stripLeading();
                assertTrue(
                        startsWithKeyword(text, source.keyword()),
                        source.location() + ": " + source.keyword() + " expected, the line reads: " + text);
            });
        }
        assertAll(checks);
    }

    /** The keyword, in any case, as a whole word: {@code RUN} must not match {@code RUNNER}. */
    private static boolean startsWithKeyword(String text, String keyword) {
        if (!text.regionMatches(true, 0, keyword, 0, keyword.length())) {
            return false;
        }
        return text.length() == keyword.length() || !Character.isLetterOrDigit(text.charAt(keyword.length()));
    }

    private static void assertExpandable(Dockerfile file) {
        ShellLexer lexer = new ShellLexer(file.escapeChar());
        List<Executable> checks = new ArrayList<>();
        for (Instruction instruction : file.allInstructions()) {
            for (String word : expandedWords(instruction)) {
                checks.add(() -> {
                    if (REQUIRED_VARIABLE.matcher(word).find()) {
                        return;
                    }
                    try {
                        lexer.processWord(word, EMPTY_ENVIRONMENT);
                    } catch (ExpansionException e) {
                        fail(instruction.source().location() + ": " + e.getMessage());
                    }
                });
            }
        }
        assertAll(checks);
    }

    /** The words of an instruction that the frontend expands with the build's variables. */
    private static List<String> expandedWords(Instruction instruction) {
        List<String> words = new ArrayList<>();
        if (instruction instanceof CopyInstruction copy) {
            words.addAll(copy.sourcePaths());
            words.add(copy.destination());
        } else if (instruction instanceof WorkdirInstruction workdir) {
            words.add(workdir.path());
        } else if (instruction instanceof EnvInstruction env) {
            env.pairs().forEach(pair -> words.add(pair.value()));
        } else if (instruction instanceof ArgInstruction arg) {
            arg.args().stream()
                    .map(ArgDeclaration::defaultValue)
                    .filter(value -> value != null)
                    .forEach(words::add);
        }
        return words;
    }

    private static List<Path> corpusFolders() throws IOException, URISyntaxException {
        URL root = CorpusTest.class.getResource(CORPUS);
        if (root == null) {
            fail("test resource " + CORPUS + " is missing");
        }
        try (Stream<Path> entries = Files.list(Path.of(root.toURI()))) {
            return entries.filter(Files::isDirectory)
                    .sorted(Comparator.comparing(
                            path -> path.getFileName().toString().toLowerCase(Locale.ROOT)))
                    .toList();
        }
    }
}
