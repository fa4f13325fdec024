package io.github.dockercache.files;

/** A file is not one the plugin reads whole: not a regular file, or larger than the limit for its kind. */
public final class FileLimitException extends Exception {
    private final boolean tooLarge;

    FileLimitException(String reason, boolean tooLarge) {
        super(reason);
        this.tooLarge = tooLarge;
    }

    /** True when the file is too large, false when it is not a regular file. */
    public boolean tooLarge() {
        return tooLarge;
    }
}
