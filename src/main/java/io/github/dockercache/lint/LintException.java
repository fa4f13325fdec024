package io.github.dockercache.lint;

/** Lint cannot run: a path or glob that names no Dockerfile, or an invalid option. The message is one line. */
public final class LintException extends Exception {
    /** Which input is at fault, for the caller to name it as its user set it. */
    public enum Input {
        /** the paths, directories and globs */
        PATHS,
        /** the {@code BUILDKIT_DOCKERFILE_CHECK} value */
        CHECK,
        /** the disabled rule ids */
        DISABLED_RULES
    }

    private final Input input;

    LintException(Input input, String message) {
        super(message);
        this.input = input;
    }

    LintException(Input input, String message, Throwable cause) {
        super(message, cause);
        this.input = input;
    }

    public Input input() {
        return input;
    }
}
