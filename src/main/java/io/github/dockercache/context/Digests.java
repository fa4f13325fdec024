package io.github.dockercache.context;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests in the {@code sha256:<lowercase hex>} form BuildKit prints and hashes. */
public final class Digests {
    /**
     * Never updated, only cloned: a context needs a digest per entry, and cloning skips the provider
     * lookup of {@link MessageDigest#getInstance}.
     */
    private static final MessageDigest SHA256 = sha256Instance();

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
        return "sha256:" + HexFormat.of().formatHex(sha256);
    }

    public static String of(byte[] data) {
        return format(newSha256().digest(data));
    }
}
