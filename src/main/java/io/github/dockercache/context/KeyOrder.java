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

    private static int compare(String a, String b, boolean slashIsZero) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (slashIsZero) {
                ca = ca == '/' ? 0 : ca;
                cb = cb == '/' ? 0 : cb;
            }
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
