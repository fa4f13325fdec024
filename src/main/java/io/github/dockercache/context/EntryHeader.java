package io.github.dockercache.context;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The tarsum-v1 style header BuildKit hashes before a file's bytes (cache-model §3.3): key then value, without
 * separators, for name (always empty), mode, uid, gid, size, typeflag, linkname, uname, gname, devmajor,
 * devminor, then each kept xattr as name then raw value, sorted by name. No mtime.
 */
final class EntryHeader {
    private EntryHeader() {}

    /** True for xattrs tarsum keeps: all but {@code security.*} (except capability) and {@code system.*}. */
    static boolean keepsXattr(String name) {
        return name.equals("security.capability") || !name.startsWith("security.") && !name.startsWith("system.");
    }

    /** No xattrs: shared, as almost every entry has none. */
    static final SortedMap<String, String> NO_XATTRS = Collections.emptySortedMap();

    /** Only the kept xattrs, sorted as Go sorts strings. */
    static SortedMap<String, String> keptXattrs(Map<String, String> hexValues) {
        SortedMap<String, String> kept = new TreeMap<>(KeyOrder.NAMES);
        hexValues.forEach((name, value) -> {
            if (keepsXattr(name)) {
                kept.put(name, value);
            }
        });
        return kept.isEmpty() ? NO_XATTRS : Collections.unmodifiableSortedMap(kept);
    }

    /** uid and gid are always 0: every BuildKit client resets them (cache-model §3.2). */
    static byte[] bytes(
            EntryType type,
            int mode,
            long size,
            String linkTarget,
            int devMajor,
            int devMinor,
            SortedMap<String, String> keptXattrs) {
        // one string for the fixed fields, encoded once: built per entry, also for every file a warm scan reuses
        byte[] fields = new StringBuilder(96)
                .append("namemode")
                .append(mode)
                .append("uid0gid0size")
                .append(type == EntryType.FILE ? size : 0)
                .append("typeflag")
                .append(type.typeflag())
                .append("linkname")
                .append(linkTarget == null ? "" : linkTarget)
                .append("unamegnamedevmajor")
                .append(devMajor)
                .append("devminor")
                .append(devMinor)
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        if (keptXattrs.isEmpty()) {
            return fields;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(fields.length + 64);
        out.writeBytes(fields);
        keptXattrs.forEach((name, hex) -> {
            out.writeBytes(name.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(HexFormat.of().parseHex(hex));
        });
        return out.toByteArray();
    }
}
