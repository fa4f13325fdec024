package io.github.dockercache.model;

import io.github.dockercache.context.EntryType;
import io.github.dockercache.context.FileEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Enumeration;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/** Turns context entries into the {@link FileInfo} a snapshot stores. */
final class FileInfos {
    /** Archives with more entries are summarised by their first entries only: enough to name what differs. */
    private static final int MAX_ARCHIVE_ENTRIES = 5_000;
    /** The octal spelling of each mode, made once: a context has a handful of modes and up to millions of entries. */
    private static final String[] OCTAL_MODES = new String[07777 + 1];

    private FileInfos() {}

    /**
     * The parts of an archive or a stamped text file among the entries, else null; {@code contextDir} is where
     * the context is on disk (only those files are read: a context has up to millions of entries).
     */
    static SortedMap<String, String> parts(FileEntry entry, Path contextDir) {
        if (entry.type() == EntryType.FILE && isZipArchive(entry.path())) {
            return zipEntries(contextDir.resolve(entry.path()));
        } else if (entry.type() == EntryType.FILE && entry.size() <= StampedParts.MAX_TEXT_SIZE
                && StampedParts.isKeyValueText(entry.path())) {
            return StampedParts.ofKeyValueText(contextDir.resolve(entry.path()));
        }
        return null;
    }

    /** The entry's summary, with the {@link #parts} read when it was recorded. */
    static FileInfo of(FileEntry entry, SortedMap<String, String> parts) {
        String type = switch (entry.type()) {
            case FILE -> "file";
            case DIRECTORY -> "dir";
            case SYMLINK -> "symlink";
            case CHAR_DEVICE -> "chardev";
            case BLOCK_DEVICE -> "blockdev";
            case FIFO -> "fifo";
        };
        return new FileInfo(type, octal(entry.mode()), entry.size(), entry.contentDigest(),
                entry.linkTarget(), entry.digest(), parts);
    }

    /** {@code 0644}: at least four octal digits of the permission and special bits. */
    private static String octal(int mode) {
        String cached = OCTAL_MODES[mode];
        if (cached == null) {
            String digits = Integer.toOctalString(mode);
            cached = digits.length() >= 4 ? digits : "0000".substring(digits.length()) + digits;
            OCTAL_MODES[mode] = cached; // a benign race: every thread computes the same string
        }
        return cached;
    }

    private static boolean isZipArchive(String path) {
        return StampedParts.endsWithIgnoringCase(path, ".jar") || StampedParts.endsWithIgnoringCase(path, ".war")
                || StampedParts.endsWithIgnoringCase(path, ".ear") || StampedParts.endsWithIgnoringCase(path, ".zip");
    }

    /**
     * Entry name to {@code crc@time} from the central directory (no entry is decompressed), or null when the file
     * is not a readable zip: the summary only serves explanations, never keys.
     */
    private static SortedMap<String, String> zipEntries(Path file) {
        SortedMap<String, String> entries = new TreeMap<>();
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            Enumeration<ZipArchiveEntry> all = zip.getEntries();
            while (all.hasMoreElements() && entries.size() < MAX_ARCHIVE_ENTRIES) {
                ZipArchiveEntry entry = all.nextElement();
                entries.put(entry.getName(), StampedParts.part(Long.toHexString(entry.getCrc()),
                        Instant.ofEpochMilli(entry.getTime()).toString()));
            }
            return entries;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
