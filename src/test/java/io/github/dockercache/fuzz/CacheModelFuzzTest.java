package io.github.dockercache.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.dockercache.dockerfile.DockerfileException;
import io.github.dockercache.model.AnalysisException;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.Snapshot;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the whole analysis, a Dockerfile with a build context, as {@code dockercache:check} runs it: the only
 * failure is an {@link AnalysisException} with a message that says where (a Dockerfile's {@code file:line:column});
 * no other exception, no stack overflow, no hang; and the keys are deterministic: analysing again gives the same
 * snapshot, and the same context in another directory gives the same keys (and the same snapshot, but for the
 * directory's name).
 *
 * <p>Input: NUL-separated fields, see {@link FuzzContext}: the Dockerfile, the build settings, then the context's
 * entries ({@code .dockerignore} among them). {@code ./mvnw test} replays the seeds in
 * {@code src/test/resources/io/github/dockercache/fuzz/CacheModelFuzzTestInputs/analyseContext/}: small builds
 * with COPY, ADD, RUN mounts, heredocs, multi-stage graphs, ONBUILD, symlinks, modes and ignore patterns, and every
 * crash found so far. To fuzz: {@code scripts/fuzz.sh CacheModelFuzzTest#analyseContext [seconds]}.
 */
class CacheModelFuzzTest {
    private static final FuzzContext HERE = FuzzContext.in("a/context");
    /** A directory of another name and depth: nothing in a key may depend on where the context lies. */
    private static final FuzzContext ELSEWHERE = FuzzContext.in("b/elsewhere/deeper");

    // No entry holds a newline: Jazzer 0.24 writes whitespace bytes unescaped into libFuzzer's line-based
    // dictionary file, which libFuzzer then refuses, and the fuzz run ends at once with exit code 1.
    @FuzzTest(maxDuration = "10m")
    @DictionaryEntries({
        "FROM ",
        "COPY ",
        "ADD ",
        "RUN ",
        "ARG ",
        "ENV ",
        "WORKDIR ",
        "ONBUILD ",
        " AS ",
        "--from=",
        "--chmod=",
        "--chown=",
        "--link",
        "--parents",
        "--exclude=",
        "--mount=type=bind",
        "--mount=type=cache",
        "--mount=type=secret",
        "<<EOF",
        "EOF",
        "${",
        "$",
        "scratch",
        "dockercache-busybox:latest",
        "# syntax=",
        "# escape=`",
        "# check=",
        "\u0000f644 ",
        "\u0000f755 ",
        "\u0000d755 ",
        "\u0000l ",
        "\u0000h ",
        ".dockerignore",
        "**/",
        "!",
        "@target=",
        "@classic",
        "@windows",
        "@macos",
        "@buildkit=0.13",
        "@network=none"
    })
    void analyseContext(byte[] input) throws IOException {
        FuzzContext.Build build = FuzzContext.Build.of(input);
        HERE.write(build);
        ELSEWHERE.write(build);
        Object first = analyse(HERE, build);
        Object again = analyse(HERE, build);
        assertEquals(first, again, "a second analysis of the same build differs");
        Object moved = analyse(ELSEWHERE, build);
        if (first instanceof Snapshot here && moved instanceof Snapshot there) {
            assertEquals(keys(here), keys(there), "the same context elsewhere has other keys");
        }
        assertEquals(HERE.relative(first), ELSEWHERE.relative(moved), "the same context elsewhere differs");
    }

    /** The snapshot, or the failure's message: a failure must be as deterministic as a result. */
    private static Object analyse(FuzzContext context, FuzzContext.Build build) {
        try {
            return CacheModel.analyse(context.settings(build), null).snapshot();
        } catch (AnalysisException e) {
            assertLocated(e);
            return e.getMessage();
        }
    }

    private static void assertLocated(AnalysisException e) {
        String message = e.getMessage();
        assertTrue(message != null && !message.isBlank(), "a failure without a message");
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof DockerfileException) {
                assertTrue(message.startsWith(FuzzContext.DOCKERFILE + ":"), () -> "not located: " + message);
            }
        }
        assertFalse(message.contains("\tat "), () -> "a stack trace in the message: " + message);
    }

    private static Map<String, List<String>> keys(Snapshot snapshot) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        snapshot.steps()
                .forEach(step -> keys.put(
                        step.place().id(),
                        java.util.Arrays.asList(step.keys().key(), step.keys().optimisticKey())));
        return keys;
    }
}
