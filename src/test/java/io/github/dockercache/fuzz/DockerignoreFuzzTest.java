package io.github.dockercache.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.dockercache.context.BadPatternException;
import io.github.dockercache.context.IgnoreFile;
import io.github.dockercache.context.PatternMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes reading a {@code .dockerignore} and matching paths against it: the only failure allowed is
 * {@link BadPatternException}, which the reader and the matcher document for too-long lines and patterns
 * Go rejects.
 *
 * <p>Input: the file's bytes, then NUL-separated paths to match. Besides those, every pattern is also
 * matched as a path, and a few fixed paths. {@code ./mvnw test} replays the seeds in
 * {@code src/test/resources/io/github/dockercache/fuzz/DockerignoreFuzzTestInputs/readAndMatch/}: the
 * patternmatcher and BuildKit test patterns and paths, and every crash found so far. To fuzz:
 * {@code scripts/fuzz.sh DockerignoreFuzzTest#readAndMatch [seconds]}.
 *
 * Crashing inputs land in that seed folder; the generated corpus in {@code .cifuzz-corpus/}.
 */
class DockerignoreFuzzTest {
    private static final List<String> FIXED_PATHS =
            List.of("a", "a/b/c", "Dockerfile", ".git/config", "node_modules/x/index.js", "src/main/App.java");

    /** Inputs that once took minutes (a backtracking regex) must stay within the fuzzing time limit. */
    @Test
    void timeoutFindingsFinishWithinTheLimit() {
        List<byte[]> slowInputs = FuzzInput.seeds(getClass(), "readAndMatch", "timeout-");
        assertFalse(slowInputs.isEmpty());
        for (byte[] input : slowInputs) {
            assertTimeoutPreemptively(FuzzInput.PER_INPUT_LIMIT, () -> readAndMatch(input));
        }
    }

    @FuzzTest(maxDuration = "10m")
    void readAndMatch(byte[] input) {
        byte[][] fileAndPaths = FuzzInput.splitFirst(input);
        try {
            List<String> patterns = IgnoreFile.parse(fileAndPaths[0]);
            PatternMatcher matcher = PatternMatcher.of(patterns);
            List<String> paths = new ArrayList<>(FIXED_PATHS);
            paths.addAll(patterns);
            if (fileAndPaths[1].length > 0) {
                paths.addAll(FuzzInput.fields(fileAndPaths[1]));
            }
            for (String path : paths) {
                String walked = asWalkedPath(path);
                if (!walked.isEmpty()) {
                    match(matcher, walked);
                }
            }
        } catch (BadPatternException expected) {
            // a line too long, or a pattern Go rejects: the build would fail with this message
        }
    }

    /** Matches one path the three ways the build does: directly, walking from the top, and deprecated. */
    private static void match(PatternMatcher matcher, String path) throws BadPatternException {
        matcher.matchesOrParentMatches(path);
        matcher.matchesSingleParent(path);
        boolean[] parentResults = null;
        StringJoiner prefix = new StringJoiner("/");
        for (String part : path.split("/")) {
            prefix.add(part);
            parentResults = matcher.matchesUsingParentResults(prefix.toString(), parentResults)
                    .perPattern();
        }
    }

    /** The path as a context walk would name it: relative, {@code /}-separated, without empty, . or .. parts. */
    private static String asWalkedPath(String path) {
        StringJoiner walked = new StringJoiner("/");
        for (String part : path.split("/")) {
            if (!part.isEmpty() && !part.equals(".") && !part.equals("..")) {
                walked.add(part);
            }
        }
        return walked.toString();
    }
}
