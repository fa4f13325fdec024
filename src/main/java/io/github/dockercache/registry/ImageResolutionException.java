package io.github.dockercache.registry;

/**
 * A tag could not be resolved to a digest. The message is one line that names the reference and says what to do,
 * so the plugin can print it as the build failure as it is.
 */
public final class ImageResolutionException extends Exception {
    /** The way out when a registry cannot answer: a pinned digest needs no registry, and resolving is optional. */
    static final String PIN_OR_SKIP = "pin the digest in the Dockerfile, or turn tag resolution off";

    /**
     * Why a registry's JSON is unusable, on one line: Gson gives its reason on a cause, after the cause's class
     * name, with a troubleshooting link on a second line.
     */
    static String jsonProblem(RuntimeException e) {
        Throwable innermost = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
        return String.valueOf(innermost.getMessage()).lines().findFirst().orElse("");
    }

    public ImageResolutionException(String message) {
        super(message);
    }

    public ImageResolutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
