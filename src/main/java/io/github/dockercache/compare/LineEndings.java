package io.github.dockercache.compare;

import io.github.dockercache.model.FileInfo;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Tells a line-ending flip (git's autocrlf, an editor) from a real edit: a file whose bytes differ from the
 * baseline's only in CRLF versus LF hashes, after converting its line endings, to the baseline's content digest.
 */
final class LineEndings {
    private static final long MAX_SIZE = 16L << 20;

    private LineEndings() {}

    /**
     * True when the context file {@code path}, with its line endings converted to LF or to CRLF, has the content digest
     * {@code baselineContent}. Large files are not read: the answer is then false.
     */
    static boolean onlyLineEndingsDiffer(Path contextDir, String path, String baselineContent) {
        Path root = contextDir.toAbsolutePath().normalize();
        Path file = root.resolve(path).normalize();
        try {
            // snapshot paths are data: never read outside the context, nor through a link
            if (baselineContent == null
                    || !file.startsWith(root)
                    || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    || Files.size(file) > MAX_SIZE) {
                return false;
            }
            return FileInfo.sameDigest(baselineContent, convertedDigest(file, false))
                    || FileInfo.sameDigest(baselineContent, convertedDigest(file, true));
        } catch (IOException | UncheckedIOException e) {
            return false; // an explanation detail: an unreadable file is reported as a plain content change
        }
    }

    private static String convertedDigest(Path file, boolean toCrlf) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            int previous = -1;
            int b;
            while ((b = in.read()) >= 0) {
                if (toCrlf && b == '\n' && previous != '\r') {
                    digest.update((byte) '\r');
                }
                if (!toCrlf && b == '\r') {
                    int next = in.read();
                    if (next != '\n') {
                        digest.update((byte) '\r');
                    }
                    if (next >= 0) {
                        digest.update((byte) next);
                    }
                    previous = next;
                    continue;
                }
                digest.update((byte) b);
                previous = b;
            }
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
