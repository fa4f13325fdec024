package io.github.dockercache.context;

import java.util.Comparator;

/**
 * BuildKit's order of context paths: byte order of the UTF-8 path with {@code /} replaced by a zero byte
 * (its radix-tree keys), so a directory's contents come right after it ({@code a}, {@code a/b},
 * {@code a.txt}). Comparing code points gives UTF-8 byte order, which Java's UTF-16 {@code compareTo}
 * does not for characters above U+FFFF.
 */
public final class KeyOrder {
    /** Orders relative paths as BuildKit's keys. */
    public static final Comparator<String> PATHS = (a, b) -> compare(a, b, true);

    /** Orders single names as Go's {@code os.ReadDir} (plain byte order). */
    public static final Comparator<String> NAMES = (a, b) -> compare(a, b, false);

    private KeyOrder() {}

    /**
     * Compares UTF-16 units while they are equal, which is all a shared prefix needs (paths share long
     * ones); only where they first differ does the order need code points: a surrogate sorts below
     * U+E000..U+FFFF in UTF-16 but above it in UTF-8.
     */
    private static int compare(String a, String b, boolean slashIsZero) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                if (Character.isSurrogate(ca) || Character.isSurrogate(cb)) {
                    // restart at the code point that holds this unit; everything before it is equal
                    int start = i > 0 && Character.isHighSurrogate(a.charAt(i - 1)) ? i - 1 : i;
                    return compareCodePoints(a, b, start, slashIsZero);
                }
                return Integer.compare(mapped(ca, slashIsZero), mapped(cb, slashIsZero));
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static int mapped(int c, boolean slashIsZero) {
        return slashIsZero && c == '/' ? 0 : c;
    }

    private static int compareCodePoints(String a, String b, int start, boolean slashIsZero) {
        int i = start;
        int j = start;
        while (i < a.length() && j < b.length()) {
            int ca = mapped(a.codePointAt(i), slashIsZero);
            int cb = mapped(b.codePointAt(j), slashIsZero);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(a.codePointAt(i));
            j += Character.charCount(b.codePointAt(j));
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
