package io.github.dockercache.store;

/** A snapshot or baseline file cannot be used: truncated, edited by hand, or from another version. */
public final class SnapshotFormatException extends Exception {
    public SnapshotFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
