package io.github.dockercache.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.DosFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

/**
 * The lstat facts an entry is built from, taken once per entry by the walk (as fsutil's walk does) and
 * used again to build the entry, so that a context is stat'ed once.
 *
 * @param type the file type; a socket is a regular file (fsutil clears the socket bit)
 * @param mode permission and special bits, as the host reports them
 * @param size byte length
 * @param rdev the device number, for devices
 * @param socket true for a socket, sent and hashed as an empty regular file
 * @param links how many names the file has (hard links), 1 where the host does not say
 * @param fingerprint what the stat cache compares, or null where the host has no inode or ctime
 */
record FileStat(
        EntryType type, int mode, long size, long rdev, boolean socket, int links, StatCache.Fingerprint fingerprint) {
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;

    /** Reads the entry itself, never a symlink's target. */
    static FileStat of(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            return windows(file);
        }
        Map<String, Object> attrs = Files.readAttributes(
                file, "unix:mode,rdev,size,ino,dev,ctime,lastModifiedTime,nlink", LinkOption.NOFOLLOW_LINKS);
        int stMode = (Integer) attrs.get("mode");
        long rdev = (Long) attrs.get("rdev");
        long size = (Long) attrs.get("size");
        StatCache.Fingerprint fingerprint = new StatCache.Fingerprint(
                size,
                nanos((FileTime) attrs.get("lastModifiedTime")),
                nanos((FileTime) attrs.get("ctime")),
                (Long) attrs.get("ino"),
                (Long) attrs.get("dev"));
        int format = stMode & S_IFMT;
        EntryType type = switch (format) {
            case S_IFDIR -> EntryType.DIRECTORY;
            case S_IFLNK -> EntryType.SYMLINK;
            case S_IFCHR -> EntryType.CHAR_DEVICE;
            case S_IFBLK -> EntryType.BLOCK_DEVICE;
            case S_IFIFO -> EntryType.FIFO;
            case S_IFREG, S_IFSOCK -> EntryType.FILE;
            default -> throw new IOException("unknown file type " + Integer.toOctalString(format));
        };
        return new FileStat(
                type, stMode & 07777, size, rdev, format == S_IFSOCK, (Integer) attrs.get("nlink"), fingerprint);
    }

    boolean isDirectory() {
        return type == EntryType.DIRECTORY;
    }

    private static long nanos(FileTime time) {
        Instant instant = time.toInstant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** Go on Windows derives permissions from the read-only attribute; directories get the x bits. */
    private static FileStat windows(Path file) throws IOException {
        BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        boolean readOnly = Files.readAttributes(file, DosFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .isReadOnly();
        int mode = readOnly ? 0444 : 0666;
        EntryType type = EntryType.FILE;
        if (basic.isDirectory()) {
            type = EntryType.DIRECTORY;
            mode |= 0111;
        } else if (basic.isSymbolicLink()) {
            type = EntryType.SYMLINK;
        }
        return new FileStat(type, mode, basic.size(), 0, false, 1, null);
    }
}
