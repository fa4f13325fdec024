package io.github.dockercache.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which build args are secret, and how their values, and every value derived from them, are written: through
 * the user's {@link SecretKey}, or not at all (docs/secrets.md). Snapshots and baselines are committed and
 * published, so nothing else of a secret may reach them: no clear text, no unkeyed or truncated hash.
 *
 * @param listed names the user lists as secret, whatever the patterns say
 * @param unlisted names the user says are not secret although they look so ({@code !CACHE_KEY})
 * @param key the key to compare secret values through, or null: then they are not compared
 */
public record Secrets(Set<String> listed, Set<String> unlisted, SecretKey key) {
    /** The patterns alone, and no key. */
    public static final Secrets PATTERNS_ONLY = new Secrets(Set.of(), Set.of(), null);
    /** Stands for a secret value where there is no key to compare it through. */
    public static final String WITHHELD = "<secret>";
    /** How a compared secret value starts: {@code hmac-sha256:<key id>:<hex>}. */
    public static final String MAC_PREFIX = "hmac-sha256:";
    /** How earlier versions wrote a secret: a 48-bit prefix of its unsalted SHA-256, which a guess reverses. */
    private static final String LEGACY_PREFIX = "<redacted ";
    /** {@code scheme://user:password@host}: a password whatever the variable is called. */
    private static final Pattern URL_CREDENTIALS =
            Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/?#@\\s:]*:[^/?#@\\s]+@");

    public Secrets {
        listed = Set.copyOf(listed);
        unlisted = Set.copyOf(unlisted);
    }

    /**
     * The secrets configuration: {@code names} are build args that are secret (a leading {@code !} says that one
     * is not, although its name looks so).
     */
    public static Secrets of(Collection<String> names, SecretKey key) {
        Set<String> listed = new TreeSet<>();
        Set<String> unlisted = new TreeSet<>();
        for (String name : names) {
            String trimmed = name.strip();
            if (trimmed.startsWith("!")) {
                unlisted.add(trimmed.substring(1).strip());
            } else if (!trimmed.isEmpty()) {
                listed.add(trimmed);
            }
        }
        return new Secrets(listed, unlisted, key);
    }

    /** True when a variable of this name holds a secret, whatever its value. */
    public boolean isSecretName(String name) {
        return listed.contains(name) || !unlisted.contains(name) && SecretNames.looksSecret(name);
    }

    /** True when a build arg given with this value is secret: by its name, or a password in a URL. */
    public boolean isSecretArg(String name, String value) {
        return isSecretName(name)
                || value != null
                        && !unlisted.contains(name)
                        && URL_CREDENTIALS.matcher(value).find();
    }

    /** The value as it may be written: its MAC under the key, else {@link #WITHHELD}. */
    String mask(String value) {
        return key == null ? WITHHELD : key.mac(value);
    }

    /** True for a value written in place of a secret, by this version or an earlier one. */
    public static boolean isMasked(String value) {
        return value != null && (value.equals(WITHHELD) || value.startsWith(MAC_PREFIX) || isLegacy(value));
    }

    /** True for a secret written by an earlier version as an unsalted digest, which a guess reverses. */
    public static boolean isLegacy(String value) {
        return value != null && value.startsWith(LEGACY_PREFIX) && value.endsWith(">");
    }

    /** True when two masked values say whether the secret changed: MACs under the same key. */
    public static boolean comparable(String one, String other) {
        String key = keyIdOf(one);
        return key != null && key.equals(keyIdOf(other));
    }

    /**
     * Where {@code baseline} holds a secret in a form a guess can reverse: a digest an earlier version wrote, or the
     * clear value of a variable that {@code current} masks. Its history then holds keys computed from them too.
     *
     * @return {@code NPM_TOKEN} for a build arg, {@code 3 env:CONN} for a step's input; empty when there is none
     */
    public static List<String> recoverableIn(Snapshot baseline, Snapshot current) {
        List<String> found = new ArrayList<>();
        baseline.buildArgs().forEach((name, value) -> {
            if (isLegacy(value)
                    || value != null
                            && !isMasked(value)
                            && isMasked(current.buildArgs().get(name))) {
                found.add(name);
            }
        });
        Map<String, StepSnapshot> currentSteps = new HashMap<>();
        current.steps().forEach(step -> currentSteps.put(step.place().id(), step));
        for (StepSnapshot step : baseline.steps()) {
            StepSnapshot now = currentSteps.get(step.place().id());
            step.reads().inputs().forEach((name, value) -> {
                // a variable now secret held the same value then; another input (a path) was likely no secret yet
                if (isLegacy(value)
                        || InputName.parse(name) instanceof InputName.Variable
                                && value != null
                                && !isMasked(value)
                                && now != null
                                && isMasked(now.reads().inputs().get(name))) {
                    found.add(step.place().id() + " " + name);
                }
            });
        }
        return found;
    }

    /** The id of the key a MAC was made with, or null when {@code value} is no MAC. */
    public static String keyIdOf(String value) {
        if (value == null || !value.startsWith(MAC_PREFIX)) {
            return null;
        }
        int end = value.indexOf(':', MAC_PREFIX.length());
        return end < 0 ? null : value.substring(MAC_PREFIX.length(), end);
    }
}
