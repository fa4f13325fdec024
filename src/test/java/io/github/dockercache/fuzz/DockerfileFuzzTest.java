package io.github.dockercache.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.dockercache.dockerfile.Dockerfile;
import io.github.dockercache.dockerfile.DockerfileException;
import io.github.dockercache.dockerfile.DockerfileReader;
import io.github.dockercache.dockerfile.Instruction;
import io.github.dockercache.dockerfile.SourceLocation;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the Dockerfile front end with arbitrary file contents: the only failure a malformed file may
 * cause is a {@link DockerfileException} that points into the file.
 *
 * <p>{@code ./mvnw test} replays the seeds in
 * {@code src/test/resources/io/github/dockercache/fuzz/DockerfileFuzzTestInputs/parseAndDump/}: BuildKit's
 * parser test files, the real-world corpus and every crash found so far. To fuzz:
 * {@code scripts/fuzz.sh DockerfileFuzzTest#parseAndDump [seconds]}.
 *
 * A crashing input is written into that seed folder, so it becomes a regression test; the inputs the
 * fuzzer found interesting go to {@code .cifuzz-corpus/} in the project directory, which is not committed.
 */
class DockerfileFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void parseAndDump(byte[] input) {
        // the same decoding as DockerfileReader.read: UTF-8 with malformed bytes replaced
        String text = new String(input, StandardCharsets.UTF_8);
        int lineCount = (int) text.chars().filter(c -> c == '\n').count() + 1;
        boolean parsed = false;
        try {
            Dockerfile file = DockerfileReader.parse(text, "Dockerfile");
            parsed = true;
            for (Instruction instruction : file.allInstructions()) {
                assertWithinFile(instruction.source().location(), lineCount);
            }
        } catch (DockerfileException e) {
            assertWithinFile(e.location(), lineCount);
        }
        try {
            DockerfileReader.dump(text, "Dockerfile");
        } catch (DockerfileException e) {
            assertWithinFile(e.location(), lineCount);
            // dump is only the raw parse, the first half of what parse does
            assertFalse(parsed, () -> "parse accepted what dump rejects: " + e.getMessage());
        }
    }

    private static void assertWithinFile(SourceLocation location, int lineCount) {
        assertTrue(location.line() >= 1 && location.column() >= 1, () -> "location before the file: " + location);
        assertTrue(
                location.line() <= lineCount, () -> "location after the file (" + lineCount + " lines): " + location);
    }
}
