package io.github.dockercache.context;

import java.io.IOException;
import java.io.InputStream;

/**
 * A build context that is not a directory on disk, such as a tree of a git commit: its entries in {@link TreeWalk}
 * order (the root not visited), each with what the client would send. {@link BuildContext#of} applies
 * {@code .dockerignore} to it exactly as to a directory and hashes each distinct content once per {@link
 * ContentDigests}.
 */
public interface ContextSource extends TreeWalk<ContextSource.Entry> {

    /** Opens an entry's bytes; called only for regular files whose digests are not remembered. */
    interface Content {
        InputStream open() throws IOException;
    }

    /**
     * One entry as the client would stat it.
     *
     * @param type the file type
     * @param mode the permission bits as on the client's disk, before the client platform's rules
     * @param size the byte length of a file, else 0
     * @param linkTarget a symlink's target, else null
     * @param contentId names the bytes: equal ids have equal bytes (a git blob id), so their digests are reused
     * @param content reads the bytes of a file, else null
     */
    record Entry(EntryType type, int mode, long size, String linkTarget, String contentId, Content content) {}
}
