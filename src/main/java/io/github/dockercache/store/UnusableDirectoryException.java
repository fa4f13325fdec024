package io.github.dockercache.store;

import java.io.IOException;

/**
 * The user's private directory cannot be trusted (another user can write to it, or it is a link): refused, never used.
 * The message ends with "Remove it"; the build tool adds how to give its JVM another temporary directory
 * ({@link #JVM_OPTION}).
 */
public final class UnusableDirectoryException extends IOException {
    /** The JVM option that puts the user's private directory elsewhere. */
    public static final String JVM_OPTION = "-Djava.io.tmpdir=<a directory of your own>";

    UnusableDirectoryException(String message) {
        super(message);
    }
}
