package io.github.dockercache.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * Pretty-printed JSON for the report files. Values stay the user's, exactly; but no control character is written
 * raw: Gson escapes those below U+0020 and the line separators, and this class the rest (DEL, the C1 controls,
 * whose U+009B a terminal reads as an escape sequence, and the bidirectional controls), which JSON allows only
 * escaped as well.
 */
final class JsonText {
    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private JsonText() {}

    /** The value as JSON, with a final line break. */
    static String of(Object value) {
        String json = GSON.toJson(value);
        StringBuilder safe = new StringBuilder(json.length() + 1);
        // outside strings JSON has only ASCII punctuation and white space: every character escaped here is in a string
        json.chars().forEach(c -> {
            if (c > 0x7e && Printable.needsEscape(c)) {
                safe.append(String.format("\\u%04x", c));
            } else {
                safe.append((char) c);
            }
        });
        return safe.append('\n').toString();
    }
}
