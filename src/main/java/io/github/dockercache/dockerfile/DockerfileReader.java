package io.github.dockercache.dockerfile;

import java.io.IOException;
import java.nio.file.Path;

/** Reads a Dockerfile into stages and typed instructions, as BuildKit's Dockerfile frontend does. */
public final class DockerfileReader {
    private DockerfileReader() {}

    /** Reads {@code file}; messages name it {@code displayName}. */
    public static Dockerfile read(Path file, String displayName) throws IOException, DockerfileException {
        throw new UnsupportedOperationException("parser not implemented yet");
    }

    /** Parses Dockerfile text; messages name it {@code displayName}. */
    public static Dockerfile parse(String content, String displayName) throws DockerfileException {
        throw new UnsupportedOperationException("parser not implemented yet");
    }
}
