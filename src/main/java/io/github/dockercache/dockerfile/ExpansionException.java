package io.github.dockercache.dockerfile;

/** A word cannot be expanded: a bad substitution, or {@code ${V:?message}} with V unset. */
public final class ExpansionException extends Exception {
    public ExpansionException(String message) {
        super(message);
    }
}
