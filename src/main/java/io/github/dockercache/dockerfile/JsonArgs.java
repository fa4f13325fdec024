package io.github.dockercache.dockerfile;

import java.util.ArrayList;
import java.util.List;

/** The exec (JSON array) form of instruction arguments. */
final class JsonArgs {
    static final String NOT_STRING_ARRAY = "when using JSON array syntax, arrays must be comprised of strings only";

    private JsonArgs() {}

    /**
     * The strings of a JSON array, or null when the text is not valid JSON starting with {@code [} (it is
     * then shell form).
     *
     * @throws LineError valid JSON array holding something other than strings
     */
    static List<String> parse(String text) throws LineError {
        String trimmed = GoText.trimLeftSpace(text);
        if (!trimmed.startsWith("[")) {
            return null;
        }
        Object parsed;
        try {
            parsed = StrictJson.parse(trimmed);
        } catch (StrictJson.SyntaxException e) {
            return null;
        }
        List<String> strings = new ArrayList<>();
        for (Object element : (List<?>) parsed) {
            if (!(element instanceof String s)) {
                throw new LineError(NOT_STRING_ARRAY);
            }
            strings.add(s);
        }
        return List.copyOf(strings);
    }
}
