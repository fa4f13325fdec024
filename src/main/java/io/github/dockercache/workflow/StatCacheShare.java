package io.github.dockercache.workflow;

import io.github.dockercache.files.TempFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The stat caches that the images of one build wrote, by the context they describe, so that an image sending a context
 * another image of the build already scanned starts from that scan's digests: in a reactor whose modules share a
 * context (often its root), the first module hashes the files and the others only walk them. A stat cache only ever
 * saves work, since each entry is reused only while the file's size, timestamps, inode and device are unchanged, so a
 * copy of another image's cache is as safe as the image's own.
 */
public interface StatCacheShare {
    /** Shares nothing: every image keeps to its own stat cache. */
    StatCacheShare NONE = new StatCacheShare() {
        @Override
        public Path latest(Path context) {
            return null;
        }

        @Override
        public void wrote(Path context, Path statCache) {}
    };

    /** The stat cache last written in this build for {@code context} (a real path), or null. */
    Path latest(Path context);

    /** Records that {@code statCache} now describes {@code context} (a real path). */
    void wrote(Path context, Path statCache);

    /**
     * Replaces the image's own stat cache with the one last written in this build for the same context, when that one
     * is newer; a copy that fails only costs the time of hashing again.
     */
    static void startFrom(StatCacheShare share, Path context, Path own) {
        Path latest = share.latest(context);
        if (latest == null || latest.equals(own) || !Files.isRegularFile(latest)) {
            return;
        }
        try {
            if (Files.isRegularFile(own)
                    && Files.getLastModifiedTime(own).compareTo(Files.getLastModifiedTime(latest)) >= 0) {
                return;
            }
            TempFiles.Temp temp = TempFiles.create(own.getParent(), ".statcache-copy.");
            try (OutputStream out = Channels.newOutputStream(temp.channel())) {
                Files.copy(latest, out);
            } catch (IOException e) {
                Files.deleteIfExists(temp.path());
                throw e;
            }
            TempFiles.moveOver(temp.path(), own);
        } catch (IOException e) {
            // the image's own cache, or none, is used as before
        }
    }
}
