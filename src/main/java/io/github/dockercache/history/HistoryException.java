package io.github.dockercache.history;

/** The history cannot be read: no repository, a range git does not know; the message says what to do. */
public final class HistoryException extends Exception {
    public HistoryException(String message) {
        super(message);
    }

    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
