package io.github.dockercache.context;

/** A glob or ignore pattern that Go rejects ({@code filepath.ErrBadPattern} or a regexp compile error). */
public final class BadPatternException extends Exception {
    public BadPatternException(String message) {
        super(message);
    }
}
