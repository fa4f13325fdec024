package io.github.dockercache.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/** Whole-file reads of inputs the user or an attacker controls, bounded in size and to regular files. */
public final class BoundedFile {
    private BoundedFile() {}

    /**
     * The bytes of {@code file}, symlinks followed (as BuildKit and the docker client follow them), when it is a
     * regular file of at most {@code maxBytes}. The type is checked before the file is opened: opening a FIFO blocks
     * until a writer comes, and a device such as {@code /dev/zero} has no end.
     *
     * @throws FileLimitException its reason reads "is a FIFO (named pipe), not a regular file" or "is 3.0 MiB, more
     *     than the limit of 1 MiB"
     */
    public static byte[] read(Path file, long maxBytes) throws IOException, FileLimitException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        requireRegular(file, attributes);
        requireAtMost(attributes.size(), maxBytes);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            requireAtMost(bytes.length, maxBytes); // grew since the stat
            return bytes;
        }
    }

    /** Fails unless {@code file}, symlinks followed, is a regular file of at most {@code maxBytes}. */
    public static void check(Path file, long maxBytes) throws IOException, FileLimitException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        requireRegular(file, attributes);
        requireAtMost(attributes.size(), maxBytes);
    }

    private static void requireRegular(Path file, BasicFileAttributes attributes) throws FileLimitException {
        if (!attributes.isRegularFile()) {
            throw new FileLimitException("is " + kind(file, attributes) + ", not a regular file", false);
        }
    }

    private static void requireAtMost(long size, long maxBytes) throws FileLimitException {
        if (size > maxBytes) {
            throw new FileLimitException("is " + size(size) + ", more than the limit of " + size(maxBytes), true);
        }
    }

    private static String kind(Path file, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode");
            return switch (mode & 0170000) {
                case 0010000 -> "a FIFO (named pipe)";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "a special file";
        }
    }

    /** A size as a person reads it: bytes below a KiB, else KiB or MiB with one decimal where it has one. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        double value = bytes;
        String unit = "KiB";
        for (String next : new String[] {"MiB", "GiB"}) {
            if (value / 1024 < 1024) {
                break;
            }
            value /= 1024;
            unit = next;
        }
        value /= 1024;
        return (value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value))
                + " " + unit;
    }
}
