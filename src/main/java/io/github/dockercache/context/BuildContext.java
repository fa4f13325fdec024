package io.github.dockercache.context;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;

/** The build context after {@code .dockerignore}, as BuildKit would receive it. */
public final class BuildContext {

    /**
     * Walks {@code root}, applying {@code <dockerfile-name>.dockerignore} next to the Dockerfile when it
     * exists, else {@code root/.dockerignore}.
     */
    public static BuildContext scan(Path root, Path dockerfile, ClientPlatform platform)
            throws IOException, ContextException {
        throw new UnsupportedOperationException("context not implemented yet");
    }

    /** The context root directory. */
    public Path root() {
        throw new UnsupportedOperationException();
    }

    /** The ignore file that applies, relative to the root when inside it, or null when none. */
    public String ignoreFile() {
        throw new UnsupportedOperationException();
    }

    /** The ignore patterns in file order, as read. */
    public List<String> ignorePatterns() {
        throw new UnsupportedOperationException();
    }

    /** True when the relative path is excluded by the ignore patterns. */
    public boolean isIgnored(String relativePath) {
        throw new UnsupportedOperationException();
    }

    /** Every entry that is sent, keyed by relative path, in BuildKit's key order. */
    public SortedMap<String, FileEntry> entries() {
        throw new UnsupportedOperationException();
    }

    /**
     * What one COPY/ADD source selects: an exact path (symlinks followed inside the context), or a
     * pattern with Go {@code filepath.Match} wildcards; {@code excludes} are {@code --exclude} patterns.
     */
    public Selection select(String source, List<String> excludes) throws ContextException {
        throw new UnsupportedOperationException();
    }
}
