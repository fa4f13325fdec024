package io.github.dockercache.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeFileTest {
    @TempDir
    Path dir;

    private FoundImages read(String yaml) throws IOException, DiscoveryException {
        Path file = dir.resolve("compose.yaml");
        Files.writeString(file, yaml);
        return ComposeFile.read(file);
    }

    @Test
    void mapFormWithListArgsAndTarget() throws Exception {
        FoundImages found = read("""
                services:
                  api:
                    build:
                      context: ./api
                      dockerfile: docker/Dockerfile.jvm
                      target: runtime
                      args:
                        - JAVA_VERSION=21
                        - EMPTY=
                  db:
                    image: postgres:16
                """);
        DiscoveredImage api = found.images().get(0);
        assertEquals(1, found.images().size());
        assertEquals("api", api.name());
        assertEquals(dir.resolve("api"), api.context());
        assertEquals(dir.resolve("api/docker/Dockerfile.jvm"), api.dockerfile());
        assertEquals("runtime", api.target());
        assertEquals(Map.of("JAVA_VERSION", "21", "EMPTY", ""), api.buildArgs());
        assertEquals("compose.yaml", api.origin());
        assertNull(api.builder());
    }

    @Test
    void stringFormIsTheContext() throws Exception {
        DiscoveredImage web =
                read("services:\n  web:\n    build: web\n").images().get(0);
        assertEquals(dir.resolve("web"), web.context());
        assertEquals(dir.resolve("web/Dockerfile"), web.dockerfile());
        assertNull(web.target());
    }

    @Test
    void mapArgsKeepTheirTextAndDollarEscapes() throws Exception {
        DiscoveredImage app = read("""
                services:
                  app:
                    build:
                      context: .
                      args:
                        VERSION: 1.5
                        PRICE: $$5
                """).images().get(0);
        assertEquals(Map.of("VERSION", "1.5", "PRICE", "$5"), app.buildArgs());
    }

    @Test
    void variablesInlineDockerfilesAndUrlsAreReportedNotGuessed() throws Exception {
        FoundImages found = read("""
                services:
                  a:
                    build:
                      context: .
                      args:
                        VERSION: ${VERSION:-1}
                  b:
                    build:
                      dockerfile_inline: "FROM scratch"
                  c:
                    build: https://github.com/example/app.git
                """);
        assertEquals(List.of(), found.images());
        assertEquals(3, found.unchecked().size());
        assertEquals(
                new Obstacle(
                        "service a: build.args uses ${VERSION:-1}, which compose takes from the environment or .env",
                        null,
                        true),
                found.unchecked().get(0));
    }

    @Test
    void malformedYamlIsOneLocatedLine() {
        DiscoveryException e = assertThrows(DiscoveryException.class, () -> read("services:\n  api:\n    build: [\n"));
        assertEquals(1, e.getMessage().lines().count());
        assertEquals(true, e.getMessage().startsWith("compose.yaml:4:1: "), e.getMessage());
    }

    @Test
    void wrongShapesNameTheKey() {
        assertEquals(
                "compose.yaml: services.api.build.args must list K=V strings, not a mapping.",
                assertThrows(DiscoveryException.class, () -> read("""
                        services:
                          api:
                            build:
                              args:
                                - {A: 1}
                        """)).getMessage());
        assertEquals(
                "compose.yaml: services must be a mapping, not a list.",
                assertThrows(DiscoveryException.class, () -> read("services: [a]\n"))
                        .getMessage());
    }

    @Test
    void duplicateKeysAreRefused() {
        DiscoveryException e = assertThrows(
                DiscoveryException.class, () -> read("services:\n  api:\n    build: .\n  api:\n    build: x\n"));
        assertEquals(true, e.getMessage().contains("duplicate key api"), e.getMessage());
    }

    @Test
    void aliasBombIsRefused() {
        StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'm'; c++) { // 12 × 9 aliases, more than the 100 allowed
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ", ").append('*').append(previous);
            }
            yaml.append("]\n");
            previous = c;
        }
        DiscoveryException e = assertThrows(DiscoveryException.class, () -> read(yaml.toString()));
        assertEquals(
                "compose.yaml: Number of aliases for non-scalar nodes exceeds the specified max=100.", e.getMessage());
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("compose.yaml");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        assertEquals(
                "compose.yaml is a FIFO (named pipe), not a regular file.",
                assertThrows(DiscoveryException.class, () -> ComposeFile.read(fifo))
                        .getMessage());
    }
}
