package io.github.dockercache.context;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/**
 * The digests of file contents already hashed, by content id and header, kept across the contexts of one run (the
 * commits of a history): a file that no commit changed is read and hashed once.
 */
public final class ContentDigests {
    private static final int BUFFER_SIZE = 64 * 1024;

    private final Map<String, byte[]> known = new HashMap<>();
    private long hashed;

    /** How many file contents were read and hashed so far: each distinct one once. */
    public long hashed() {
        return hashed;
    }

    /** Both digests ({@link FileEntry#DIGEST_BYTES}) of a file with this header and these bytes. */
    byte[] of(String path, byte[] header, ContextSource.Entry entry) throws ContextException {
        String key = entry.contentId() + "\0" + Digests.of(header);
        byte[] digests = known.get(key);
        if (digests != null) {
            return digests;
        }
        digests = new byte[FileEntry.DIGEST_BYTES];
        MessageDigest whole = Digests.newSha256();
        whole.update(header);
        MessageDigest content = Digests.newSha256();
        byte[] buffer = new byte[BUFFER_SIZE];
        try (InputStream in = entry.content().open()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                whole.update(buffer, 0, n);
                content.update(buffer, 0, n);
            }
            content.digest(digests, FileEntry.CONTENT_OFFSET, 32);
            whole.digest(digests, FileEntry.DIGEST_OFFSET, 32);
        } catch (IOException | DigestException e) {
            throw new ContextException("cannot read \"" + path + "\" of the build context: " + e, e);
        }
        hashed++;
        known.put(key, digests);
        return digests;
    }
}
