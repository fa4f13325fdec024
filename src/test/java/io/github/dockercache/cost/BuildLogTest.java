package io.github.dockercache.cost;

import static io.github.dockercache.cost.TestLogs.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Telling the format of a log by its content, and refusing what is not a build log. */
class BuildLogTest {
    @TempDir
    Path dir;

    @Test
    void clientMessagesBeforeTheProgressAreSkipped() throws CostLogException {
        StepCosts costs = read(dir, """
                WARNING: current commit information was not captured by the build
                #1 [2/2] RUN make
                #1 DONE 1.0s
                """);

        assertEquals(List.of("2"), List.copyOf(costs.steps().keySet()));
    }

    @Test
    void jsonThatIsNotProgressIsRefused() {
        CostLogException e = assertThrows(CostLogException.class, () -> read(dir, "\n{\"name\": \"app\"}\n"));

        assertTrue(
                e.getMessage().startsWith(dir.resolve("build.log") + ":2: JSON, but not BuildKit progress"),
                e.getMessage());
    }

    @Test
    void otherTextIsRefused() {
        CostLogException e = assertThrows(CostLogException.class, () -> read(dir, """
                Step 1/2 : FROM busybox
                 ---> 1a2b3c
                """));

        assertTrue(
                e.getMessage().startsWith(dir.resolve("build.log") + ":1: not a BuildKit build log"), e.getMessage());
        assertTrue(e.getMessage().contains("--progress=rawjson"), e.getMessage());
    }

    @Test
    void unreadableFilesAreRefused() throws IOException {
        Path binary = Files.write(dir.resolve("build.log"), new byte[] {'#', '1', ' ', (byte) 0xC3, (byte) 0x28});
        Path missing = dir.resolve("missing.log");

        assertEquals(
                binary + ": not a text log (not UTF-8)",
                assertThrows(CostLogException.class, () -> StepCosts.read(binary))
                        .getMessage());
        assertEquals(
                missing + ": no such file",
                assertThrows(CostLogException.class, () -> StepCosts.read(missing))
                        .getMessage());
    }
}
