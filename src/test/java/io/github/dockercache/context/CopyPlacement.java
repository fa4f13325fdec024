package io.github.dockercache.context;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where a selection lands when copied, to compare with the exported images of BuildKit's end-to-end
 * tests: a directory source (or the context root) copies its contents, a file goes into a destination
 * ending in {@code /} under its own name, else becomes the destination.
 */
final class CopyPlacement {
    private CopyPlacement() {}

    static Map<String, FileEntry> place(Selection selection, String dst) {
        String dest = dst.startsWith("/") ? dst.substring(1) : dst;
        Map<String, FileEntry> placed = new TreeMap<>();
        Set<String> selected = new HashSet<>();
        selection.entries().forEach(e -> selected.add(e.path()));
        boolean wholeContext = ContextTree.keyPath(selection.source()).isEmpty();
        for (FileEntry entry : selection.entries()) {
            String parent = entry.path().contains("/")
                    ? entry.path().substring(0, entry.path().lastIndexOf('/'))
                    : "";
            if (wholeContext) {
                placed.put(join(dest, entry.path()), entry);
            } else if (!selected.contains(parent)) {
                placeRoot(entry, selection, dest, placed);
            }
        }
        return placed;
    }

    private static void placeRoot(FileEntry root, Selection selection, String dest, Map<String, FileEntry> placed) {
        if (root.type() != EntryType.DIRECTORY) {
            String name = root.path().substring(root.path().lastIndexOf('/') + 1);
            placed.put(dest.endsWith("/") || dest.isEmpty() ? join(dest, name) : dest, root);
            return;
        }
        String prefix = root.path() + "/";
        for (FileEntry entry : selection.entries()) {
            if (entry.path().startsWith(prefix)) {
                placed.put(join(dest, entry.path().substring(prefix.length())), entry);
            }
        }
    }

    private static String join(String dest, String path) {
        String trimmed = dest.endsWith("/") ? dest.substring(0, dest.length() - 1) : dest;
        return trimmed.isEmpty() ? path : trimmed + "/" + path;
    }
}
