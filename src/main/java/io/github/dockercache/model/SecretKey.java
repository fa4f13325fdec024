package io.github.dockercache.model;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key secret values are compared through: HMAC-SHA256, so that what is written (a baseline committed to git, a
 * snapshot deployed to a repository) cannot be reversed by guessing a short secret without the key, which the user
 * keeps outside the repository (docs/secrets.md).
 *
 * <p>The configured text is stretched with PBKDF2 first: a user who picks a guessable key still makes each guess
 * cost a derivation. The id, a keyed value of a constant, tells two keys apart in a baseline without saying
 * anything about a secret.
 */
public final class SecretKey {
    /** Shorter keys are refused: they say the key was typed, not generated. */
    public static final int MIN_LENGTH = 16;

    private static final byte[] SALT = "io.github.dockercache secret MAC v1".getBytes(StandardCharsets.UTF_8);
    private static final int ITERATIONS = 200_000;
    private static final String MAC = "HmacSHA256";

    private final SecretKeySpec key;
    private final String id;

    private SecretKey(SecretKeySpec key) {
        this.key = key;
        this.id = HexFormat.of().formatHex(mac("dockercache key id".getBytes(StandardCharsets.UTF_8)), 0, 4);
    }

    /**
     * The key for {@code text}, as configured.
     *
     * @throws IllegalArgumentException when it is shorter than {@link #MIN_LENGTH} characters
     */
    public static SecretKey of(String text) {
        String trimmed = text.strip();
        if (trimmed.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the secret key has " + trimmed.length() + " characters, fewer than "
                    + MIN_LENGTH + ": generate one, e.g. with 'openssl rand -base64 32'");
        }
        try {
            SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] derived = factory.generateSecret(new PBEKeySpec(trimmed.toCharArray(), SALT, ITERATIONS, 256))
                    .getEncoded();
            return new SecretKey(new SecretKeySpec(derived, MAC));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has PBKDF2WithHmacSHA256", e);
        }
    }

    /** Eight hex digits that tell this key from another. */
    public String id() {
        return id;
    }

    /** {@code hmac-sha256:<id>:<64 hex digits>}: equal for equal values under the same key. */
    String mac(String value) {
        return Secrets.MAC_PREFIX + id + ":" + HexFormat.of().formatHex(mac(value.getBytes(StandardCharsets.UTF_8)));
    }

    private byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    /** Never the key: this may end up in a log. */
    @Override
    public String toString() {
        return "SecretKey[" + id + "]";
    }
}
