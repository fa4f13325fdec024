package io.github.dockercache.dockerfile;

/** The Dockerfile is rejected, as BuildKit would reject it; the message reads {@code file:line:column: reason}. */
public final class DockerfileException extends Exception {
    private final SourceLocation location;
    private final String reason;

    public DockerfileException(SourceLocation location, String reason) {
        super(location + ": " + reason);
        this.location = location;
        this.reason = reason;
    }

    public SourceLocation location() {
        return location;
    }

    public String reason() {
        return reason;
    }
}
