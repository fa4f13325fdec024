package io.github.dockercache.dockerfile;

/** A rejected instruction, before the caller knows where it stands; becomes a {@link DockerfileException}. */
final class LineError extends Exception {
    LineError(String reason) {
        super(reason);
    }

    DockerfileException at(SourceLocation location) {
        return new DockerfileException(location, getMessage());
    }
}
