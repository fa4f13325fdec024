package io.github.dockercache.dockerfile;

/** Something BuildKit accepts but warns about, such as an empty continuation line. */
public record ParseWarning(SourceLocation location, String rule, String message) {
    @Override
    public String toString() {
        return location + ": " + rule + ": " + message;
    }
}
