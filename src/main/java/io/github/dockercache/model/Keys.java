package io.github.dockercache.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Fingerprints: SHA-256 over length-prefixed parts, so that no two different part lists collide. */
final class Keys {
    private Keys() {}

    static String hash(String kind, String parentKey, List<Map.Entry<String, String>> inputs) {
        MessageDigest digest = sha256();
        update(digest, kind);
        update(digest, parentKey == null ? "" : parentKey);
        for (Map.Entry<String, String> input : inputs) {
            update(digest, input.getKey());
            update(digest, input.getValue());
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    static String hash(String text) {
        MessageDigest digest = sha256();
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
