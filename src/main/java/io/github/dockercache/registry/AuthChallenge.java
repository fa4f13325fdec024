package io.github.dockercache.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code WWW-Authenticate} challenge (RFC 7235): a scheme and its parameters, such as Docker Hub's
 * {@code Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/ubuntu:pull"}.
 * Values may be quoted, and a quoted scope holds commas ({@code repository:a:pull,push}), so it is not a split on
 * commas.
 *
 * @param scheme lower-cased ({@code bearer}, {@code basic}), as schemes are case-insensitive
 * @param parameters the parameters by lower-cased name, values unquoted
 */
public record AuthChallenge(String scheme, Map<String, String> parameters) {
    public AuthChallenge {
        parameters = Map.copyOf(parameters);
    }

    /** The challenge to answer among a response's headers: a bearer one when offered, as it works anonymously. */
    static Optional<AuthChallenge> choose(List<String> headerValues) {
        return headerValues.stream()
                .map(AuthChallenge::parse)
                .flatMap(Optional::stream)
                .reduce((first, other) -> first.isBearer() ? first : other);
    }

    /** Parses one header value; empty when it has no scheme. Malformed parameters end the parameter list. */
    public static Optional<AuthChallenge> parse(String headerValue) {
        String value = headerValue.strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        if (scheme.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        int i = space < 0 ? value.length() : space + 1;
        while (i < value.length()) {
            int equals = value.indexOf('=', i);
            if (equals < 0) {
                break;
            }
            String name = value.substring(i, equals).strip().toLowerCase(Locale.ROOT);
            StringBuilder parameterValue = new StringBuilder();
            i = readValue(value, equals + 1, parameterValue);
            parameters.put(name, parameterValue.toString());
            while (i < value.length() && (value.charAt(i) == ',' || value.charAt(i) == ' ')) {
                i++;
            }
        }
        return Optional.of(new AuthChallenge(scheme.toLowerCase(Locale.ROOT), parameters));
    }

    /** Reads a quoted string (with backslash escapes) or a token starting at {@code start}; returns where it ended. */
    private static int readValue(String value, int start, StringBuilder out) {
        int i = start;
        if (i < value.length() && value.charAt(i) == '"') {
            for (i++; i < value.length() && value.charAt(i) != '"'; i++) {
                if (value.charAt(i) == '\\' && i + 1 < value.length()) {
                    i++;
                }
                out.append(value.charAt(i));
            }
            return i + 1;
        }
        while (i < value.length() && value.charAt(i) != ',') {
            i++;
        }
        out.append(value.substring(start, i).strip());
        return i;
    }

    public boolean isBearer() {
        return scheme.equals("bearer");
    }

    public boolean isBasic() {
        return scheme.equals("basic");
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }
}
