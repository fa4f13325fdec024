package io.github.dockercache.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.github.dockercache.dockerfile.BaseImageConfigs;
import io.github.dockercache.dockerfile.BuildCheckFixturesTest;
import io.github.dockercache.dockerfile.CheckOptions;
import io.github.dockercache.dockerfile.DockerfileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class LinterTest {
    private static final Path CHECKS = Path.of("src/test/resources/dockerfile/checks");
    private static final Path CORPUS = Path.of("src/test/resources/dockerfile/corpus");
    /** The checks that may need a base image's configuration, which lint does not read. */
    private static final Set<String> IMAGE_CHECKS = Set.of(
            "UndefinedVar",
            "InvalidBaseImagePlatform",
            "WorkdirRelativePath",
            "ExposeInvalidFormat",
            "ExposeProtoCasing");

    private static final LintOptions DEFAULTS = new LintOptions(null, null, Set.of());

    @TempDir
    Path temp;

    /**
     * Each build-check fixture warns as BuildKit 0.25 did ({@code expected-warnings}, which LintDifferentialTest
     * holds against the engine), but for the checks that need the base image's configuration.
     */
    @TestFactory
    Stream<DynamicTest> everyFixtureWarnsAsBuildKitDidButForTheImageChecks() throws IOException {
        List<Path> folders;
        try (Stream<Path> list = Files.list(CHECKS)) {
            folders = list.sorted().toList();
        }
        return folders.stream()
                .map(folder -> dynamicTest(folder.getFileName().toString(), () -> {
                    Path expectedFile = folder.resolve("expected-warnings");
                    List<String> expected =
                            new ArrayList<>(Files.exists(expectedFile) ? Files.readAllLines(expectedFile) : List.of());
                    String argument = BuildCheckFixturesTest.buildArgs(folder).get(CheckOptions.BUILD_ARG);
                    LintResult result =
                            Linter.lint(folder, List.of("Dockerfile"), new LintOptions(argument, null, Set.of()));
                    List<String> linted = result.findings().stream()
                            .filter(f -> !f.rule().startsWith("DC"))
                            .map(f -> f.line() + " " + f.rule())
                            .sorted()
                            .toList();
                    List<String> missing = new ArrayList<>(expected);
                    linted.forEach(missing::remove);
                    List<String> extra = new ArrayList<>(linted);
                    expected.forEach(extra::remove);
                    assertEquals(List.of(), extra, "lint warns where BuildKit did not");
                    assertTrue(
                            missing.stream().allMatch(w -> IMAGE_CHECKS.contains(w.split(" ")[1])),
                            () -> "lint misses " + missing);
                }));
    }

    /** On the corpus directory, lint gives each file's build-check warnings exactly: line, column, rule and text. */
    @Test
    void theCorpusDirectoryGivesEachFilesWarningsExactly() throws Exception {
        LintResult result = Linter.lint(CORPUS.getParent(), List.of("corpus"), DEFAULTS);
        assertEquals(56, result.files().size());
        int warnings = 0;
        for (LintedFile file : result.files()) {
            String text = DockerfileReader.readText(CORPUS.getParent().resolve(file.file()));
            List<String> expected = DockerfileReader.parse(text, file.file(), BaseImageConfigs.NONE).warnings().stream()
                    .map(w -> w.location() + " " + w.rule() + " " + w.message())
                    .toList();
            List<String> linted = file.findings().stream()
                    .filter(f -> !f.rule().startsWith("DC"))
                    .map(f -> f.location() + " " + f.rule() + " " + f.message())
                    .toList();
            assertEquals(expected, linted, file.file());
            warnings += linted.size();
        }
        assertTrue(warnings > 20, "warnings: " + warnings);
        assertTrue(result.findings().stream().anyMatch(f -> f.rule().equals("DC301")));
        assertEquals(
                List.of(
                        "UndefinedVar, InvalidBaseImagePlatform, and WorkdirRelativePath, ExposeInvalidFormat and"
                                + " ExposeProtoCasing where they need a variable's value, are judged only in stages FROM scratch"
                                + " or an earlier stage: lint reads no base image's configuration.",
                        "DC101, DC102, DC105, DC201, DC202, DC203, DC401 need the build context and are not run by lint:"
                                + " the check goal runs them."),
                result.notRun());
    }

    @Test
    void findingsAreLocatedAndLinked() throws Exception {
        write("Dockerfile", "FROM scratch AS Build\nCMD echo hi\n");
        LintResult result = Linter.lint(temp, List.of("."), DEFAULTS);
        assertEquals(
                List.of(
                        new LintFinding(
                                "Dockerfile",
                                1,
                                1,
                                "StageNameCasing",
                                Level.WARNING,
                                "Stage name 'Build' should be lowercase",
                                null,
                                "https://docs.docker.com/go/dockerfile/rule/stage-name-casing/"),
                        new LintFinding(
                                "Dockerfile",
                                2,
                                1,
                                "JSONArgsRecommended",
                                Level.WARNING,
                                "JSON arguments recommended for CMD to prevent unintended behavior related to OS signals",
                                null,
                                "https://docs.docker.com/go/dockerfile/rule/json-args-recommended/")),
                result.findings());
        assertEquals(
                List.of("DC101, DC102, DC105, DC201, DC202, DC203, DC401 need the build context and are not run"
                        + " by lint: the check goal runs them."),
                result.notRun());
    }

    @Test
    void theCheckDirectiveAndTheBuildArgumentApplyAsInBuildKit() throws Exception {
        write("skipped/Dockerfile", "# check=skip=StageNameCasing\nFROM scratch AS Build\nCMD echo hi\n");
        write("strict/Dockerfile", "# check=error=true\nFROM scratch AS Build\n");
        LintResult result = Linter.lint(temp, List.of("skipped", "strict"), DEFAULTS);
        assertEquals(
                List.of(
                        "skipped/Dockerfile:3:1 JSONArgsRecommended warning",
                        "strict/Dockerfile:2:1 StageNameCasing error"),
                result.findings().stream()
                        .map(f ->
                                f.location() + " " + f.rule() + " " + f.level().label())
                        .toList());
        assertEquals(
                "lint violation found for rules: StageNameCasing",
                result.files().get(1).checkFailure());

        LintResult replaced = Linter.lint(
                temp, List.of("skipped", "strict"), new LintOptions("skip=JSONArgsRecommended", null, Set.of()));
        assertEquals(
                List.of(
                        "skipped/Dockerfile:2:1 StageNameCasing warning",
                        "strict/Dockerfile:2:1 StageNameCasing warning"),
                replaced.findings().stream()
                        .map(f ->
                                f.location() + " " + f.rule() + " " + f.level().label())
                        .toList());

        LintException invalid = assertThrows(
                LintException.class,
                () -> Linter.lint(temp, List.of("skipped"), new LintOptions("skip", null, Set.of())));
        assertEquals(
                "failed to parse build-arg:BUILDKIT_DOCKERFILE_CHECK: invalid check option \"skip\"",
                invalid.getMessage());
        assertEquals(LintException.Input.CHECK, invalid.input());
    }

    @Test
    void aFileThatDoesNotParseIsLocatedAndTheOthersAreLinted() throws Exception {
        write("a/Dockerfile", "FROM scratch\nFROOM x\n");
        write("b/Dockerfile", "");
        write("c/Dockerfile", "FROM scratch\nCMD echo hi\n");
        LintResult result = Linter.lint(temp, List.of("."), DEFAULTS);
        assertEquals(
                List.of(
                        "a/Dockerfile:2:1 ParseError error unknown instruction: FROOM (did you mean FROM?)",
                        "b/Dockerfile:1:1 ParseError error the Dockerfile cannot be empty",
                        "c/Dockerfile:2:1 JSONArgsRecommended warning JSON arguments recommended for CMD to prevent unintended"
                                + " behavior related to OS signals"),
                result.findings().stream()
                        .map(f ->
                                f.location() + " " + f.rule() + " " + f.level().label() + " " + f.message())
                        .toList());
    }

    @Test
    void directoriesFindDockerfilesByNameOutsideHiddenDirectoriesTargetAndNodeModules() throws Exception {
        for (String name : List.of(
                "Dockerfile",
                "app/Dockerfile.jvm",
                "app/api.Dockerfile",
                "app/Containerfile",
                ".git/Dockerfile",
                "target/Dockerfile",
                "web/node_modules/x/Dockerfile",
                "app/.dockerignore",
                "app/Dockerfile.dockerignore",
                "app/README.md")) {
            write(name, "FROM scratch\n");
        }
        assertEquals(
                List.of("Dockerfile", "app/Containerfile", "app/Dockerfile.jvm", "app/api.Dockerfile"),
                files(Linter.lint(temp, List.of("."), DEFAULTS)));
        // named outright, a file is linted whatever its name and wherever it is; named twice, once
        assertEquals(
                List.of("app/README.md", "target/Dockerfile"),
                files(Linter.lint(
                        temp, List.of("target/Dockerfile", "app/README.md", "./target/Dockerfile"), DEFAULTS)));
    }

    @Test
    void globsMatchBelowTheirLiteralPartAndDoubleStarMatchesNoDirectoryToo() throws Exception {
        for (String name : List.of(
                "docker/Dockerfile",
                "docker/a/Dockerfile",
                "docker/a/b/Dockerfile",
                "docker/a/x.txt",
                "other/Dockerfile")) {
            write(name, "FROM scratch\n");
        }
        assertEquals(
                List.of("docker/Dockerfile", "docker/a/Dockerfile", "docker/a/b/Dockerfile"),
                files(Linter.lint(temp, List.of("docker/**/Dockerfile"), DEFAULTS)));
        assertEquals(
                List.of("docker/a/Dockerfile", "other/Dockerfile"),
                files(Linter.lint(temp, List.of("*/Dockerfile", "docker/a/Docker*"), DEFAULTS)).stream()
                        .filter(name -> !name.equals("docker/Dockerfile"))
                        .toList());
    }

    @Test
    void aPathOrGlobThatNamesNothingIsRefusedWithItsName() throws IOException {
        write("docs/README.md", "text");
        assertEquals("'missing/Dockerfile' does not exist", refused("missing/Dockerfile"));
        assertEquals("no file matches the glob 'docs/**/*.Dockerfile'", refused("docs/**/*.Dockerfile"));
        assertEquals(
                "no file matches the glob 'nowhere/*/Dockerfile': 'nowhere' is not a directory",
                refused("nowhere/*/Dockerfile"));
        assertEquals(
                "no Dockerfile in the directory 'docs' (looked for Dockerfile, Dockerfile.*, *.Dockerfile and"
                        + " Containerfile, outside hidden directories, target and node_modules)",
                refused("docs"));
        assertTrue(refused("docs/[a").startsWith("'docs/[a' is not a valid glob: "), refused("docs/[a"));
        LintException unknownRule = assertThrows(
                LintException.class,
                () -> Linter.lint(temp, List.of("docs/README.md"), new LintOptions(null, null, Set.of("dc999"))));
        assertEquals(
                "unknown dockercache rule id DC999; the rules are DC101, DC102, DC103, DC104, DC105, DC201, DC202,"
                        + " DC203, DC301, DC302, DC303, DC401",
                unknownRule.getMessage());
        assertEquals(LintException.Input.DISABLED_RULES, unknownRule.input());
    }

    @Test
    void disabledRulesAreNotRunAndNotListedAsSkipped() throws Exception {
        write("Dockerfile", "FROM alpine\n");
        assertEquals(
                List.of("DC301"),
                Linter.lint(temp, List.of("."), DEFAULTS).findings().stream()
                        .map(LintFinding::rule)
                        .toList());
        LintResult result = Linter.lint(temp, List.of("."), new LintOptions(null, null, Set.of("dc301", "DC401")));
        assertEquals(List.of(), result.findings());
        assertTrue(
                result.notRun().get(1).startsWith("DC101, DC102, DC105, DC201, DC202, DC203 need"),
                result.notRun().get(1));
    }

    @Test
    void ruleNamesBecomeTheAddressesOfBuildKitsDocumentation() {
        assertEquals("json-args-recommended", Linter.kebabCase("JSONArgsRecommended"));
        assertEquals("secrets-used-in-arg-or-env", Linter.kebabCase("SecretsUsedInArgOrEnv"));
        assertEquals("from-platform-flag-const-disallowed", Linter.kebabCase("FromPlatformFlagConstDisallowed"));
    }

    private String refused(String pattern) {
        LintException refused = assertThrows(LintException.class, () -> Linter.lint(temp, List.of(pattern), DEFAULTS));
        assertEquals(LintException.Input.PATHS, refused.input());
        return refused.getMessage();
    }

    private static List<String> files(LintResult result) {
        return result.files().stream().map(LintedFile::file).toList();
    }

    private void write(String name, String text) throws IOException {
        Path file = temp.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
