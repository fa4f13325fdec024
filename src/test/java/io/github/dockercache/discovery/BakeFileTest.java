package io.github.dockercache.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BakeFileTest {
    @TempDir
    Path dir;

    private FoundImages read(String json) throws IOException, DiscoveryException {
        Path file = dir.resolve("docker-bake.json");
        Files.writeString(file, json);
        return BakeFile.read(file);
    }

    @Test
    void defaultGroupWithInheritance() throws Exception {
        FoundImages found = read("""
                {
                  "group": {"default": {"targets": ["api"]}},
                  "target": {
                    "common": {"context": "services", "args": {"JAVA": "21", "MODE": "x"}},
                    "api": {"inherits": ["common"], "dockerfile": "api/Dockerfile", "target": "runtime",
                            "args": {"MODE": "prod", "JAVA": null}},
                    "other": {"context": "other"}
                  }
                }
                """);
        assertEquals(1, found.images().size());
        DiscoveredImage api = found.images().get(0);
        assertEquals("api", api.name());
        assertEquals(dir.resolve("services"), api.context());
        assertEquals(dir.resolve("services/api/Dockerfile"), api.dockerfile());
        assertEquals("runtime", api.target());
        assertEquals(Map.of("MODE", "prod"), api.buildArgs());
    }

    @Test
    void withoutDefaultEveryTargetIsBuilt() throws Exception {
        FoundImages found = read("{\"target\": {\"a\": {}, \"b\": {\"context\": \"b\"}}}");
        assertEquals(
                List.of("a", "b"),
                found.images().stream().map(DiscoveredImage::name).toList());
        assertEquals(dir.resolve("Dockerfile"), found.images().get(0).dockerfile());
    }

    @Test
    void expressionsAreReportedNotGuessed() throws Exception {
        FoundImages found =
                read("{\"target\": {\"a\": {\"args\": {\"V\": \"${TAG}\"}}, \"b\": {\"args\": {\"V\": \"$${x}\"}}}}");
        assertEquals(
                List.of("b"), found.images().stream().map(DiscoveredImage::name).toList());
        assertEquals(
                List.of(new Obstacle(
                        "target a: it uses the expression ${TAG}, which bake evaluates",
                        "write the resolved file with `docker buildx bake --print`",
                        true)),
                found.unchecked());
    }

    @Test
    void inheritanceCycleIsOneLine() {
        assertEquals(
                "docker-bake.json: target a inherits from itself (a -> b -> a).",
                assertThrows(
                                DiscoveryException.class,
                                () -> read(
                                        "{\"target\": {\"a\": {\"inherits\": [\"b\"]}, \"b\": {\"inherits\": [\"a\"]}}}"))
                        .getMessage());
        assertEquals(
                "docker-bake.json: target a inherits missing, which is not a target.",
                assertThrows(
                                DiscoveryException.class,
                                () -> read("{\"target\": {\"a\": {\"inherits\": [\"missing\"]}}}"))
                        .getMessage());
    }

    @Test
    void malformedJsonIsOneLocatedLine() {
        DiscoveryException e =
                assertThrows(DiscoveryException.class, () -> read("{\n  \"target\": {\n    \"a\": {,\n"));
        assertEquals(1, e.getMessage().lines().count());
        assertEquals(true, e.getMessage().startsWith("docker-bake.json:3:"), e.getMessage());
    }

    @Test
    void wrongShapesNameTheKey() {
        assertEquals(
                "docker-bake.json: target.a.args must be an object, not a list.",
                assertThrows(DiscoveryException.class, () -> read("{\"target\": {\"a\": {\"args\": []}}}"))
                        .getMessage());
    }
}
