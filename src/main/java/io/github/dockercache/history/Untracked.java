package io.github.dockercache.history;

import io.github.dockercache.context.ContextSource;
import io.github.dockercache.context.EntryType;
import io.github.dockercache.context.KeyOrder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.dircache.DirCache;

/**
 * The files of a context directory that git does not track (build outputs such as {@code target/app.jar}): they
 * existed when the commits were built, but history cannot know their bytes. Each commit's context holds them as
 * placeholders of fixed content, so that a COPY of one selects what it did; a step that reads one is unknown.
 */
final class Untracked {
    /** More untracked files than this are not listed: a step reading one past it fails to select, and is unknown. */
    static final int MAX_PATHS = 200_000;

    static final Untracked NONE = new Untracked(new TreeSet<>(), Map.of(), false);

    private final Set<String> paths;
    private final Map<String, List<GitTrees.Child>> byDirectory;
    private final boolean truncated;

    private Untracked(Set<String> paths, Map<String, List<GitTrees.Child>> byDirectory, boolean truncated) {
        this.paths = paths;
        this.byDirectory = byDirectory;
        this.truncated = truncated;
    }

    /**
     * The untracked files and directories below {@code contextDir} (which is {@code contextPath} in the repository at
     * {@code workTree}), against the index: read only, never written. Git's own directory is left out.
     */
    static Untracked of(Path workTree, DirCache index, Path contextDir, String contextPath) throws IOException {
        if (!Files.isDirectory(contextDir)) {
            return NONE;
        }
        Set<String> tracked = new HashSet<>();
        Set<String> trackedDirectories = new HashSet<>();
        String prefix = contextPath.isEmpty() ? "" : contextPath + "/";
        for (int i = 0; i < index.getEntryCount(); i++) {
            String path = index.getEntry(i).getPathString();
            if (!path.startsWith(prefix)) {
                continue;
            }
            String relative = path.substring(prefix.length());
            tracked.add(relative);
            for (int slash = relative.indexOf('/'); slash > 0; slash = relative.indexOf('/', slash + 1)) {
                trackedDirectories.add(relative.substring(0, slash));
            }
        }
        Set<String> found = new TreeSet<>(KeyOrder.PATHS);
        boolean[] truncated = {false};
        Path gitDirectory = workTree.resolve(".git");
        Files.walkFileTree(contextDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(gitDirectory)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                String relative = relative(contextDir, dir);
                if (!relative.isEmpty() && !trackedDirectories.contains(relative) && !tracked.contains(relative)) {
                    return add(relative);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (file.equals(gitDirectory)) {
                    return FileVisitResult.CONTINUE; // a linked worktree's .git file
                }
                String relative = relative(contextDir, file);
                return tracked.contains(relative) ? FileVisitResult.CONTINUE : add(relative);
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // unreadable: not listed, so a step reading it fails to select
            }

            private FileVisitResult add(String relative) {
                if (found.size() >= MAX_PATHS) {
                    truncated[0] = true;
                    return FileVisitResult.TERMINATE;
                }
                found.add(relative);
                return FileVisitResult.CONTINUE;
            }
        });
        return of(found, truncated[0]);
    }

    /** From the untracked paths (a directory's files listed after it), for tests too. */
    static Untracked of(Set<String> found, boolean truncated) {
        Map<String, List<GitTrees.Child>> byDirectory = new HashMap<>();
        Set<String> directories = new TreeSet<>();
        for (String path : found) {
            int slash = path.lastIndexOf('/');
            if (slash > 0) {
                directories.add(path.substring(0, slash));
            }
        }
        for (String path : found) {
            int slash = path.lastIndexOf('/');
            String parent = slash < 0 ? "" : path.substring(0, slash);
            String name = path.substring(slash + 1);
            ContextSource.Entry entry = directories.contains(path)
                    ? new ContextSource.Entry(EntryType.DIRECTORY, 0755, 0, null, null, null)
                    : new ContextSource.Entry(
                            EntryType.FILE, 0644, 0, null, "untracked:" + path, InputStream::nullInputStream);
            byDirectory.computeIfAbsent(parent, p -> new ArrayList<>()).add(new GitTrees.Child(name, null, entry));
        }
        byDirectory.values().forEach(list -> list.sort((a, b) -> KeyOrder.NAMES.compare(a.name(), b.name())));
        return new Untracked(Collections.unmodifiableSet(found), byDirectory, truncated);
    }

    /** The untracked children of a context directory ("" for the root), by name in byte order. */
    List<GitTrees.Child> children(String directory) {
        return byDirectory.getOrDefault(directory, List.of());
    }

    boolean contains(String path) {
        return paths.contains(path);
    }

    /**
     * The first few untracked paths that are not inside another untracked directory, in key order, a directory with
     * a slash: {@code target/}, not {@code target, target/classes, target/classes/app}.
     */
    List<String> sample(int count) {
        return paths.stream()
                .filter(path -> path.indexOf('/') < 0 || !paths.contains(path.substring(0, path.lastIndexOf('/'))))
                .limit(count)
                .map(path -> byDirectory.containsKey(path) ? path + "/" : path)
                .toList();
    }

    boolean isEmpty() {
        return paths.isEmpty();
    }

    /** True when there were more untracked files than {@link #MAX_PATHS}. */
    boolean truncated() {
        return truncated;
    }

    private static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }
}
