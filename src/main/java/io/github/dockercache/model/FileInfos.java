package io.github.dockercache.model;

import io.github.dockercache.context.EntryType;
import io.github.dockercache.context.FileEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Enumeration;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/** Turns context entries into the {@link FileInfo} a snapshot stores. */
final class FileInfos {
    /** Archives with more entries are summarised by their first entries only: enough to name what differs. */
    private static final int MAX_ARCHIVE_ENTRIES = 5_000;

    private FileInfos() {}

    /** The entry's summary; {@code file} is where it is on disk, to list the entries of a jar or zip. */
    static FileInfo of(FileEntry entry, Path file) {
        String type = switch (entry.type()) {
            case FILE -> "file";
            case DIRECTORY -> "dir";
            case SYMLINK -> "symlink";
            case CHAR_DEVICE -> "chardev";
            case BLOCK_DEVICE -> "blockdev";
            case FIFO -> "fifo";
        };
        SortedMap<String, String> parts = null;
        if (entry.type() == EntryType.FILE && isZipArchive(entry.path())) {
            parts = zipEntries(file);
        } else if (entry.type() == EntryType.FILE && entry.size() <= StampedParts.MAX_TEXT_SIZE
                && StampedParts.isKeyValueText(entry.path())) {
            parts = StampedParts.ofKeyValueText(file);
        }
        return new FileInfo(type, String.format("%04o", entry.mode()), entry.size(), entry.contentDigest(),
                entry.linkTarget(), entry.digest(), parts);
    }

    private static boolean isZipArchive(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        return name.endsWith(".jar") || name.endsWith(".war") || name.endsWith(".ear") || name.endsWith(".zip");
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
