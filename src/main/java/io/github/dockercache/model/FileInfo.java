package io.github.dockercache.model;

import java.util.SortedMap;

/**
 * What a snapshot remembers of one context entry, to explain a changed checksum.
 *
 * @param type {@code file}, {@code dir}, {@code symlink}, {@code chardev}, {@code blockdev} or {@code fifo}
 * @param mode permission and special bits, octal ({@code 0644})
 * @param size bytes, regular files only
 * @param content {@code sha256:} of the bytes, regular files only
 * @param target symlink target, symlinks only
 * @param digest BuildKit's entry checksum (header and bytes)
 * @param archiveEntries for a jar, war, ear or zip: entry name to {@code crc32@modification-time}, so that an
 *     explanation can tell "only timestamps inside the archive changed" from real changes; else null
 */
public record FileInfo(String type, String mode, long size, String content, String target, String digest,
        SortedMap<String, String> archiveEntries) {}
