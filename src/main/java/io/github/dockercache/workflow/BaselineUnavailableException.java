package io.github.dockercache.workflow;

/** A remote baseline cannot be had: not deployed yet, offline, or the repository is unreachable. */
public final class BaselineUnavailableException extends Exception {
    public BaselineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
