package io.github.dockercache.context;

/** The build context cannot be read or a source cannot be selected; the message names the path. */
public final class ContextException extends Exception {
    public ContextException(String message) {
        super(message);
    }

    public ContextException(String message, Throwable cause) {
        super(message, cause);
    }
}
