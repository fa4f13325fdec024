package io.github.dockercache.dockerfile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A Dockerfile's bytes as text, kept whole. BuildKit works on Go strings, which are bytes: a byte that is not part
 * of valid UTF-8 stays what it is until something reads the text as characters. Java text cannot hold such a byte,
 * so {@link #decode} turns each one into the lone surrogate U+DC00 + byte (U+DC80 to U+DCFF; valid UTF-8 never
 * decodes to a surrogate), and the byte can be had back ({@link #raw}).
 *
 * <p>Almost everything BuildKit keys goes through its shell lexer or through JSON, and both read Go's way: each
 * invalid byte is one U+FFFD ({@link #coerced}; dockerfile-invalid-utf8: swapping one invalid byte for another stays
 * cached, a truncated two-byte sequence is two U+FFFD). The exceptions keep the bytes: a COPY heredoc with a quoted
 * delimiter and a RUN heredoc run as a script become files.
 */
public final class DockerfileBytes {
    private static final char FIRST_ESCAPE = '\uDC80';
    private static final char LAST_ESCAPE = '\uDCFF';
    private static final char REPLACEMENT = '\uFFFD';

    private DockerfileBytes() {}

    /** Decodes UTF-8 as Go's {@code utf8.DecodeRune} does, each byte it rejects becoming its escape. */
    public static String decode(byte[] bytes) {
        StringBuilder text = new StringBuilder(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF;
            int length = b < 0x80
                    ? 1
                    : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
            int codePoint = length == 0 ? -1 : sequence(bytes, i, length);
            if (codePoint < 0) {
                text.append((char) (0xDC00 | b));
                i++;
            } else {
                text.appendCodePoint(codePoint);
                i += length;
            }
        }
        return text.toString();
    }

    /** The code point of the {@code length}-byte sequence at {@code start}, or -1 when it is not valid UTF-8. */
    private static int sequence(byte[] bytes, int start, int length) {
        if (length == 1) {
            return bytes[start];
        }
        if (start + length > bytes.length) {
            return -1;
        }
        int first = bytes[start] & 0xFF;
        int second = bytes[start + 1] & 0xFF;
        // the ranges of the second byte that rule out overlong forms, surrogates and code points above U+10FFFF
        int low = first == 0xE0 ? 0xA0 : first == 0xF0 ? 0x90 : 0x80;
        int high = first == 0xED ? 0x9F : first == 0xF4 ? 0x8F : 0xBF;
        if (second < low || second > high) {
            return -1;
        }
        int codePoint = first & (0xFF >> (length + 1));
        for (int k = 1; k < length; k++) {
            int next = bytes[start + k] & 0xFF;
            if ((next & 0xC0) != 0x80) {
                return -1;
            }
            codePoint = codePoint << 6 | next & 0x3F;
        }
        return codePoint;
    }

    /** True for the character that stands for an invalid byte. */
    public static boolean isEscape(char c) {
        return c >= FIRST_ESCAPE && c <= LAST_ESCAPE;
    }

    /** The index of the first invalid byte's escape, or -1 when the text is valid UTF-8. */
    public static int firstInvalid(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isEscape(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The text as Go reads it as characters (its lexer, JSON): each invalid byte is U+FFFD. */
    public static String coerced(String text) {
        if (firstInvalid(text) < 0) {
            return text;
        }
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (isEscape(chars[i])) {
                chars[i] = REPLACEMENT;
            }
        }
        return new String(chars);
    }

    /** The bytes the text was decoded from. */
    public static byte[] raw(String text) {
        if (firstInvalid(text) < 0) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() + 16);
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (isEscape(text.charAt(i))) {
                bytes.writeBytes(text.substring(start, i).getBytes(StandardCharsets.UTF_8));
                bytes.write(text.charAt(i) & 0xFF);
                start = i + 1;
            }
        }
        bytes.writeBytes(text.substring(start).getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    /** How an invalid byte is named in a message: {@code 0xff}. */
    public static String describe(char escape) {
        return String.format("0x%02x", escape & 0xFF);
    }
}
