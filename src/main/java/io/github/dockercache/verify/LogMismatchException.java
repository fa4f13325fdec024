package io.github.dockercache.verify;

/** The log is not of the build the plugin predicts: another Dockerfile, target or commit. */
public final class LogMismatchException extends Exception {
    LogMismatchException(String message) {
        super(message);
    }
}
