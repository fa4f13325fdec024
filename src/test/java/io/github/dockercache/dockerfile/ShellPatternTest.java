package io.github.dockercache.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ShellPatternTest {
    /**
     * java.util.regex has the leftmost-first semantics of Go's regexp that BuildKit uses, only not its
     * linear time; on short inputs it is the reference the glob matcher must agree with.
     */
    @Test
    void agreesWithBacktrackingRegexOnRandomShortInputs() throws Exception {
        Random random = new Random(20261122);
        for (int i = 0; i < 20_000; i++) {
            String pattern = randomText(random, "ab*?\n", 6);
            String value = randomText(random, "ab\n", 8);
            boolean greedy = random.nextBoolean();
            String context = "pattern " + GoText.quote(pattern) + " value " + GoText.quote(value) + " greedy " + greedy;
            assertEquals(
                    referenceTrimPrefix(pattern, value, greedy),
                    ShellPattern.trimPrefix(pattern, value, greedy),
                    context);
            assertEquals(
                    referenceReplaceFirst(pattern, value), ShellPattern.replace(value, pattern, "X", false), context);
        }
    }

    @Test
    void manyStarsDoNotBacktrackExponentially() {
        String value = "a".repeat(5_000) + "b";
        String pattern = "*a".repeat(40) + "c";
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertEquals(value, ShellPattern.replace(value, pattern, "", true));
            assertEquals(value, ShellPattern.trimPrefix(pattern, value, true));
            assertEquals(value, ShellPattern.trimSuffix(pattern, value, false));
        });
    }

    private static String referenceTrimPrefix(String pattern, String value, boolean greedy) {
        Matcher m = regex(pattern, greedy, true).matcher(value);
        return m.find() ? value.substring(m.end()) : value;
    }

    private static String referenceReplaceFirst(String pattern, String value) {
        Matcher m = regex(pattern, true, false).matcher(value);
        return m.find() ? value.substring(0, m.start()) + "X" + value.substring(m.end()) : value;
    }

    /** BuildKit's translation for patterns without escapes: * is .* (or .*?), ? is ., "." misses only \n. */
    private static Pattern regex(String pattern, boolean greedy, boolean anchored) {
        StringBuilder regex = new StringBuilder(anchored ? "^" : "");
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? (greedy ? ".*" : ".*?") : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.UNIX_LINES);
    }

    private static String randomText(Random random, String alphabet, int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
