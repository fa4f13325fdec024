package io.github.dockercache.dockerfile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text primitives with the exact semantics of the Go library functions BuildKit relies on, where
 * Java's nearest equivalent differs (which characters are spaces, how strings are quoted, how a
 * regular expression splits). Public for the {@code .dockerignore} reader, which trims lines as Go does.
 */
public final class GoText {
    private GoText() {}

    /** Go's {@code unicode.IsSpace}: Latin-1 spaces (NEL and NBSP included) plus Unicode White_Space. */
    public static boolean isSpace(int cp) {
        if (cp <= 0xFF) {
            return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0xA0;
        }
        return cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A)
                || cp == 0x2028
                || cp == 0x2029
                || cp == 0x202F
                || cp == 0x205F
                || cp == 0x3000;
    }

    /** Go's {@code strings.TrimSpace}. */
    public static String trimSpace(String s) {
        return trimLeftSpace(trimRightSpace(s));
    }

    static String trimLeftSpace(String s) {
        int start = 0;
        while (start < s.length()) {
            int cp = s.codePointAt(start);
            if (!isSpace(cp)) {
                break;
            }
            start += Character.charCount(cp);
        }
        return s.substring(start);
    }

    static String trimRightSpace(String s) {
        int end = s.length();
        while (end > 0) {
            int cp = s.codePointBefore(end);
            if (!isSpace(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return s.substring(0, end);
    }

    /**
     * Go's {@code regexp.Split(s, n)} ({@code n < 0}: no limit), including its empty first/last fields
     * when {@code s} starts or ends with a separator.
     */
    static List<String> regexSplit(Pattern separator, String s, int limit) {
        List<String> fields = new ArrayList<>();
        if (s.isEmpty()) {
            fields.add("");
            return fields;
        }
        Matcher m = separator.matcher(s);
        int begin = 0;
        int end = 0;
        while (m.find()) {
            if (limit > 0 && fields.size() == limit - 1) {
                break;
            }
            end = m.start();
            if (m.end() != 0) {
                fields.add(s.substring(begin, end));
            }
            begin = m.end();
        }
        if (end != s.length()) {
            fields.add(s.substring(begin));
        }
        return fields;
    }

    /** Go's {@code strconv.Quote}: a double-quoted Go string literal. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> appendQuoted(out, cp));
        return out.append('"').toString();
    }

    private static void appendQuoted(StringBuilder out, int cp) {
        switch (cp) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case 0x07 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 0x0B -> out.append("\\v");
            default -> {
                if (isPrint(cp)) {
                    out.appendCodePoint(cp);
                } else if (cp < ' ' || cp == 0x7F) {
                    out.append(String.format("\\x%02x", cp));
                } else if (cp < 0x10000) {
                    out.append(String.format("\\u%04x", cp));
                } else {
                    out.append(String.format("\\U%08x", cp));
                }
            }
        }
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER,
                    Character.LOWERCASE_LETTER,
                    Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER,
                    Character.OTHER_LETTER,
                    Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK,
                    Character.COMBINING_SPACING_MARK,
                    Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER,
                    Character.OTHER_NUMBER,
                    Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION,
                    Character.MATH_SYMBOL,
                    Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL,
                    Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    /**
     * The UTF-8 bytes of {@code s}, one char per byte. Some BuildKit scanners index Go strings byte by
     * byte and treat each byte as a character (so bytes 0x85 and 0xA0 count as spaces and non-ASCII
     * text is re-encoded); working on this view reproduces that.
     */
    static String toByteView(String s) {
        return new String(DockerfileBytes.raw(s), StandardCharsets.ISO_8859_1);
    }

    /** Undoes {@link #toByteView}. */
    static String fromByteView(String bytes) {
        return DockerfileBytes.decode(bytes.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The length of the bytes {@code s} stands for ({@link DockerfileBytes}: an invalid byte's escape is one). */
    static int utf8Length(String s) {
        int length = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            length += cp < 0x80 ? 1 : cp < 0x800 ? 2 : DockerfileBytes.isEscape((char) cp) ? 1 : cp < 0x10000 ? 3 : 4;
            i += Character.charCount(cp);
        }
        return length;
    }
}
