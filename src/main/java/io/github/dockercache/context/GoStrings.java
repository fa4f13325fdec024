package io.github.dockercache.context;

/** Go string helpers whose exact character sets matter for pattern parsing. */
final class GoStrings {
    private GoStrings() {}

    /** Go {@code strings.TrimSpace}: trims Unicode White_Space (Java's {@code strip()} uses another set). */
    static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** Go {@code unicode.IsSpace}; all such characters are in the BMP. */
    static boolean isSpace(char c) {
        return switch (c) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> c >= 0x2000 && c <= 0x200A;
        };
    }
}
