package io.github.dockercache.registry;

import java.util.Optional;

/**
 * What a {@code FROM} image resolves to.
 *
 * @param reference the canonical reference that was resolved ({@code docker.io/library/eclipse-temurin:17-jre})
 * @param digest the digest the tag points to, the one BuildKit pins as {@code name@digest}: for a multi-platform
 *     image that is the index's digest
 * @param platformDigest the digest of the manifest for the requested platform: the index entry for a multi-platform
 *     image, {@code digest} itself for a single-platform one, null for a pinned reference (not looked up)
 */
public record ResolvedImage(String reference, String digest, String platformDigest) {
    /** The platform manifest's digest; empty when the reference was pinned and nothing was asked of a registry. */
    public Optional<String> platformManifestDigest() {
        return Optional.ofNullable(platformDigest);
    }

    /** {@code repository@digest}, the spelling BuildKit builds from; the tag, if any, is dropped as BuildKit does. */
    public String pinned() {
        int at = reference.indexOf('@');
        String name = at >= 0 ? reference.substring(0, at) : reference.substring(0, reference.lastIndexOf(':'));
        return name + "@" + digest;
    }
}
