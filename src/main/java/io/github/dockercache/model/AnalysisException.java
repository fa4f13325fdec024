package io.github.dockercache.model;

/** The build cannot be analysed: a bad Dockerfile, an unreadable context, an unknown target. */
public final class AnalysisException extends Exception {
    public AnalysisException(String message) {
        super(message);
    }

    public AnalysisException(String message, Throwable cause) {
        super(message, cause);
    }
}
