package io.github.dockercache.model;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Keeps secret-looking values out of snapshots and baselines, which are committed and published: such a
 * value is stored as a short digest, so a change is still visible but the value is not.
 */
public final class Secrets {
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(passw|secret|token|credential|private|api_?key|access_?key|auth).*");

    private Secrets() {}

    public static boolean isSecret(String name) {
        return SECRET_NAME.matcher(name).matches();
    }

    static String redact(String name, String value) {
        return isSecret(name) && value != null && !value.isEmpty()
                ? "<redacted " + Keys.hash(value).substring("sha256:".length(), "sha256:".length() + 12) + ">"
                : value;
    }

    static SortedMap<String, String> redactAll(Map<String, String> values) {
        SortedMap<String, String> redacted = new TreeMap<>();
        values.forEach((name, value) -> redacted.put(name, redact(name, value)));
        return redacted;
    }
}
