package io.github.dockercache.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.dockercache.testing.PlainTree;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A RUN is keyed with the working directory as the frontend keeps it: an absolute WORKDIR as written, a relative one
 * joined and cleaned; the WORKDIR's own step (a mkdir) with the cleaned path. Found by the generated pair
 * {@code workdir-0-1} ({@code /w} to {@code /w/}): both engines rebuild the RUN, the plugin said cached.
 */
class RunWorkdirTest {
    @TempDir
    Path dir;

    private Snapshot snapshot(String workdir) throws Exception {
        Path context = dir.resolve(Integer.toHexString(workdir.hashCode()));
        return new PlainTree(context)
                .dockerfile(("FROM busybox AS s\n" + workdir + "\nRUN pwd").split("\n"))
                .snapshot(Map.of(), null);
    }

    private String key(Snapshot snapshot, String instruction) {
        return snapshot.steps().stream()
                .filter(step -> step.place().instruction().equals(instruction))
                .reduce((a, b) -> b)
                .orElseThrow()
                .keys()
                .key();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"WORKDIR /w/", "WORKDIR //w", "WORKDIR /w/x/..", "WORKDIR /w/."})
    void anAbsoluteWorkdirIsKeyedAsWrittenByTheRun(String respelled) throws Exception {
        Snapshot plain = snapshot("WORKDIR /w");
        Snapshot other = snapshot(respelled);
        assertNotEquals(key(plain, "RUN"), key(other, "RUN"));
        assertEquals(key(plain, "WORKDIR"), key(other, "WORKDIR"));
    }

    /** The same steps, the first WORKDIR respelled: the relative one is joined to it and cleaned. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"WORKDIR /w/\\nWORKDIR v", "WORKDIR //w\\nWORKDIR v", "WORKDIR /w/.\\nWORKDIR ./v/"})
    void aRelativeWorkdirIsJoinedAndCleaned(String respelled) throws Exception {
        assertEquals(
                key(snapshot("WORKDIR /w\nWORKDIR v"), "RUN"), key(snapshot(respelled.replace("\\n", "\n")), "RUN"));
    }
}
