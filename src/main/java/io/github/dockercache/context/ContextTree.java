package io.github.dockercache.context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sent context as BuildKit's content-hash cache sees it: entries by path, directory contents
 * digests, and symlink resolution confined to the context root. Absolute paths here are BuildKit keys:
 * {@code ""} for the root, else {@code /a/b}.
 */
final class ContextTree {
    /** BuildKit resolves at most this many symlinks in one lookup. */
    static final int MAX_SYMLINKS = 255;

    private final EntryTable table;
    private final SortedMap<String, FileEntry> entries;
    private final Map<String, String> contentDigests = new ConcurrentHashMap<>();

    ContextTree(EntryTable table) {
        this.table = table;
        this.entries = new SortedArrayMap<>(table.paths(), table.size(), KeyOrder.PATHS, table::entry);
    }

    SortedMap<String, FileEntry> entries() {
        return entries;
    }

    EntryTable table() {
        return table;
    }

    /** The table index of the entry at a BuildKit key path, or -1; the root ("") has no entry. */
    int indexOf(String absolutePath) {
        return absolutePath.isEmpty() ? -1 : table.indexOf(absolutePath.substring(1));
    }

    /** The entry at a BuildKit key path, or null; the root ("") has no entry. */
    FileEntry lookup(String absolutePath) {
        int index = indexOf(absolutePath);
        return index < 0 ? null : table.entry(index);
    }

    boolean exists(String absolutePath) {
        return absolutePath.isEmpty() || indexOf(absolutePath) >= 0;
    }

    boolean isDirectory(String absolutePath) {
        int index = indexOf(absolutePath);
        return absolutePath.isEmpty() || index >= 0 && table.type(index) == EntryType.DIRECTORY;
    }

    /**
     * The recursive digest of a directory: SHA-256 over ({@code "\0"}, header digest), then per child
     * ({@code "\0" + name}, child digest), children in name order; a child directory contributes its own
     * recursive digest. The root's header digest is fixed to the digest of nothing.
     */
    String contentDigest(String absolutePath) {
        String cached = contentDigests.get(absolutePath);
        return cached != null
                ? cached
                : directoryDigest(indexOf(absolutePath), absolutePath).digest();
    }

    /** A directory's recursive digest, and the index after its subtree. */
    private record Scanned(String digest, int end) {}

    /**
     * Computes the directory at {@code index} (-1 for the root) in one pass over its subtree: the contents follow
     * the directory in key order, so each child directory is scanned by recursion and its subtree skipped by the
     * index it returns, without searching the table again.
     */
    private Scanned directoryDigest(int index, String absolutePath) {
        MessageDigest sha = Digests.newSha256();
        sha.update((byte) 0);
        if (index < 0) {
            sha.update(Digests.EMPTY.getBytes(StandardCharsets.UTF_8));
        } else {
            table.updateWithDigest(sha, index);
        }
        String prefix = index < 0 ? "" : table.path(index) + "/";
        int child = index + 1;
        while (child < table.size() && table.path(child).startsWith(prefix)) {
            String childPath = table.path(child);
            sha.update((byte) 0);
            sha.update(childPath.substring(prefix.length()).getBytes(StandardCharsets.UTF_8));
            if (table.type(child) == EntryType.DIRECTORY) {
                String childKey = "/" + childPath;
                String known = contentDigests.get(childKey);
                Scanned scanned =
                        known != null ? new Scanned(known, table.subtreeEnd(child)) : directoryDigest(child, childKey);
                sha.update(scanned.digest().getBytes(StandardCharsets.UTF_8));
                child = scanned.end();
            } else {
                table.updateWithDigest(sha, child);
                child++;
            }
        }
        String digest = Digests.format(sha.digest());
        contentDigests.put(absolutePath, digest);
        return new Scanned(digest, child);
    }

    /** A directory and everything below it, in key order (the root gives every entry). */
    List<FileEntry> subtree(String absolutePath) {
        if (absolutePath.isEmpty()) {
            return table.range(0, table.size());
        }
        int index = indexOf(absolutePath);
        return index < 0 ? List.of() : table.range(index, table.subtreeEnd(index));
    }

    /**
     * BuildKit's {@code getFollowLinks}: resolves symlinks component by component inside the tree. An
     * absolute target restarts at the context root and {@code ..} stops at the root, so nothing leaves
     * the context. Returns the resolved key path, whether or not it exists.
     */
    String resolve(String absolutePath, boolean followTrailing) throws ContextException {
        FileEntry direct = lookup(absolutePath);
        if (exists(absolutePath) && (!followTrailing || direct == null || direct.type() != EntryType.SYMLINK)) {
            return absolutePath;
        }
        String current = "/";
        String remaining = absolutePath;
        int linksWalked = 0;
        while (!remaining.isEmpty()) {
            int slash = remaining.indexOf('/');
            String part = slash < 0 ? remaining : remaining.substring(0, slash);
            remaining = slash < 0 ? "" : remaining.substring(slash + 1);
            String next = keyPath(GoPath.join("/", current, part));
            FileEntry entry = lookup(next);
            if (entry == null || entry.type() != EntryType.SYMLINK) {
                current = next;
                continue;
            }
            if (!followTrailing && remaining.isEmpty()) {
                current = next;
                break;
            }
            if (++linksWalked > MAX_SYMLINKS) {
                throw new ContextException("too many levels of symbolic links while resolving \"" + absolutePath
                        + "\" in the build context (a symlink loop?); fix the link");
            }
            remaining = entry.linkTarget() + "/" + remaining;
            if (entry.linkTarget().startsWith("/")) {
                current = "/";
            }
        }
        return current;
    }

    /** BuildKit's {@code keyPath}: cleaned, absolute, and "" for the root. */
    static String keyPath(String path) {
        String joined = GoPath.join("/", path);
        return joined.equals("/") ? "" : joined;
    }
}
