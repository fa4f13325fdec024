package io.github.dockercache.context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 digests in the {@code sha256:<lowercase hex>} form BuildKit prints and hashes. */
public final class Digests {
    /**
     * Never updated, only cloned: a context needs a digest per entry, and cloning skips the provider
     * lookup of {@link MessageDigest#getInstance}.
     */
    private static final MessageDigest SHA256 = sha256Instance();

    private static final String PREFIX = "sha256:";
    private static final int LENGTH = PREFIX.length() + 64;
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    /** The digest of no bytes: BuildKit's root header and the checksum of an empty selection. */
    public static final String EMPTY = format(newSha256().digest());

    private Digests() {}

    public static MessageDigest newSha256() {
        try {
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            return sha256Instance(); // a provider whose digests cannot be cloned
        }
    }

    private static MessageDigest sha256Instance() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    public static String format(byte[] sha256) {
        return format(sha256, 0);
    }

    /** The {@code sha256:} form of the 32 bytes at {@code offset}: digests are kept as bytes, spelled when asked. */
    static String format(byte[] bytes, int offset) {
        return new String(spelled(bytes, offset), StandardCharsets.ISO_8859_1);
    }

    /** Hashes the {@code sha256:<hex>} spelling of the 32 bytes at {@code offset}, without making a String. */
    static void updateSpelled(MessageDigest sha, byte[] bytes, int offset) {
        sha.update(spelled(bytes, offset));
    }

    private static byte[] spelled(byte[] bytes, int offset) {
        byte[] text = new byte[LENGTH];
        for (int i = 0; i < PREFIX.length(); i++) {
            text[i] = (byte) PREFIX.charAt(i);
        }
        for (int i = 0; i < 32; i++) {
            int b = bytes[offset + i] & 0xff;
            text[PREFIX.length() + 2 * i] = HEX_DIGITS[b >>> 4];
            text[PREFIX.length() + 2 * i + 1] = HEX_DIGITS[b & 0xf];
        }
        return text;
    }

    public static String of(byte[] data) {
        return format(newSha256().digest(data));
    }
}
