package io.github.dockercache.model;

/**
 * Where the digest a FROM tag stands for comes from: BuildKit keys a FROM on it (spec 2), so a moved tag rebuilds
 * the stage. Offline it can only be the one a baseline recorded; a registry can be asked when the user allows it.
 */
@FunctionalInterface
public interface ImageDigests {
    /** No digests: FROM is keyed on the reference as written. */
    ImageDigests NONE = (reference, platform) -> null;

    /**
     * The digest {@code reference} resolves to, or null when unknown.
     *
     * @param reference the normalised reference ({@code docker.io/library/busybox:1.36})
     * @param platform the FROM's {@code --platform}, or null for the default
     */
    String digestOf(String reference, String platform) throws AnalysisException;
}
