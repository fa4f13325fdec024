package io.github.dockercache.files;

/** A file is not one the plugin reads whole: not a regular file, or larger than the limit for its kind. */
public final class FileLimitException extends Exception {
    FileLimitException(String reason) {
        super(reason);
    }
}
