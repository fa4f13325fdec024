package io.github.dockercache.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which variable names look secret (docs/secrets.md lists the rules). A name is cut into words at every character
 * that is not a letter or digit, at a lower-to-upper case change ({@code githubPat}), before the last capital of a
 * capital run followed by lower case ({@code APIKey}) and between letters and digits ({@code PASS2}). It is secret
 * when one of its words is a secret word, or a word contains one of the long ones or ends with {@code TOKEN}
 * ({@code NPMTOKEN}); unless a word is one that BuildKit's SecretsUsedInArgOrEnv check allows ({@code PUBLIC_KEY},
 * {@code PASSWORD_FILE}), or the whole name is the shell's {@code PWD}; {@code KEY} beside {@code GPG}, {@code PGP} or
 * {@code FINGERPRINT} names public key material ({@code GPG_KEYS}), though {@code GPG_PASSPHRASE} stays secret. Whole words keep {@code MONKEY},
 * {@code KEYCLOAK_VERSION}, {@code PATH} and {@code AUTHOR} out.
 */
public final class SecretNames {
    /**
     * BuildKit's SecretsUsedInArgOrEnv words (apikey, auth, credential(s), key, password, pword, passwd, secret,
     * token), and the words of the names people give their secrets besides.
     */
    private static final Set<String> WORDS = Set.of(
            "apikey",
            "auth",
            "authorization",
            "credential",
            "credentials",
            "creds",
            "key",
            "keys",
            "pass",
            "passphrase",
            "passwd",
            "password",
            "passwords",
            "pat",
            "private",
            "privkey",
            "pword",
            "pwd",
            "secret",
            "secrets",
            "token",
            "tokens");
    /** Long enough to mean a secret wherever they appear in a word: {@code DBPASSWORD}, {@code MYSECRET}. */
    private static final List<String> INSIDE_WORDS =
            List.of("apikey", "credential", "passphrase", "passwd", "password", "private", "secret");
    /** Words of public key material: with them, {@code KEY} names a fingerprint or key id (docker-library's GPG_KEYS). */
    private static final Set<String> PUBLIC_KEY_WORDS =
            Set.of("gpg", "pgp", "gnupg", "fingerprint", "fingerprints", "keyserver", "keyring");

    private static final Set<String> KEY_WORDS = Set.of("key", "keys");
    /** BuildKit's allowed words (dockerfile frontend 1.23 and later; BuildKit 0.25 allows {@code public} only). */
    private static final Set<String> ALLOWED_WORDS = Set.of("public", "file", "version");

    private static final Pattern WORD_BREAK = Pattern.compile(
            "[^\\p{Alnum}]+|(?<=\\p{Ll})(?=\\p{Lu})|(?<=\\p{Lu})(?=\\p{Lu}\\p{Ll})|(?<=\\p{L})(?=\\p{N})|(?<=\\p{N})(?=\\p{L})");

    private SecretNames() {}

    /** True when {@code name} looks like the name of a secret. */
    public static boolean looksSecret(String name) {
        if (name.equals("PWD")) {
            return false; // the shell's working directory; DB_PWD is a password
        }
        List<String> words = words(name);
        boolean publicKeyMaterial = words.stream().anyMatch(PUBLIC_KEY_WORDS::contains);
        boolean secret = false;
        for (String word : words) {
            if (ALLOWED_WORDS.contains(word)) {
                return false;
            }
            secret |= (WORDS.contains(word) && !(publicKeyMaterial && KEY_WORDS.contains(word)))
                    || word.endsWith("token")
                    || INSIDE_WORDS.stream().anyMatch(word::contains);
        }
        return secret;
    }

    /** The name's words, in lower case. */
    static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        for (String word : WORD_BREAK.split(name)) {
            if (!word.isEmpty()) {
                words.add(word.toLowerCase(Locale.ROOT));
            }
        }
        return words;
    }
}
