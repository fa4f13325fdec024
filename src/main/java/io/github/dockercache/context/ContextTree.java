package io.github.dockercache.context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sent context as BuildKit's content-hash cache sees it: entries by path, directory contents
 * digests, and symlink resolution confined to the context root. Absolute paths here are BuildKit keys:
 * {@code ""} for the root, else {@code /a/b}.
 */
final class ContextTree {
    /** BuildKit resolves at most this many symlinks in one lookup. */
    static final int MAX_SYMLINKS = 255;

    private final SortedMap<String, FileEntry> entries;
    private final Map<String, List<FileEntry>> children = new HashMap<>();
    private final Map<String, String> contentDigests = new ConcurrentHashMap<>();

    ContextTree(SortedMap<String, FileEntry> entries) {
        this.entries = Collections.unmodifiableSortedMap(entries);
        for (FileEntry entry : entries.values()) {
            children.computeIfAbsent(parentOf(entry.path()), k -> new ArrayList<>()).add(entry);
        }
        // entries are in key order, so each child list is in name order already
    }

    SortedMap<String, FileEntry> entries() {
        return entries;
    }

    /** The entry at a BuildKit key path, or null; the root ("") has no entry. */
    FileEntry lookup(String absolutePath) {
        return absolutePath.isEmpty() ? null : entries.get(absolutePath.substring(1));
    }

    boolean exists(String absolutePath) {
        return absolutePath.isEmpty() || lookup(absolutePath) != null;
    }

    boolean isDirectory(String absolutePath) {
        FileEntry entry = lookup(absolutePath);
        return absolutePath.isEmpty() || entry != null && entry.type() == EntryType.DIRECTORY;
    }

    /** A directory's header digest; the root's is fixed to the digest of nothing. */
    String headerDigest(String absolutePath) {
        return absolutePath.isEmpty() ? Digests.EMPTY : lookup(absolutePath).digest();
    }

    /**
     * The recursive digest of a directory: SHA-256 over ({@code "\0"}, header digest), then per child
     * ({@code "\0" + name}, child digest), children in name order; a child directory contributes its own
     * recursive digest.
     */
    String contentDigest(String absolutePath) {
        String cached = contentDigests.get(absolutePath);
        if (cached != null) {
            return cached;
        }
        MessageDigest sha = Digests.newSha256();
        sha.update((byte) 0);
        sha.update(headerDigest(absolutePath).getBytes(StandardCharsets.UTF_8));
        for (FileEntry child : children.getOrDefault(relative(absolutePath), List.of())) {
            String childPath = "/" + child.path();
            sha.update((byte) 0);
            sha.update(baseName(child.path()).getBytes(StandardCharsets.UTF_8));
            String digest = child.type() == EntryType.DIRECTORY ? contentDigest(childPath) : child.digest();
            sha.update(digest.getBytes(StandardCharsets.UTF_8));
        }
        String digest = Digests.format(sha.digest());
        contentDigests.put(absolutePath, digest);
        return digest;
    }

    /** A directory and everything below it, in key order (the root gives every entry). */
    List<FileEntry> subtree(String absolutePath) {
        if (absolutePath.isEmpty()) {
            return List.copyOf(entries.values());
        }
        String relative = relative(absolutePath);
        List<FileEntry> result = new ArrayList<>();
        for (FileEntry entry : entries.tailMap(relative).values()) {
            if (!entry.path().equals(relative) && !entry.path().startsWith(relative + "/")) {
                break;
            }
            result.add(entry);
        }
        return result;
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
                throw new ContextException("too many levels of symbolic links while resolving \""
                        + absolutePath + "\" in the build context (a symlink loop?); fix the link");
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

    private static String relative(String absolutePath) {
        return absolutePath.isEmpty() ? "" : absolutePath.substring(1);
    }

    private static String parentOf(String relativePath) {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? "" : relativePath.substring(0, slash);
    }

    private static String baseName(String relativePath) {
        return relativePath.substring(relativePath.lastIndexOf('/') + 1);
    }

    static SortedMap<String, FileEntry> newEntryMap() {
        return new TreeMap<>(KeyOrder.PATHS);
    }
}
