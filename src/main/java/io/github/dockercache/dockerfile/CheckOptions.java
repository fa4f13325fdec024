package io.github.dockercache.dockerfile;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The build-check configuration of BuildKit's {@code # check=} directive ({@code linter.ParseLintOptions}):
 * {@code skip=<rule>[,<rule>...]|all}, {@code experimental=...} and {@code error=<bool>}, separated by
 * {@code ;}. The same syntax in a comment directly above an instruction applies to that instruction only.
 *
 * <p>{@code error=true} makes BuildKit fail the build when any check warns; here it is only recorded
 * ({@link #error()}): warnings stay warnings, and callers decide what to do with the flag.
 *
 * @param skipAll {@code skip=all}
 * @param skip the rules named in {@code skip=}
 * @param error {@code error=true}
 */
record CheckOptions(boolean skipAll, Set<String> skip, boolean error) {
    static final CheckOptions NONE = new CheckOptions(false, Set.of(), false);

    /** An invalid option, with BuildKit's message (without its "failed to parse check options: " prefix). */
    static final class InvalidException extends Exception {
        InvalidException(String message) {
            super(message);
        }
    }

    /** Parses the directive value (up to its first space, as BuildKit takes it). */
    static CheckOptions parse(String value) throws InvalidException {
        String text = GoText.trimSpace(value);
        if (text.isEmpty()) {
            return NONE;
        }
        boolean skipAll = false;
        boolean error = false;
        Set<String> skip = new HashSet<>();
        // Go's strings.SplitN(s, ";", 3): the third part keeps any further semicolons
        for (String part : text.split(";", 3)) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                throw new InvalidException("invalid check option " + GoText.quote(part));
            }
            String key = GoText.trimSpace(part.substring(0, equals));
            String v = GoText.trimSpace(part.substring(equals + 1));
            switch (key) {
                case "skip" -> {
                    if (v.equals("all")) {
                        skipAll = true;
                    } else {
                        for (String rule : v.split(",", -1)) {
                            skip.add(GoText.trimSpace(rule));
                        }
                    }
                }
                case "experimental" -> {
                    // experimental rules are not implemented, so enabling them changes nothing
                }
                case "error" -> error = parseBool(part, v);
                default -> throw new InvalidException("invalid check option " + GoText.quote(key));
            }
        }
        return new CheckOptions(skipAll, Set.copyOf(skip), error);
    }

    /** Go's {@code strconv.ParseBool}. */
    private static boolean parseBool(String part, String v) throws InvalidException {
        if (List.of("1", "t", "T", "TRUE", "true", "True").contains(v)) {
            return true;
        }
        if (List.of("0", "f", "F", "FALSE", "false", "False").contains(v)) {
            return false;
        }
        throw new InvalidException("failed to parse check option " + GoText.quote(part)
                + ": strconv.ParseBool: parsing " + GoText.quote(v) + ": invalid syntax");
    }

    /** BuildKit's {@code WithMergedConfig}: skips add up, {@code error} sticks once set. */
    CheckOptions merge(CheckOptions other) {
        Set<String> rules = new HashSet<>(skip);
        rules.addAll(other.skip);
        return new CheckOptions(skipAll || other.skipAll, Set.copyOf(rules), error || other.error);
    }

    /**
     * BuildKit's {@code WithMergedConfigFromComments}: the first comment above an instruction that reads
     * as a {@code check=} directive is merged in; an invalid one is ignored.
     */
    CheckOptions withComments(List<String> comments) {
        for (String comment : comments) {
            ParserDirectives.Directive directive;
            try {
                directive = new ParserDirectives.LineReader("", 0).read(comment);
            } catch (ParserDirectives.RepeatedDirectiveException e) {
                continue; // cannot happen with a fresh reader
            }
            if (directive == null || !directive.name().equals(ParserDirectives.CHECK)) {
                continue;
            }
            try {
                return merge(parse(directive.value().split(" ", 2)[0]));
            } catch (InvalidException e) {
                return this;
            }
        }
        return this;
    }

    boolean skips(String rule) {
        return skipAll || skip.contains(rule);
    }
}
