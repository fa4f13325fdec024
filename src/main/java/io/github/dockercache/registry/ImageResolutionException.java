package io.github.dockercache.registry;

/**
 * A tag could not be resolved to a digest. The message is one line that names the reference and says what to do,
 * so the plugin can print it as the build failure as it is.
 */
public final class ImageResolutionException extends Exception {
    /** The way out when a registry cannot answer: a pinned digest needs no registry, and resolving is optional. */
    static final String PIN_OR_SKIP = "pin the digest in the Dockerfile, or turn tag resolution off";

    public ImageResolutionException(String message) {
        super(message);
    }

    public ImageResolutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
