package io.github.dockercache.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.dockercache.dockerfile.ExpansionException;
import io.github.dockercache.dockerfile.ShellLexer;
import io.github.dockercache.dockerfile.VariableLookup;
import io.github.dockercache.dockerfile.Variables;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes variable expansion: whatever the word and the variables, {@link ShellLexer} either expands or
 * throws {@link ExpansionException}.
 *
 * <p>Input: the word, then NUL-separated {@code NAME=value} variables (a bare {@code NAME} is set to
 * empty). {@code ./mvnw test} replays the seeds in
 * {@code src/test/resources/io/github/dockercache/fuzz/ShellLexerFuzzTestInputs/expandWord/}: BuildKit's
 * lexer test words with their environment, and every crash found so far. To fuzz:
 * {@code scripts/fuzz.sh ShellLexerFuzzTest#expandWord [seconds]}.
 *
 * Crashing inputs land in that seed folder; the generated corpus in {@code .cifuzz-corpus/}.
 */
class ShellLexerFuzzTest {
    /** Both escape characters a Dockerfile can choose with the escape directive. */
    private static final List<ShellLexer> LEXERS = List.of(new ShellLexer('\\'), new ShellLexer('`'));

    /** Inputs that once took minutes (a backtracking regex) must stay within the fuzzing time limit. */
    @Test
    void timeoutFindingsFinishWithinTheLimit() {
        List<byte[]> slowInputs = FuzzInput.seeds(getClass(), "expandWord", "timeout-");
        assertFalse(slowInputs.isEmpty());
        for (byte[] input : slowInputs) {
            assertTimeoutPreemptively(FuzzInput.PER_INPUT_LIMIT, () -> expandWord(input));
        }
    }

    @FuzzTest(maxDuration = "10m")
    void expandWord(byte[] input) {
        List<String> fields = FuzzInput.fields(input);
        String word = fields.get(0);
        VariableLookup variables = Variables.fromEntries(fields.subList(1, fields.size()));
        for (ShellLexer lexer : LEXERS) {
            String failedWord = null;
            String failedWords = null;
            try {
                lexer.processWord(word, variables);
            } catch (ExpansionException e) {
                failedWord = e.getMessage();
            }
            try {
                lexer.processWords(word, variables);
            } catch (ExpansionException e) {
                failedWords = e.getMessage();
            }
            // one scan serves both: splitting into words must not change whether the word is valid
            assertEquals(failedWord, failedWords, "processWord and processWords disagree");
        }
    }
}
