package io.github.dockercache.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The build-check fixtures ({@code dockerfile/checks/<name>/Dockerfile}): each warns exactly as its
 * {@code expected-warnings} says ({@code line rule} per line, none when absent), which is what BuildKit 0.25
 * printed for it. LintDifferentialTest holds them against the engine itself.
 */
public class BuildCheckFixturesTest {
    /** The fixtures' base images, as the test engine and registry have them. */
    private static final Map<String, BaseImageConfig> IMAGES = Map.of(
            "dockercache-busybox:latest",
            new BaseImageConfig(
                    List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), "linux", "amd64", ""),
            "127.0.0.1:15000/dockercache-lint/arm64:latest",
            new BaseImageConfig(List.of("MARKER=lint"), "linux", "arm64", ""));

    /** The fixture's {@code build-args} file, one {@code NAME=value} per line; none when it has no such file. */
    public static Map<String, String> buildArgs(Path folder) throws IOException {
        Path file = folder.resolve("build-args");
        Map<String, String> args = new TreeMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                int equals = line.indexOf('=');
                args.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return args;
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureWarnsAsBuildKitDid() throws IOException, URISyntaxException {
        Path root = Path.of(
                BuildCheckFixturesTest.class.getResource("/dockerfile/checks").toURI());
        List<Path> folders;
        try (Stream<Path> list = Files.list(root)) {
            folders = list.sorted().toList();
        }
        return folders.stream()
                .map(folder -> dynamicTest(folder.getFileName().toString(), () -> {
                    Path expectedFile = folder.resolve("expected-warnings");
                    List<String> expected =
                            new ArrayList<>(Files.exists(expectedFile) ? Files.readAllLines(expectedFile) : List.of());
                    Dockerfile file = DockerfileReader.parse(
                            Files.readString(folder.resolve("Dockerfile")),
                            "Dockerfile",
                            (reference, platform) -> Optional.ofNullable(IMAGES.get(reference)),
                            CheckOptions.fromBuildArg(buildArgs(folder)));
                    List<String> actual = new ArrayList<>(file.warnings().stream()
                            .map(w -> w.location().line() + " " + w.rule())
                            .toList());
                    expected.sort(null);
                    actual.sort(null); // BuildKit's order within a line is a Go map's
                    assertEquals(expected, actual, () -> "warnings: " + file.warnings());
                }));
    }
}
