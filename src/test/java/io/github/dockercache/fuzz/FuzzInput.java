package io.github.dockercache.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a fuzzer input into NUL-separated fields. NUL is the separator because it never matters to the
 * code under test (BuildKit treats it as an ordinary byte), so seeds stay readable and every field can
 * still hold newlines.
 */
final class FuzzInput {
    private FuzzInput() {}

    /** The bytes before the first NUL, and the rest after it (empty when there is no NUL). */
    static byte[][] splitFirst(byte[] input) {
        int nul = indexOfNul(input, 0);
        if (nul < 0) {
            return new byte[][] {input, new byte[0]};
        }
        return new byte[][] {Arrays.copyOfRange(input, 0, nul), Arrays.copyOfRange(input, nul + 1, input.length)};
    }

    /** Every NUL-separated field, decoded as UTF-8 with malformed bytes replaced (as files are read). */
    static List<String> fields(byte[] input) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        while (true) {
            int nul = indexOfNul(input, start);
            int end = nul < 0 ? input.length : nul;
            fields.add(new String(input, start, end - start, StandardCharsets.UTF_8));
            if (nul < 0) {
                return fields;
            }
            start = nul + 1;
        }
    }

    private static int indexOfNul(byte[] input, int from) {
        for (int i = from; i < input.length; i++) {
            if (input[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
