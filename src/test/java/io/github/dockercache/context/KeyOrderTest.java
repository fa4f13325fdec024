package io.github.dockercache.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyOrderTest {
    /** Characters around every boundary that matters: '/', ASCII, BMP below and above the surrogates. */
    private static final String ALPHABET = "/a.z\u00e9\u0800\ud7ff\ue000\uffff";

    private static final String[] SUPPLEMENTARY = {"\ud800\udc00", "\ud83d\ude00", "\udbff\udfff"};

    @Test
    void ordersAsUtf8BytesWithSlashAsZero() {
        Random random = new Random(7);
        for (int n = 0; n < 200_000; n++) {
            String a = randomPath(random);
            String b = random.nextInt(4) == 0 ? a + randomPath(random) : mutate(a, random);
            String pair = a + " " + b;
            assertEquals(Integer.signum(byteOrder(a, b, true)), Integer.signum(KeyOrder.PATHS.compare(a, b)), pair);
            assertEquals(Integer.signum(byteOrder(a, b, false)), Integer.signum(KeyOrder.NAMES.compare(a, b)), pair);
        }
    }

    @Test
    void lonelySurrogatesOrderByCodeUnit() {
        assertEquals(-1, Integer.signum(KeyOrder.NAMES.compare("\ud800", "\ud800\udc00")));
        assertEquals(1, Integer.signum(KeyOrder.NAMES.compare("\ud800\udc00", "\ud800x")));
        assertEquals(1, Integer.signum(KeyOrder.NAMES.compare("a\ud800\udc00", "a\ue000")));
    }

    private static String randomPath(Random random) {
        StringBuilder path = new StringBuilder();
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            if (random.nextInt(5) == 0) {
                path.append(SUPPLEMENTARY[random.nextInt(SUPPLEMENTARY.length)]);
            } else {
                path.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return path.toString();
    }

    /** Replaces the tail after a random shared prefix, so that most pairs differ late. */
    private static String mutate(String a, Random random) {
        int keep = random.nextInt(a.length() + 1);
        if (keep > 0 && keep < a.length() && Character.isLowSurrogate(a.charAt(keep))) {
            keep--;
        }
        return a.substring(0, keep) + randomPath(random);
    }

    private static int byteOrder(String a, String b, boolean slashIsZero) {
        return Arrays.compareUnsigned(bytes(a, slashIsZero), bytes(b, slashIsZero));
    }

    private static byte[] bytes(String s, boolean slashIsZero) {
        return (slashIsZero ? s.replace('/', '\0') : s).getBytes(StandardCharsets.UTF_8);
    }
}
