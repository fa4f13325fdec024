package io.github.dockercache.model;

import io.github.dockercache.context.EntryType;
import io.github.dockercache.context.FileEntry;
import java.nio.file.Path;
import java.util.SortedMap;

/** Turns context entries into the {@link FileInfo} a snapshot stores. */
final class FileInfos {
    private FileInfos() {}

    /**
     * The parts of an archive (with its manifest's writer attributes) or of a stamped text file, else null;
     * {@code contextDir} is where the context is on disk (only those files are read: a context has up to millions of
     * entries; null for a context not on disk).
     */
    static PartsSummary parts(FileEntry entry, Path contextDir) {
        if (contextDir == null) {
            return null; // a context not on disk (a git commit's tree): explanations go without the parts
        } else if (entry.type() == EntryType.FILE && isZipArchive(entry.path())) {
            return PartsSummary.ofArchive(contextDir.resolve(entry.path()));
        } else if (entry.type() == EntryType.FILE
                && entry.size() <= StampedParts.MAX_TEXT_SIZE
                && StampedParts.isKeyValueText(entry.path())) {
            SortedMap<String, String> lines = StampedParts.ofKeyValueText(contextDir.resolve(entry.path()));
            return lines == null ? null : new PartsSummary(lines, null);
        }
        return null;
    }

    /** The entry's summary, with the {@link #parts} read when it was recorded (null for none). */
    static FileInfo of(FileEntry entry, PartsSummary parts) {
        String type = switch (entry.type()) {
            case FILE -> "file";
            case DIRECTORY -> "dir";
            case SYMLINK -> "symlink";
            case CHAR_DEVICE -> "chardev";
            case BLOCK_DEVICE -> "blockdev";
            case FIFO -> "fifo";
        };
        return new FileInfo(
                type,
                FileInfo.octal(entry.mode()),
                entry.size(),
                entry.contentDigest(),
                entry.linkTarget(),
                entry.digest(),
                parts == null ? null : parts.parts(),
                parts == null ? null : parts.manifest());
    }

    private static boolean isZipArchive(String path) {
        return StampedParts.endsWithIgnoringCase(path, ".jar")
                || StampedParts.endsWithIgnoringCase(path, ".war")
                || StampedParts.endsWithIgnoringCase(path, ".ear")
                || StampedParts.endsWithIgnoringCase(path, ".zip");
    }
}
