package io.github.dockercache.advice;

import io.github.dockercache.context.EntryType;
import io.github.dockercache.context.FileEntry;
import io.github.dockercache.context.GoPath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * DC201: context files that no step reads, when the legacy builder builds. It uploads the whole context on every
 * build (cache-model §10); BuildKit transfers only the paths that COPY, ADD and bind mounts name (cache-model §3.2), so there they
 * cost nothing and the rule is silent. Reports the biggest untouched subtrees with the ignore lines that drop them,
 * as far as no stage, target or other Dockerfile that reads the same ignore file needs them.
 */
final class UnreadContextRule implements Rule {
    static final String ID = "DC201";
    /** Smaller leftovers are not worth an ignore line. */
    static final long MIN_BYTES = 100 * 1024;

    static final int MAX_FINDINGS = 5;

    @Override
    public String id() {
        return ID;
    }

    /** An untouched subtree: a file, or a directory none of whose entries is read. */
    private record Unread(String path, boolean directory, ContextNeeds.Exclusion exclusion) {}

    @Override
    public List<Finding> check(AdviceInput input) {
        if (!input.classic()) {
            return List.of(); // BuildKit sends only what a step reads: unread files cost nothing
        }
        Set<String> touched = touched(input);
        Set<String> subtrees = new LinkedHashSet<>();
        for (FileEntry entry : input.context().entries().values()) {
            if (!entry.path().isEmpty() && !touched.contains(entry.path()) && !input.isPluginOutput(entry.path())) {
                subtrees.add(outermostUntouched(entry.path(), touched));
            }
        }
        ContextNeeds needs = input.needs();
        List<Unread> unread = new ArrayList<>();
        for (String path : subtrees) {
            boolean directory = input.context().entries().get(path).type() == EntryType.DIRECTORY;
            needs.exclude(List.of(IgnoreLines.forPath(path, directory)))
                    .filter(exclusion -> exclusion.bytes() >= MIN_BYTES)
                    .ifPresent(exclusion -> unread.add(new Unread(path, directory, exclusion)));
        }
        return unread.stream()
                .sorted(Comparator.comparingLong(
                                (Unread subtree) -> -subtree.exclusion().bytes())
                        .thenComparing(Unread::path))
                .limit(MAX_FINDINGS)
                .map(subtree -> finding(input, subtree))
                .toList();
    }

    /**
     * The paths read, with their parent directories; the Dockerfile and the ignore file count as read,
     * since the build needs them (DC203 says when they should be ignored).
     */
    private static Set<String> touched(AdviceInput input) {
        Set<String> touched = new HashSet<>();
        Stream.concat(
                        new ContextReads(input.snapshot()).paths().stream(),
                        Stream.of(input.snapshot().dockerfile(), input.context().ignoreFile()))
                .filter(path -> path != null)
                .forEach(path -> addWithParents(touched, path));
        return touched;
    }

    private static void addWithParents(Set<String> touched, String path) {
        String current = path;
        while (!current.equals(".") && touched.add(current)) {
            current = GoPath.dir(current); // stops at the first parent already there
        }
    }

    private static String outermostUntouched(String path, Set<String> touched) {
        String top = path;
        for (String parent = GoPath.dir(path);
                !parent.equals(".") && !touched.contains(parent);
                parent = GoPath.dir(parent)) {
            top = parent;
        }
        return top;
    }

    private static Finding finding(AdviceInput input, Unread subtree) {
        String shown = subtree.directory() ? subtree.path() + "/" : subtree.path();
        ContextNeeds.Exclusion exclusion = subtree.exclusion();
        String size = Sizes.human(exclusion.bytes());
        int files = exclusion.files().size();
        String message = shown + " is uploaded with the build context on every build, but no step reads it ("
                + (subtree.directory() ? files + " file" + (files == 1 ? "" : "s") + ", " : "") + size + ")";
        String fix = Fixes.of(
                exclusion.addTo(
                        input.ignoreFileName(),
                        "saves uploading " + size + ", " + exclusion.bytes() + " bytes, per build"),
                exclusion.lines());
        return Finding.atPath(ID, Severity.INFO, shown, message, fix)
                .withEdits(new Edit.IgnoreLines(input.ignoreFileName(), exclusion.lines()));
    }
}
