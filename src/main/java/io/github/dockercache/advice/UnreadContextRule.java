package io.github.dockercache.advice;

import io.github.dockercache.context.EntryType;
import io.github.dockercache.context.FileEntry;
import io.github.dockercache.context.GoPath;
import io.github.dockercache.dockerfile.CopyInstruction;
import io.github.dockercache.dockerfile.Instruction;
import io.github.dockercache.dockerfile.RunInstruction;
import io.github.dockercache.dockerfile.Stage;
import io.github.dockercache.model.StepSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * DC201: context files that no step reads. The classic builder uploads the whole context on every build
 * (spec 10); BuildKit skips paths no COPY, ADD or mount names (spec 3.2), but they are one {@code COPY .}
 * away from busting a key. Reports the biggest untouched subtrees with the ignore lines that drop them.
 */
final class UnreadContextRule implements Rule {
    static final String ID = "DC201";
    /** Smaller leftovers are not worth an ignore line. */
    static final long MIN_BYTES = 100 * 1024;
    static final int MAX_FINDINGS = 5;
    /** Mounts that never read the context: their contents are not files of it (spec 5). */
    private static final Pattern NON_CONTEXT_MOUNT = Pattern.compile("(?i)(?:^|,)\\s*type=(?:cache|secret|ssh|tmpfs)\\b|(?:^|,)\\s*from=");

    @Override
    public String id() {
        return ID;
    }

    /** An untouched subtree: a file, or a directory none of whose entries is read. */
    private static final class Unread {
        final String path;
        final boolean directory;
        long bytes;
        int files;

        Unread(String path, boolean directory) {
            this.path = path;
            this.directory = directory;
        }
    }

    @Override
    public List<Finding> check(AdviceInput input) {
        if (unbuiltStageReadsContext(input)) {
            return List.of(); // another target needs files this build does not: an ignore line could break it
        }
        Set<String> touched = touched(input);
        Map<String, Unread> unread = new LinkedHashMap<>();
        for (FileEntry entry : input.context().entries().values()) {
            if (entry.path().isEmpty() || touched.contains(entry.path())) {
                continue;
            }
            String top = outermostUntouched(entry.path(), touched);
            Unread subtree = unread.computeIfAbsent(top, path ->
                    new Unread(path, input.context().entries().get(path).type() == EntryType.DIRECTORY));
            if (entry.type() == EntryType.FILE) {
                subtree.bytes += entry.size();
                subtree.files++;
            }
        }
        return unread.values().stream()
                .filter(subtree -> subtree.bytes >= MIN_BYTES)
                .sorted(Comparator.comparingLong((Unread subtree) -> -subtree.bytes).thenComparing(subtree -> subtree.path))
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
        Stream.concat(new ContextReads(input.snapshot()).paths().stream(),
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
        for (String parent = GoPath.dir(path); !parent.equals(".") && !touched.contains(parent); parent = GoPath.dir(parent)) {
            top = parent;
        }
        return top;
    }

    private static boolean unbuiltStageReadsContext(AdviceInput input) {
        Set<Integer> built = input.snapshot().steps().stream().map(StepSnapshot::stageIndex).collect(Collectors.toSet());
        return input.dockerfile().stages().stream()
                .filter(stage -> !built.contains(stage.index()))
                .map(Stage::instructions)
                .flatMap(List::stream)
                .anyMatch(UnreadContextRule::readsContext);
    }

    private static boolean readsContext(Instruction instruction) {
        if (instruction instanceof CopyInstruction copy) {
            return copy.from() == null && copy.sourcePaths().stream()
                    .anyMatch(source -> !source.startsWith("http://") && !source.startsWith("https://"));
        }
        return instruction instanceof RunInstruction run
                && run.mounts().stream().anyMatch(mount -> !NON_CONTEXT_MOUNT.matcher(mount).find());
    }

    private static Finding finding(AdviceInput input, Unread subtree) {
        String shown = subtree.directory ? subtree.path + "/" : subtree.path;
        String size = humanSize(subtree.bytes);
        String message = shown + " is sent with the build context but no step reads it ("
                + (subtree.directory ? subtree.files + " file" + (subtree.files == 1 ? "" : "s") + ", " : "") + size + ")";
        String fix = Fixes.of("add to " + input.ignoreFileName() + " (saves " + size + ", " + subtree.bytes
                + " bytes, per upload)", IgnoreLines.forPath(subtree.path, subtree.directory));
        return Finding.atPath(ID, Severity.INFO, shown, message, fix);
    }

    private static String humanSize(long bytes) {
        String[] units = {"KiB", "MiB", "GiB"};
        double value = bytes;
        String unit = "bytes";
        for (int i = 0; i < units.length && value >= 1024; i++) {
            value /= 1024;
            unit = units[i];
        }
        return unit.equals("bytes") ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s", value, unit);
    }
}
