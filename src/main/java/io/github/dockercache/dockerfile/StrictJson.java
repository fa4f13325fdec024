package io.github.dockercache.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader with the acceptance rules of Go's {@code encoding/json}: one value, surrounded
 * only by JSON whitespace. Whether a Dockerfile argument is exec form depends on exactly which texts
 * are valid JSON, so a lenient parser (Gson's) will not do. Values: {@link List}, {@link Map},
 * {@link String}, {@link Boolean}, {@link Double}, {@link #NULL}.
 */
final class StrictJson {
    /** The JSON {@code null}. */
    static final Object NULL = new Object();

    private final String text;
    private int pos;

    static final class SyntaxException extends Exception {
        SyntaxException(String message) {
            super(message);
        }
    }

    private StrictJson(String text) {
        this.text = text;
    }

    static Object parse(String text) throws SyntaxException {
        StrictJson reader = new StrictJson(text);
        reader.skipWhitespace();
        Object value = reader.value();
        reader.skipWhitespace();
        if (reader.pos != text.length()) {
            throw reader.error("invalid character after top-level value");
        }
        return value;
    }

    private Object value() throws SyntaxException {
        if (pos >= text.length()) {
            throw error("unexpected end of JSON input");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '[' -> array();
            case '{' -> object();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("invalid character looking for beginning of value");
            }
        };
    }

    private List<Object> array() throws SyntaxException {
        pos++;
        List<Object> values = new ArrayList<>();
        skipWhitespace();
        if (consume(']')) {
            return values;
        }
        while (true) {
            skipWhitespace();
            values.add(value());
            skipWhitespace();
            if (consume(']')) {
                return values;
            }
            expect(',');
        }
    }

    private Map<String, Object> object() throws SyntaxException {
        pos++;
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (consume('}')) {
            return members;
        }
        while (true) {
            skipWhitespace();
            if (pos >= text.length() || text.charAt(pos) != '"') {
                throw error("invalid character looking for beginning of object key string");
            }
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            members.put(key, value());
            skipWhitespace();
            if (consume('}')) {
                return members;
            }
            expect(',');
        }
    }

    private String string() throws SyntaxException {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unexpected end of JSON input");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("invalid character in string literal");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unexpected end of JSON input");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(unicodeEscape());
                default -> throw error("invalid character in string escape code");
            }
        }
    }

    /** {@code \}{@code uXXXX}, a surrogate pair taking two escapes; like Go, an unpaired surrogate becomes U+FFFD. */
    private String unicodeEscape() throws SyntaxException {
        char c = (char) hex4();
        if (Character.isHighSurrogate(c) && text.startsWith("\\u", pos)) {
            int afterHigh = pos;
            pos += 2;
            char low = (char) hex4();
            if (Character.isLowSurrogate(low)) {
                return new String(new char[] {c, low});
            }
            pos = afterHigh;
        }
        return Character.isSurrogate(c) ? "\uFFFD" : String.valueOf(c);
    }

    private int hex4() throws SyntaxException {
        if (pos + 4 > text.length()) {
            throw error("unexpected end of JSON input");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos++), 16);
            if (digit < 0) {
                throw error("invalid character in \\u hexadecimal character escape");
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private Object literal(String word, Object value) throws SyntaxException {
        if (!text.startsWith(word, pos)) {
            throw error("invalid literal");
        }
        pos += word.length();
        return value;
    }

    /** The JSON number grammar: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    private Double number() throws SyntaxException {
        int start = pos;
        consume('-');
        if (consume('0')) {
            // a leading zero stands alone
        } else if (!digits()) {
            throw error("invalid character in numeric literal");
        }
        if (consume('.') && !digits()) {
            throw error("invalid character after decimal point in numeric literal");
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            if (!consume('+')) {
                consume('-');
            }
            if (!digits()) {
                throw error("invalid character in exponent of numeric literal");
            }
        }
        Double value = Double.valueOf(text.substring(start, pos));
        if (value.isInfinite()) {
            // Go fails to decode a number beyond float64; Dockerfile arguments then fall back to shell form
            throw error("number out of range");
        }
        return value;
    }

    private boolean digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos > start;
    }

    private boolean consume(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) throws SyntaxException {
        if (!consume(c)) {
            throw error(
                    pos >= text.length()
                            ? "unexpected end of JSON input"
                            : "invalid character '" + text.charAt(pos) + "'");
        }
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private SyntaxException error(String message) {
        return new SyntaxException(message);
    }
}
