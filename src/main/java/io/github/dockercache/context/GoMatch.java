package io.github.dockercache.context;

import java.nio.charset.StandardCharsets;

/**
 * Go's {@code path.Match} (and {@code filepath.Match} on Unix): {@code *} any run of non-{@code /} bytes,
 * {@code ?} one non-{@code /} character, {@code [...]}/{@code [^...]} classes with ranges, {@code \} escapes.
 * It works on UTF-8 bytes like Go, so its results agree with Go even for oddities such as a {@code *}
 * retrying from the middle of a multi-byte character. A malformed pattern is reported even when the name
 * fails to match earlier.
 */
public final class GoMatch {
    private static final int RUNE_ERROR = 0xFFFD;

    private final byte[] pattern;
    private final byte[] name;

    private GoMatch(byte[] pattern, byte[] name) {
        this.pattern = pattern;
        this.name = name;
    }

    /** True when the whole {@code name} matches {@code pattern}; throws on a malformed pattern. */
    public static boolean match(String pattern, String name) throws BadPatternException {
        return new GoMatch(pattern.getBytes(StandardCharsets.UTF_8), name.getBytes(StandardCharsets.UTF_8)).run();
    }

    private boolean run() throws BadPatternException {
        int p = 0;
        int n = 0;
        patterns:
        while (p < pattern.length) {
            boolean star = false;
            while (p < pattern.length && pattern[p] == '*') {
                p++;
                star = true;
            }
            int chunkEnd = chunkEnd(p);
            int chunkStart = p;
            p = chunkEnd;
            if (star && chunkStart == chunkEnd) {
                // A trailing star matches the rest of the name unless it crosses a separator.
                return indexOf(name, n, (byte) '/') < 0;
            }
            int rest = matchChunk(chunkStart, chunkEnd, n);
            if (rest >= 0 && (rest == name.length || p < pattern.length)) {
                n = rest;
                continue;
            }
            if (star) {
                for (int i = n; i < name.length && name[i] != '/'; i++) {
                    rest = matchChunk(chunkStart, chunkEnd, i + 1);
                    if (rest >= 0) {
                        if (p == pattern.length && rest < name.length) {
                            continue; // the last chunk must consume the whole name
                        }
                        n = rest;
                        continue patterns;
                    }
                }
            }
            validateRest(p);
            return false;
        }
        return n == name.length;
    }

    /** Go checks the remaining pattern for syntax errors even after a mismatch. */
    private void validateRest(int p) throws BadPatternException {
        while (p < pattern.length) {
            while (p < pattern.length && pattern[p] == '*') {
                p++;
            }
            int end = chunkEnd(p);
            matchChunkOn(p, end, new byte[0], 0);
            p = end;
        }
    }

    /** The end of the chunk starting at {@code p}: the next {@code *} outside a class. */
    private int chunkEnd(int p) {
        boolean inRange = false;
        int i = p;
        for (; i < pattern.length; i++) {
            byte b = pattern[i];
            if (b == '\\') {
                if (i + 1 < pattern.length) {
                    i++;
                }
            } else if (b == '[') {
                inRange = true;
            } else if (b == ']') {
                inRange = false;
            } else if (b == '*' && !inRange) {
                break;
            }
        }
        return i;
    }

    private int matchChunk(int start, int end, int n) throws BadPatternException {
        return matchChunkOn(start, end, name, n);
    }

    /**
     * Matches pattern bytes [start, end) against a prefix of {@code s} from {@code n}; returns where the
     * rest of {@code s} starts, or -1 on mismatch. After a mismatch it keeps parsing to detect bad syntax.
     */
    private int matchChunkOn(int start, int end, byte[] s, int n) throws BadPatternException {
        boolean failed = false;
        int c = start;
        while (c < end) {
            if (!failed && n >= s.length) {
                failed = true;
            }
            byte b = pattern[c];
            if (b == '[') {
                int rune = 0;
                if (!failed) {
                    long decoded = decodeRune(s, n);
                    rune = (int) decoded;
                    n += (int) (decoded >>> 32);
                }
                c++;
                boolean negated = false;
                if (c < end && pattern[c] == '^') {
                    negated = true;
                    c++;
                }
                boolean matched = false;
                int ranges = 0;
                while (true) {
                    if (c < end && pattern[c] == ']' && ranges > 0) {
                        c++;
                        break;
                    }
                    long lo = escapedRune(c, end);
                    c = (int) (lo >>> 32);
                    int low = (int) lo;
                    int high = low;
                    if (pattern[c] == '-') {
                        long hi = escapedRune(c + 1, end);
                        c = (int) (hi >>> 32);
                        high = (int) hi;
                    }
                    if (low <= rune && rune <= high) {
                        matched = true;
                    }
                    ranges++;
                }
                if (matched == negated) {
                    failed = true;
                }
            } else if (b == '?') {
                if (!failed) {
                    if (s[n] == '/') {
                        failed = true;
                    }
                    n += (int) (decodeRune(s, n) >>> 32);
                }
                c++;
            } else {
                if (b == '\\') {
                    c++;
                    if (c >= end) {
                        throw new BadPatternException("syntax error in pattern");
                    }
                }
                if (!failed) {
                    if (pattern[c] != s[n]) {
                        failed = true;
                    }
                    n++;
                }
                c++;
            }
        }
        return failed ? -1 : n;
    }

    /** Reads one possibly escaped class character at {@code c}; returns (next index << 32) | rune. */
    private long escapedRune(int c, int end) throws BadPatternException {
        if (c >= end || pattern[c] == '-' || pattern[c] == ']') {
            throw new BadPatternException("syntax error in pattern");
        }
        if (pattern[c] == '\\') {
            c++;
            if (c >= end) {
                throw new BadPatternException("syntax error in pattern");
            }
        }
        long decoded = decodeRune(pattern, c, end);
        int rune = (int) decoded;
        int width = (int) (decoded >>> 32);
        if (rune == RUNE_ERROR && width == 1) {
            throw new BadPatternException("syntax error in pattern");
        }
        int next = c + width;
        if (next >= end) {
            throw new BadPatternException("syntax error in pattern");
        }
        return ((long) next << 32) | (rune & 0xFFFFFFFFL);
    }

    private static long decodeRune(byte[] s, int i) {
        return decodeRune(s, i, s.length);
    }

    /** Go {@code utf8.DecodeRune}: returns (width << 32) | rune, with RuneError/width 1 on invalid input. */
    static long decodeRune(byte[] s, int i, int end) {
        int b0 = s[i] & 0xFF;
        if (b0 < 0x80) {
            return (1L << 32) | b0;
        }
        int width;
        int rune;
        int min;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            width = 2;
            rune = b0 & 0x1F;
            min = 0x80;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            width = 3;
            rune = b0 & 0x0F;
            min = 0x800;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            width = 4;
            rune = b0 & 0x07;
            min = 0x10000;
        } else {
            return (1L << 32) | RUNE_ERROR;
        }
        if (i + width > end) {
            return (1L << 32) | RUNE_ERROR;
        }
        for (int k = 1; k < width; k++) {
            int bk = s[i + k] & 0xFF;
            if ((bk & 0xC0) != 0x80) {
                return (1L << 32) | RUNE_ERROR;
            }
            rune = (rune << 6) | (bk & 0x3F);
        }
        if (rune < min || rune > 0x10FFFF || (rune >= 0xD800 && rune <= 0xDFFF)) {
            return (1L << 32) | RUNE_ERROR;
        }
        return ((long) width << 32) | rune;
    }

    private static int indexOf(byte[] s, int from, byte b) {
        for (int i = from; i < s.length; i++) {
            if (s[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
