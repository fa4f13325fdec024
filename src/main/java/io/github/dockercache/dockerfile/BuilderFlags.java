package io.github.dockercache.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The flags an instruction accepts, checked against the {@code --name[=value]} words it was given
 * (BuildKit's {@code BFlags}). Declare the flags, then call {@link #parse()}.
 */
final class BuilderFlags {
    private enum Kind {
        BOOLEAN,
        STRING,
        STRINGS
    }

    /** A declared flag and what the instruction set it to. */
    static final class Flag {
        private final Kind kind;
        private String value;
        private final List<String> values = new ArrayList<>();
        private boolean used;

        private Flag(Kind kind, String defaultValue) {
            this.kind = kind;
            this.value = defaultValue;
        }

        /** The value; for a boolean flag {@code "true"} or {@code "false"}. */
        String value() {
            return value;
        }

        /** The value, or null when the flag was not given. */
        String valueIfUsed() {
            return used ? value : null;
        }

        boolean isTrue() {
            return "true".equals(value);
        }

        boolean used() {
            return used;
        }

        /** Every value of a repeatable flag, in order. */
        List<String> values() {
            return List.copyOf(values);
        }
    }

    private final List<String> words;
    private final Map<String, Flag> declared = new LinkedHashMap<>();
    private final BuildKitVersion version;

    BuilderFlags(List<String> words) {
        this(words, BuildKitVersion.NEWEST);
    }

    /** {@code version} decides how an unknown flag is worded. */
    BuilderFlags(List<String> words, BuildKitVersion version) {
        this.words = words;
        this.version = version;
    }

    Flag addBoolean(String name) {
        return declare(name, new Flag(Kind.BOOLEAN, "false"));
    }

    Flag addString(String name, String defaultValue) {
        return declare(name, new Flag(Kind.STRING, defaultValue));
    }

    Flag addStrings(String name) {
        return declare(name, new Flag(Kind.STRINGS, ""));
    }

    private Flag declare(String name, Flag flag) {
        declared.put(name, flag);
        return flag;
    }

    void parse() throws LineError {
        for (String word : words) {
            if (word.equals("--")) {
                return; // the rest are operands, as in POSIX utility syntax
            }
            if (!word.startsWith("--")) {
                throw new LineError("arg should start with -- : " + word);
            }
            int equals = word.indexOf('=');
            boolean hasValue = equals >= 0;
            String flagName = hasValue ? word.substring(0, equals) : word;
            String value = hasValue ? word.substring(equals + 1) : "";
            String name = flagName.substring(2);
            Flag flag = declared.get(name);
            if (flag == null) {
                throw new LineError(Suggestions.withSuggestion(
                        "unknown flag: " + (version.namesUnknownFlagsWithDashes() ? flagName : name),
                        name,
                        declared.keySet(),
                        true));
            }
            if (flag.used && flag.kind != Kind.STRINGS) {
                throw new LineError("duplicate flag specified: " + flagName);
            }
            flag.used = true;
            set(flag, flagName, value, hasValue);
        }
    }

    private static void set(Flag flag, String flagName, String value, boolean hasValue) throws LineError {
        switch (flag.kind) {
            case BOOLEAN -> {
                if (hasValue && value.isEmpty()) {
                    throw new LineError("missing a value on flag: " + flagName);
                }
                switch (value.toLowerCase(Locale.ROOT)) {
                    case "true", "" -> flag.value = "true";
                    case "false" -> flag.value = "false";
                    default -> throw new LineError("expecting boolean value for flag " + flagName + ", not: " + value);
                }
            }
            case STRING -> {
                if (!hasValue) {
                    throw new LineError("missing a value on flag: " + flagName);
                }
                flag.value = value;
            }
            case STRINGS -> {
                if (!hasValue) {
                    throw new LineError("missing a value on flag: " + flagName);
                }
                flag.values.add(value);
            }
        }
    }
}
