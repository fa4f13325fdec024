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
 * @param parts for a file that tools rewrite with the build time (a jar, war, ear or zip; a {@code .properties} or
 *     manifest file that holds a build time): part name to {@code checksum@stamp}, so that an explanation can tell "only build-time stamps
 *     changed" from real changes, and name them; else null. See {@link StampedParts}.
 * @param manifest for an archive, the main attributes of its manifest that name the tool that wrote it
 *     ({@code Created-By}, {@code Spring-Boot-Version}, ...: {@link PartsSummary#WRITER_ATTRIBUTES}), so that an
 *     explanation names the fix for that tool; else null
 */
public record FileInfo(
        String type,
        String mode,
        long size,
        String content,
        String target,
        String digest,
        SortedMap<String, String> parts,
        SortedMap<String, String> manifest) {
    /** The octal spelling of each mode, made once: a context has a handful of modes and up to millions of entries. */
    private static final String[] OCTAL_MODES = new String[07777 + 1];
    /** The shortest digest a snapshot keeps of a context entry: {@code sha256:} and 4 hex digits (its entry digest). */
    public static final int SHORTEST_DIGEST = "sha256:".length() + 4;

    /**
     * True when two digests of context entries are the same, either of them possibly cut short as a compact snapshot
     * keeps it (docs/snapshot-format.md): the shorter one begins the longer one.
     */
    public static boolean sameDigest(String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.length() == b.length()) {
            return a.equals(b);
        }
        String shorter = a.length() < b.length() ? a : b;
        return shorter.length() >= SHORTEST_DIGEST && (shorter == a ? b : a).startsWith(shorter);
    }

    /** {@code 0644}: at least four octal digits of the permission and special bits. */
    public static String octal(int mode) {
        String cached = mode >= 0 && mode < OCTAL_MODES.length ? OCTAL_MODES[mode] : null;
        if (cached == null) {
            String digits = Integer.toOctalString(mode);
            cached = digits.length() >= 4 ? digits : "0000".substring(digits.length()) + digits;
            if (mode >= 0 && mode < OCTAL_MODES.length) {
                OCTAL_MODES[mode] = cached; // a benign race: every thread computes the same string
            }
        }
        return cached;
    }
}
