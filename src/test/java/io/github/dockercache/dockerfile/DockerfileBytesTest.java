package io.github.dockercache.dockerfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bytes that are not UTF-8 are kept, and read as Go reads them (dockerfile-invalid-utf8). */
class DockerfileBytesTest {

    private static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    @Test
    void validUtf8DecodesAsUsual() {
        String text = "FROM x\nRUN echo ü € 𝄞\n";
        assertEquals(text, DockerfileBytes.decode(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(-1, DockerfileBytes.firstInvalid(text));
    }

    @Test
    void eachRejectedByteIsOneEscapeAsGoDecodesRunes() {
        // a truncated sequence is two bytes Go rejects one by one (Java's decoder makes one U+FFFD of them)
        assertEquals("a\uDCE2\uDC82A", DockerfileBytes.decode(bytes('a', 0xE2, 0x82, 'A')));
        // an overlong form, a UTF-8 encoded surrogate and a code point above U+10FFFF are invalid byte by byte
        assertEquals("\uDCC0\uDC80", DockerfileBytes.decode(bytes(0xC0, 0x80)));
        assertEquals("\uDCED\uDCA0\uDC80", DockerfileBytes.decode(bytes(0xED, 0xA0, 0x80)));
        assertEquals("\uDCF4\uDC90\uDC80\uDC80", DockerfileBytes.decode(bytes(0xF4, 0x90, 0x80, 0x80)));
        assertEquals("\uDCFF\uDCFE", DockerfileBytes.decode(bytes(0xFF, 0xFE)));
    }

    @Test
    void coercedReadsEachInvalidByteAsTheReplacementCharacter() {
        String text = DockerfileBytes.decode(bytes('e', 'n', 'v', 0xE2, 0x82));
        assertEquals("env\uFFFD\uFFFD", DockerfileBytes.coerced(text));
        assertEquals(
                DockerfileBytes.coerced(DockerfileBytes.decode(bytes(0xFF))),
                DockerfileBytes.coerced(DockerfileBytes.decode(bytes(0xFE))));
        assertEquals(3, DockerfileBytes.firstInvalid(text));
        assertEquals("0xe2", DockerfileBytes.describe(text.charAt(3)));
    }

    @Test
    void rawGivesBackTheBytes() {
        byte[] original = bytes('q', 0xFF, 0xC3, 0xBC, 0xE2, 0x82, '\n');
        assertArrayEquals(original, DockerfileBytes.raw(DockerfileBytes.decode(original)));
    }
}
