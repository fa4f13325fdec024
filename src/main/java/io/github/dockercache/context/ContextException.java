package io.github.dockercache.context;

/** The build context cannot be read or a source cannot be selected; the message names the path. */
public final class ContextException extends Exception {
    private final String missingPath;

    public ContextException(String message) {
        this(message, null, null);
    }

    public ContextException(String message, Throwable cause) {
        this(message, cause, null);
    }

    private ContextException(String message, Throwable cause, String missingPath) {
        super(message, cause);
        this.missingPath = missingPath;
    }

    /** A COPY/ADD source that is not in the context; {@code path} is relative to the context root. */
    static ContextException missingSource(String message, String path) {
        return new ContextException(message, null, path);
    }

    /** The context-relative path of a COPY/ADD source that does not exist, or null for any other failure. */
    public String missingPath() {
        return missingPath;
    }
}
