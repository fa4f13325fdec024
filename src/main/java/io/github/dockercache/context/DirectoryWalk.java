package io.github.dockercache.context;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Walks a real directory like fsutil's {@code fs.Walk}: symlinks are entries, never followed; the root is
 * not visited. Each entry comes with its lstat, which building the entry uses again.
 */
final class DirectoryWalk implements TreeWalk<DirectoryWalk.Walked> {
    /**
     * A visited entry: its real path and the stat taken while walking.
     *
     * @param hardLinkOf for a file's second or later name in the order the context is sent, the first name; else null
     */
    record Walked(Path file, FileStat stat, String hardLinkOf) {
        /** The same entry, known to be another name of the file first sent as {@code firstName}. */
        Walked linkedTo(String firstName) {
            return new Walked(file, stat, firstName);
        }
    }

    private final Path root;

    DirectoryWalk(Path root) {
        this.root = root;
    }

    @Override
    public void walk(Visitor<Walked> visitor) throws ContextException {
        Map<String, Path> children;
        try {
            children = list(root);
        } catch (IOException e) {
            throw new ContextException(
                    "cannot read the build context directory " + root + ": " + e
                            + "; check that it exists and is readable",
                    e);
        }
        walkChildren("", children, visitor);
    }

    private void walkChildren(String prefix, Map<String, Path> children, Visitor<Walked> visitor)
            throws ContextException {
        for (Map.Entry<String, Path> child : children.entrySet()) {
            String path = prefix + child.getKey();
            Path file = child.getValue();
            FileStat stat;
            try {
                stat = FileStat.of(file);
            } catch (NoSuchFileException e) {
                continue; // removed while walking: fsutil skips it too
            } catch (IOException e) {
                throw new ContextException(
                        "cannot read \"" + path + "\" in the build context: " + e
                                + "; make it readable or add it to .dockerignore",
                        e);
            }
            boolean directory = stat.isDirectory();
            Walked walked = new Walked(file, stat, null);
            Flow flow = visitor.visit(path, directory, walked);
            if (flow == Flow.SKIP_DIR) {
                if (directory) {
                    continue;
                }
                return;
            }
            if (directory) {
                Map<String, Path> grandChildren;
                try {
                    grandChildren = list(file);
                } catch (IOException e) {
                    visitor.unreadableDirectory(path, walked, e);
                    continue;
                }
                walkChildren(path + "/", grandChildren, visitor);
            }
        }
    }

    /** The entries of a directory by name in byte order, as Go's ReadDir returns them. */
    private static Map<String, Path> list(Path dir) throws IOException {
        Map<String, Path> sorted = new TreeMap<>(KeyOrder.NAMES);
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        }
        for (Path entry : entries) {
            sorted.put(entry.getFileName().toString(), entry);
        }
        return sorted;
    }
}
