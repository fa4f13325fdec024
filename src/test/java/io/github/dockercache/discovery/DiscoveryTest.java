package io.github.dockercache.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTest {
    @TempDir
    Path dir;

    @Test
    void conflictingSourcesAreNotMergedAndTheOthersAreReturned() throws Exception {
        Files.writeString(dir.resolve("docker-bake.json"), "{\"target\": {\"api\": {\"args\": {\"A\": \"1\"}}}}");
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  api:\n    build:\n      args: {A: '2'}\n");
        Discovery.Choice choice = Discovery.choose(Discovery.buildFiles(dir));
        assertEquals("docker-bake.json", choice.used().origin());
        assertEquals(Map.of("A", "1"), choice.used().images().get(0).buildArgs());
        assertEquals(
                List.of("compose.yaml"),
                choice.ignored().stream().map(FoundImages::origin).toList());
    }

    @Test
    void composeReadsOnlyTheFirstOfItsNames() throws Exception {
        Files.writeString(dir.resolve("docker-compose.yml"), "services:\n  old:\n    build: .\n");
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  new:\n    build: .\n");
        Discovery.Choice choice = Discovery.choose(Discovery.buildFiles(dir));
        assertEquals("new", choice.used().images().get(0).name());
        assertEquals(List.of(), choice.ignored());
    }

    @Test
    void sourcesWithoutBuildsAreNoChoice() throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  db:\n    image: postgres\n");
        assertNull(Discovery.choose(Discovery.buildFiles(dir)).used());
    }

    @Test
    void hclAloneSaysHowToGetJson() throws Exception {
        Files.writeString(dir.resolve("docker-bake.hcl"), "target \"default\" {}\n");
        assertEquals(
                new Obstacle(
                        "docker-bake.hcl is not read (HCL)",
                        "write its resolved form with `docker buildx bake --print > docker-bake.json`",
                        true),
                assertThrows(DiscoveryException.class, () -> Discovery.buildFiles(dir))
                        .obstacle());
    }

    @Test
    void namesMustBeDistinct() {
        DiscoveredImage a = new DiscoveredImage("API", dir, dir, null, Map.of(), null, "x");
        DiscoveredImage b = new DiscoveredImage("api", dir, dir, null, Map.of(), null, "x");
        assertEquals(
                new Obstacle("x: two images are named 'api'", "give them distinct names there", true),
                assertThrows(
                                DiscoveryException.class,
                                () -> Discovery.choose(List.of(new FoundImages("x", List.of(a, b), List.of()))))
                        .obstacle());
    }
}
