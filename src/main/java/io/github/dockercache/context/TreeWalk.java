package io.github.dockercache.context;

import java.io.IOException;

/**
 * A depth-first walk in Go {@code filepath.WalkDir} order (entries of a directory by byte order of their
 * names, a directory before its contents), with paths relative to the root and {@code /}-separated.
 *
 * @param <T> what each visited entry carries (a real {@code Path}, a test node...)
 */
public interface TreeWalk<T> {

    /** What to do after visiting an entry. */
    enum Flow {
        CONTINUE,
        /** For a directory: do not descend. For anything else: skip its remaining siblings (Go semantics). */
        SKIP_DIR
    }

    /** Receives the entries of a walk. */
    interface Visitor<T> {
        Flow visit(String path, boolean directory, T item) throws ContextException;

        /** Called right after {@link #visit} of a directory whose listing failed. */
        void unreadableDirectory(String path, T item, IOException cause) throws ContextException;
    }

    void walk(Visitor<T> visitor) throws ContextException;
}
