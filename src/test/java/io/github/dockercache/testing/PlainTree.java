package io.github.dockercache.testing;

import java.nio.file.Path;

/** A {@link ContextTree} with nothing of its own, for tests that need only files and a Dockerfile. */
public final class PlainTree extends ContextTree<PlainTree> {
    public PlainTree(Path dir) {
        super(dir);
    }

    @Override
    protected PlainTree self() {
        return this;
    }
}
