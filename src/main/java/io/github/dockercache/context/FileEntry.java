package io.github.dockercache.context;

import java.util.SortedMap;

/**
 * One entry of the build context as BuildKit receives and hashes it (spec 3.2, 3.3).
 *
 * @param path relative to the context root, {@code /}-separated, no leading or trailing slash
 * @param type the file type
 * @param mode permission bits plus setuid (04000), setgid (02000) and sticky (01000), as the client
 *     sends them
 * @param size byte length for regular files, 0 otherwise
 * @param linkTarget the symlink target exactly as stored, or null
 * @param devMajor device major number, 0 unless a device
 * @param devMinor device minor number, 0 unless a device
 * @param xattrs the extended attributes BuildKit keeps, name to value bytes as lowercase hex
 * @param contentDigest {@code sha256:<hex>} of the file bytes for regular files, else null
 * @param digest {@code sha256:<hex>} of BuildKit's header for this entry followed by its bytes
 */
public record FileEntry(
        String path,
        EntryType type,
        int mode,
        long size,
        String linkTarget,
        int devMajor,
        int devMinor,
        SortedMap<String, String> xattrs,
        String contentDigest,
        String digest) {}
