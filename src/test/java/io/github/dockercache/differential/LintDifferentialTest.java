package io.github.dockercache.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.dockercache.dockerfile.BaseImageConfig;
import io.github.dockercache.dockerfile.BaseImageConfigs;
import io.github.dockercache.dockerfile.BuildCheckFixturesTest;
import io.github.dockercache.dockerfile.CheckOptions;
import io.github.dockercache.dockerfile.DockerfileException;
import io.github.dockercache.dockerfile.DockerfileReader;
import io.github.dockercache.lint.LintException;
import io.github.dockercache.lint.LintOptions;
import io.github.dockercache.lint.Linter;
import io.github.dockercache.registry.TestRegistry;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The plugin's build checks against the engine's: for every build-check fixture ({@code dockerfile/checks}) and
 * every corpus file ({@code dockerfile/corpus}), {@code docker buildx build --call=check} (BuildKit 0.25 on engine
 * 28) and {@link DockerfileReader} must report the same multiset of {@code line rule} pairs.
 *
 * <p>The engine has no internet, so each file is made buildable offline first ({@link OfflineDockerfile}): a FROM
 * image other than scratch, an earlier stage and the two test images below becomes {@code
 * dockercache-busybox:latest}, and a {@code # syntax=} directive (which would pull a frontend image) becomes a
 * directive without effect; no line moves. The plugin is told the configurations of the two test images, which the
 * engine sees too: {@code dockercache-busybox:latest} as the engine's store has it, and an arm64 image pushed to the
 * loopback registry ({@code scripts/registry.sh}), so that UndefinedVar and InvalidBaseImagePlatform are compared
 * too. A check builds nothing and reads no cache, so the engine is not held.
 *
 * <p>{@code dockercache:lint} ({@link Linter}) is held against the same answers: it reads no image configuration, so
 * it may leave out a warning of a check that needs the base image's environment or platform, and nothing else.
 */
class LintDifferentialTest {
    static final String BUSYBOX = "dockercache-busybox:latest";
    private static final String ARM64_REPOSITORY = "dockercache-lint/arm64";
    /** How the fixtures name the arm64 test image; replaced by the running registry's address. */
    private static final String FIXTURE_REGISTRY = "127.0.0.1:15000";
    /** The checks that may need a base image's configuration, which lint does not read. */
    private static final Set<String> IMAGE_CHECKS = Set.of(
            "UndefinedVar",
            "InvalidBaseImagePlatform",
            "WorkdirRelativePath",
            "ExposeInvalidFormat",
            "ExposeProtoCasing");
    /** Per file that matched, the rules warned about (one entry per warning). */
    private static final Map<String, List<String>> MATCHED = new TreeMap<>();

    @TestFactory
    Stream<DynamicTest> engineAndPluginReportTheSameChecks()
            throws IOException, URISyntaxException, InterruptedException {
        Engine engine = Engine.forTests();
        TestRegistry registry = TestRegistry.running();
        String arm64 = registry.host + "/" + ARM64_REPOSITORY + ":latest";
        registry.pushImage(ARM64_REPOSITORY, "latest", "arm64", "lint");
        Map<String, BaseImageConfig> known = Map.of(
                BUSYBOX,
                busyboxConfig(engine),
                arm64,
                new BaseImageConfig(List.of("MARKER=lint"), "linux", "arm64", ""));
        BaseImageConfigs configs = (reference, platform) -> Optional.ofNullable(known.get(reference));
        List<Path> files = new ArrayList<>();
        files.addAll(dockerfiles("/dockerfile/checks"));
        files.addAll(dockerfiles("/dockerfile/corpus"));
        return files.stream()
                .map(file -> dynamicTest(
                        file.getParent().getParent().getFileName() + "/"
                                + file.getParent().getFileName(),
                        () -> compare(engine, file, arm64, known, configs)));
    }

    private static void compare(
            Engine engine, Path file, String arm64, Map<String, BaseImageConfig> known, BaseImageConfigs configs)
            throws IOException, DockerfileException, LintException {
        String text = Files.readString(file, StandardCharsets.UTF_8)
                .replace(FIXTURE_REGISTRY + "/", arm64.split("/")[0] + "/");
        String offline = OfflineDockerfile.rewrite(text, known.keySet());
        Map<String, String> buildArgs = BuildCheckFixturesTest.buildArgs(file.getParent());
        Path emptyContext = Files.createTempDirectory("dockercache-lint");
        Path dockerfile = Files.writeString(emptyContext.resolve("Dockerfile"), offline, StandardCharsets.UTF_8);
        List<String> fromEngine;
        List<String> fromLint;
        try {
            fromEngine = engineWarnings(engine.checkJson(emptyContext, dockerfile, buildArgs));
            fromLint = Linter.lint(
                            emptyContext,
                            List.of("Dockerfile"),
                            new LintOptions(buildArgs.get(CheckOptions.BUILD_ARG), null, Set.of()))
                    .findings()
                    .stream()
                    .filter(finding -> !finding.rule().startsWith("DC"))
                    .map(finding -> finding.line() + " " + finding.rule())
                    .sorted()
                    .toList();
        } finally {
            Files.delete(dockerfile);
            Files.delete(emptyContext);
        }
        List<String> fromPlugin =
                DockerfileReader.parse(offline, "Dockerfile", configs, CheckOptions.fromBuildArg(buildArgs))
                        .warnings()
                        .stream()
                        .map(w -> w.location().line() + " " + w.rule())
                        .sorted()
                        .toList();
        assertEquals(
                fromEngine,
                fromPlugin,
                () -> "plugin's warnings differ from the engine's for " + file + "\nas checked:\n" + offline);
        // lint reads no image configuration: it may leave out only what needs the base image's environment or platform
        List<String> missedByLint = new ArrayList<>(fromEngine);
        fromLint.forEach(missedByLint::remove);
        List<String> addedByLint = new ArrayList<>(fromLint);
        fromEngine.forEach(addedByLint::remove);
        assertEquals(List.of(), addedByLint, () -> "lint warns where the engine does not, for " + file);
        assertTrue(
                missedByLint.stream().allMatch(warning -> IMAGE_CHECKS.contains(warning.split(" ", 2)[1])),
                () -> "lint misses " + missedByLint + " for " + file);
        synchronized (MATCHED) {
            MATCHED.put(
                    file.getParent().getParent().getFileName() + "/"
                            + file.getParent().getFileName(),
                    fromEngine.stream().map(warning -> warning.split(" ", 2)[1]).toList());
        }
    }

    @AfterAll
    static void summary() {
        Map<String, Long> byRule = MATCHED.values().stream()
                .flatMap(List::stream)
                .collect(Collectors.groupingBy(rule -> rule, TreeMap::new, Collectors.counting()));
        System.out.println("LintDifferentialTest: " + MATCHED.size() + " files with the engine's warnings exactly, "
                + byRule.values().stream().mapToLong(Long::longValue).sum() + " warnings by rule: " + byRule);
    }

    /** {@code line rule} for each warning of the JSON that {@code --call=check,format=json} prints, sorted. */
    static List<String> engineWarnings(String json) {
        JsonObject result = JsonParser.parseString(json).getAsJsonObject();
        assertTrue(!result.has("buildError"), () -> "the engine failed on the file: " + result.get("buildError"));
        List<String> warnings = new ArrayList<>();
        JsonElement found = result.get("warnings"); // null, or absent, when there are none
        JsonArray array = found == null || found.isJsonNull() ? new JsonArray() : found.getAsJsonArray();
        for (JsonElement element : array) {
            JsonObject warning = element.getAsJsonObject();
            int line = warning.getAsJsonObject("location")
                    .getAsJsonArray("ranges")
                    .get(0)
                    .getAsJsonObject()
                    .getAsJsonObject("start")
                    .get("line")
                    .getAsInt();
            warnings.add(line + " " + warning.get("ruleName").getAsString());
        }
        warnings.sort(null);
        return warnings;
    }

    private static BaseImageConfig busyboxConfig(Engine engine) throws IOException {
        JsonArray env = JsonParser.parseString(engine.inspectImage(BUSYBOX, "{{json .Config.Env}}"))
                .getAsJsonArray();
        List<String> entries = new ArrayList<>();
        env.forEach(entry -> entries.add(entry.getAsString()));
        String[] platform = engine.inspectImage(BUSYBOX, "{{.Os}} {{.Architecture}} {{.Variant}}")
                .split(" ", -1);
        return new BaseImageConfig(entries, platform[0], platform[1], platform.length > 2 ? platform[2] : "");
    }

    private static List<Path> dockerfiles(String resource) throws IOException, URISyntaxException {
        Path root = Path.of(LintDifferentialTest.class.getResource(resource).toURI());
        try (Stream<Path> folders = Files.list(root)) {
            return folders.map(folder -> folder.resolve("Dockerfile"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        }
    }
}
