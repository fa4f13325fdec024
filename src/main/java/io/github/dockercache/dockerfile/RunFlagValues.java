package io.github.dockercache.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The checks BuildKit makes on RUN {@code --mount} and {@code --device} values while parsing, before
 * any variable is expanded. Most mount options are checked only after expansion, when the step is built.
 */
final class RunFlagValues {
    private static final Set<String> GO_BOOLEANS =
            Set.of("1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False");

    private RunFlagValues() {}

    /** A mount's {@code from} cannot use variables (a {@code $} anywhere but at the very end). */
    static void checkMount(String value) throws LineError {
        for (String field : csvFields(value, "failed to parse csv mounts")) {
            int equals = field.indexOf('=');
            if (equals < 0
                    || !field.substring(0, equals).toLowerCase(Locale.ROOT).equals("from")) {
                continue;
            }
            String from = field.substring(equals + 1);
            int dollar = from.indexOf('$');
            if (dollar >= 0 && dollar != from.length() - 1) {
                throw new LineError("'from' doesn't support variable expansion, define alias stage instead");
            }
        }
    }

    /** {@code --device=name[,required[=bool]]}, the name also as {@code name=...}. */
    static void checkDevice(String value) throws LineError {
        String name = "";
        for (String field : csvFields(value, "failed to parse csv devices")) {
            int equals = field.indexOf('=');
            String key = (equals < 0 ? field : field.substring(0, equals)).toLowerCase(Locale.ROOT);
            String fieldValue = equals < 0 ? null : field.substring(equals + 1);
            if (key.equals("required")) {
                if (fieldValue != null && !GO_BOOLEANS.contains(fieldValue)) {
                    throw new LineError("invalid value for " + key + ": " + fieldValue);
                }
            } else if (key.equals("name") && fieldValue != null) {
                if (!name.isEmpty()) {
                    throw new LineError("device name already set to " + name);
                }
                name = fieldValue;
            } else if (name.isEmpty()) {
                name = field;
            } else if (fieldValue == null) {
                throw new LineError("invalid field '" + field + "' must be a key=value pair");
            } else {
                throw new LineError(Suggestions.withSuggestion(
                        "unexpected key '" + key + "' in '" + field + "'", key, List.of("name", "required"), true));
            }
        }
    }

    /** One CSV record with the strict quoting rules of Go's {@code encoding/csv} (via go-csvvalue). */
    static List<String> csvFields(String text, String context) throws LineError {
        String line = text.endsWith("\r\n")
                ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (line.isEmpty()) {
            throw new LineError(context + ": EOF");
        }
        List<String> fields = new ArrayList<>();
        int pos = 0;
        while (true) {
            if (pos >= line.length() || line.charAt(pos) != '"') {
                int comma = line.indexOf(',', pos);
                String field = comma < 0 ? line.substring(pos) : line.substring(pos, comma);
                int quote = field.indexOf('"');
                if (quote >= 0) {
                    throw csvError(context, line, pos + quote, "bare \" in non-quoted-field");
                }
                fields.add(field);
                if (comma < 0) {
                    return fields;
                }
                pos = comma + 1;
                continue;
            }
            StringBuilder field = new StringBuilder();
            pos++;
            while (true) {
                int quote = line.indexOf('"', pos);
                if (quote < 0) {
                    throw csvError(context, line, line.length(), "extraneous or missing \" in quoted-field");
                }
                field.append(line, pos, quote);
                pos = quote + 1;
                if (pos < line.length() && line.charAt(pos) == '"') {
                    field.append('"');
                    pos++;
                } else if (pos < line.length() && line.charAt(pos) == ',') {
                    fields.add(field.toString());
                    pos++;
                    break;
                } else if (pos == line.length()) {
                    fields.add(field.toString());
                    return fields;
                } else {
                    throw csvError(context, line, pos - 1, "extraneous or missing \" in quoted-field");
                }
            }
        }
    }

    private static LineError csvError(String context, String line, int charIndex, String problem) {
        int column = GoText.utf8Length(line.substring(0, charIndex)) + 1;
        return new LineError(context + ": parse error on line 1, column " + column + ": " + problem);
    }
}
