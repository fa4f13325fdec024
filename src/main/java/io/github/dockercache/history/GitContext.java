package io.github.dockercache.history;

import io.github.dockercache.context.ContextException;
import io.github.dockercache.context.ContextSource;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One commit's context directory as the client would send it from a checkout: the tree's entries (modes as {@link
 * GitTrees} says), and the untracked files of the working directory as placeholders.
 */
final class GitContext implements ContextSource {
    private final GitTrees trees;
    private final ObjectId root;
    private final Untracked untracked;

    /** {@code root}: the context directory's tree, or null when the commit has none (only untracked files). */
    GitContext(GitTrees trees, ObjectId root, Untracked untracked) {
        this.trees = trees;
        this.root = root;
        this.untracked = untracked;
    }

    @Override
    public void walk(Visitor<Entry> visitor) throws ContextException {
        walk("", root, visitor);
    }

    /** Walks a directory: its tree's children (if it has a tree) and its untracked ones, by name. */
    private void walk(String directory, ObjectId tree, Visitor<Entry> visitor) throws ContextException {
        List<GitTrees.Child> children =
                merged(tree == null ? List.of() : trees.children(tree), untracked.children(directory));
        String prefix = directory.isEmpty() ? "" : directory + "/";
        for (GitTrees.Child child : children) {
            String path = prefix + child.name();
            Flow flow = visitor.visit(path, child.directory(), child.entry());
            if (flow == Flow.SKIP_DIR) {
                if (child.directory()) {
                    continue;
                }
                return;
            }
            if (child.directory()) {
                walk(path, child.id(), visitor);
            }
        }
    }

    /** Both lists are by name; a tracked entry wins over an untracked one of the same name. */
    private static List<GitTrees.Child> merged(List<GitTrees.Child> tracked, List<GitTrees.Child> untracked) {
        if (untracked.isEmpty()) {
            return tracked;
        }
        List<GitTrees.Child> all = new ArrayList<>(tracked.size() + untracked.size());
        int i = 0;
        int j = 0;
        while (i < tracked.size() || j < untracked.size()) {
            int order = i == tracked.size()
                    ? 1
                    : j == untracked.size()
                            ? -1
                            : io.github.dockercache.context.KeyOrder.NAMES.compare(
                                    tracked.get(i).name(), untracked.get(j).name());
            if (order <= 0) {
                all.add(tracked.get(i++));
                j += order == 0 ? 1 : 0;
            } else {
                all.add(untracked.get(j++));
            }
        }
        return all;
    }
}
