package io.github.dockercache.lint;

/** Lint cannot run: a path or glob that names no Dockerfile, or an invalid setting. The message is one line. */
public final class LintException extends Exception {
    LintException(String message) {
        super(message);
    }

    LintException(String message, Throwable cause) {
        super(message, cause);
    }
}
