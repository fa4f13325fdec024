package io.github.dockercache.dockerfile;

/** A position in a Dockerfile: 1-based line and column, as editors and BuildKit report them. */
public record SourceLocation(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
