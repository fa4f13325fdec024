package io.github.dockercache.model;

import io.github.dockercache.context.FileEntry;

/** Turns context entries into the {@link FileInfo} a snapshot stores. */
final class FileInfos {
    private FileInfos() {}

    static FileInfo of(FileEntry entry) {
        String type = switch (entry.type()) {
            case FILE -> "file";
            case DIRECTORY -> "dir";
            case SYMLINK -> "symlink";
            case CHAR_DEVICE -> "chardev";
            case BLOCK_DEVICE -> "blockdev";
            case FIFO -> "fifo";
        };
        return new FileInfo(type, String.format("%04o", entry.mode()), entry.size(), entry.contentDigest(),
                entry.linkTarget(), entry.digest());
    }
}
