package io.github.dockercache.dockerfile;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The build-check configuration of BuildKit's {@code # check=} directive ({@code linter.ParseLintOptions}):
 * {@code skip=<rule>[,<rule>...]|all}, {@code experimental=...} and {@code error=<bool>}, separated by
 * {@code ;}. BuildKit 0.25 reads it only from the directive at the top of the file: a {@code # check=} comment
 * above an instruction came with dockerfile 1.21 and changes nothing for Docker 28's built-in frontend.
 *
 * <p>The {@code BUILDKIT_DOCKERFILE_CHECK} build argument takes the same syntax and, when given (even empty),
 * replaces the directive entirely (dockerfile2llb's {@code newRuleLinter}): {@link #fromBuildArg}.
 *
 * <p>{@code error=true} makes BuildKit fail the build when any check warns ({@link #error()}).
 *
 * <p>As in BuildKit, a later {@code skip=} or {@code experimental=} list replaces an earlier one, {@code skip=}
 * never applies to an experimental rule, and an experimental rule runs only when {@code experimental=} names it
 * (or says {@code all}).
 *
 * @param skipAll {@code skip=all}
 * @param skip the rules named in {@code skip=}
 * @param error {@code error=true}
 * @param experimentalAll {@code experimental=all}
 * @param experimental the rules named in {@code experimental=}
 */
public record CheckOptions(
        boolean skipAll, Set<String> skip, boolean error, boolean experimentalAll, Set<String> experimental) {
    static final CheckOptions NONE = new CheckOptions(false, Set.of(), false, false, Set.of());
    /** The build argument that replaces the {@code # check=} directive. */
    public static final String BUILD_ARG = "BUILDKIT_DOCKERFILE_CHECK";

    /** An invalid option, with BuildKit's message (without its "failed to parse check options: " prefix). */
    static final class InvalidException extends Exception {
        InvalidException(String message) {
            super(message);
        }
    }

    /**
     * The options the {@link #BUILD_ARG} build argument gives, or null when it is not among {@code buildArgs}
     * (the directive applies then).
     *
     * @throws IllegalArgumentException with BuildKit's message, which fails the build before any step
     */
    public static CheckOptions fromBuildArg(Map<String, String> buildArgs) {
        String value = buildArgs.get(BUILD_ARG);
        if (value == null) {
            return null;
        }
        try {
            return parse(value);
        } catch (InvalidException e) {
            throw new IllegalArgumentException("failed to parse build-arg:" + BUILD_ARG + ": " + e.getMessage(), e);
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
        boolean experimentalAll = false;
        Set<String> skip = Set.of();
        Set<String> experimental = Set.of();
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
                        skip = rules(v);
                    }
                }
                case "experimental" -> {
                    if (v.equals("all")) {
                        experimentalAll = true;
                    } else {
                        experimental = rules(v);
                    }
                }
                case "error" -> error = parseBool(part, v);
                default -> throw new InvalidException("invalid check option " + GoText.quote(key));
            }
        }
        return new CheckOptions(skipAll, skip, error, experimentalAll, experimental);
    }

    private static Set<String> rules(String list) {
        Set<String> rules = new HashSet<>();
        for (String rule : list.split(",", -1)) {
            rules.add(GoText.trimSpace(rule));
        }
        return Set.copyOf(rules);
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

    /** Whether a warning of {@code rule} is given; {@code isExperimental} as BuildKit marks the rule. */
    boolean reports(String rule, boolean isExperimental) {
        return isExperimental ? experimentalAll || experimental.contains(rule) : !skipAll && !skip.contains(rule);
    }
}
