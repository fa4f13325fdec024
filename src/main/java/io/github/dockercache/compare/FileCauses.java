package io.github.dockercache.compare;

import io.github.dockercache.context.BuildContext;
import io.github.dockercache.context.IgnoreFile;
import io.github.dockercache.model.FileInfo;
import io.github.dockercache.model.InputName;
import io.github.dockercache.model.LayerEntries;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepSnapshot;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The causes in the files a step reads: each context entry added, removed, renamed, or changed in type, link target,
 * content (build-time stamps only, line endings only, or the bytes) or mode bits, and the entries of a layer extracted
 * from a jar. Each is judged expected or not on its own.
 *
 * @param contextDir the build context, or null when unknown: a content change looks at the current bytes there, for
 *     line endings
 * @param context the current build context, or null when unknown: an entry the baseline read that is still on disk
 *     there but that its ignore file now excludes is said so, not removed
 */
record FileCauses(
        Snapshot current,
        Snapshot baseline,
        StabilityPolicy policy,
        DependencyChange dependencies,
        Path contextDir,
        BuildContext context) {
    /** Up to this many entries below a directory added or removed whole are each named. */
    private static final int LISTED_BELOW = 3;

    /**
     * File-level differences between the entries two steps read, each judged expected or not on its own. Both lists are
     * walked side by side in path order: a step may read every entry of a large context, and sets of its paths cost
     * more than the comparison itself.
     */
    List<Cause> of(StepSnapshot step, StepSnapshot before) {
        List<Cause> causes = new ArrayList<>();
        String[] now = sortedPaths(step.reads().files());
        String[] then = sortedPaths(before.reads().files());
        int i = 0;
        int j = 0;
        while (i < now.length || j < then.length) {
            int order = i == now.length ? 1 : j == then.length ? -1 : now[i].compareTo(then[j]);
            String path = order <= 0 ? now[i] : then[j];
            FileInfo nowInfo = order <= 0 ? current.files().get(path) : null;
            FileInfo thenInfo = order >= 0 ? baseline.files().get(path) : null;
            i = order <= 0 ? skip(now, i, path) : i;
            j = order >= 0 ? skip(then, j, path) : j;
            for (Cause cause : pathCauses(path, thenInfo, nowInfo, step.reads().sources())) {
                causes.add(cause.expectedBecause(policy.expectation(path, cause.kind(), dependencies)));
            }
        }
        return subtrees(renames(causes));
    }

    /** The paths in order (a step lists them nearly so: then sorting them costs a pass). */
    private static String[] sortedPaths(List<String> paths) {
        String[] sorted = paths.toArray(String[]::new);
        Arrays.sort(sorted);
        return sorted;
    }

    /** The index after {@code at} and any repeats of {@code path} there. */
    private static int skip(String[] sorted, int at, String path) {
        int next = at + 1;
        while (next < sorted.length && sorted[next].equals(path)) {
            next++;
        }
        return next;
    }

    /**
     * A directory added or removed with more than {@value #LISTED_BELOW} entries below it is one cause that counts them,
     * not one cause per entry: excluding {@code src/test/} in {@code .dockerignore} reads as one line. Fewer are each
     * named, as is an entry judged otherwise than its directory (expected against not).
     */
    private List<Cause> subtrees(List<Cause> causes) {
        Map<String, Cause> directories = new HashMap<>();
        for (Cause cause : causes) {
            if (directoryChange(cause)) {
                directories.put(cause.kind() + " " + cause.subject(), cause);
            }
        }
        if (directories.isEmpty()) {
            return causes;
        }
        Map<Cause, Cause> tops = new IdentityHashMap<>();
        Map<Cause, Integer> counts = new IdentityHashMap<>();
        for (Cause cause : causes) {
            Cause top = topOf(cause, directories);
            if (top != null) {
                tops.put(cause, top);
                counts.merge(top, 1, Integer::sum);
            }
        }
        List<Cause> result = new ArrayList<>();
        for (Cause cause : causes) {
            int below = counts.getOrDefault(cause, 0);
            Cause top = tops.get(cause);
            if (below > LISTED_BELOW) {
                result.add(cause.withDetail(cause.detail() + ", with the " + below + " entries below it"));
            } else if (top == null || counts.get(top) <= LISTED_BELOW) {
                result.add(cause);
            }
        }
        return result;
    }

    private boolean directoryChange(Cause cause) {
        FileInfo info = switch (cause.kind()) {
            case FILE_ADDED -> current.files().get(cause.subject());
            case FILE_REMOVED, FILE_EXCLUDED -> baseline.files().get(cause.subject());
            default -> null;
        };
        return info != null && info.type().equals("dir");
    }

    /**
     * The topmost directory added or removed, as alike judged, above the cause's entry (each ancestor looked up once,
     * from the root), or null.
     */
    private static Cause topOf(Cause cause, Map<String, Cause> directories) {
        String subject = cause.subject();
        for (int slash = subject.indexOf('/'); slash > 0; slash = subject.indexOf('/', slash + 1)) {
            Cause directory = directories.get(cause.kind() + " " + subject.substring(0, slash));
            if (directory != null && directory.expected() == cause.expected()) {
                return directory;
            }
        }
        return null;
    }

    /**
     * A file removed at one path and added with the same content and type at another was moved. Not a directory: any
     * two have the same (empty) content, and what a moved directory held is matched entry by entry. Each removal takes
     * the first addition alike not yet taken, found by a key of type and short digest (no pass over every addition per
     * removal: a directory moved whole is thousands of each).
     */
    private List<Cause> renames(List<Cause> causes) {
        Map<String, ArrayDeque<Cause>> additions = new HashMap<>();
        for (Cause added : causes) {
            FileInfo now =
                    added.kind() == CauseKind.FILE_ADDED ? current.files().get(added.subject()) : null;
            if (now != null && !now.type().equals("dir")) {
                additions
                        .computeIfAbsent(renameKey(now), key -> new ArrayDeque<>())
                        .add(added);
            }
        }
        if (additions.isEmpty()) {
            return causes;
        }
        Map<Cause, Cause> renamed = new IdentityHashMap<>();
        Set<Cause> taken = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Cause removed : causes) {
            FileInfo old =
                    removed.kind() == CauseKind.FILE_REMOVED ? baseline.files().get(removed.subject()) : null;
            ArrayDeque<Cause> alike = old == null || old.type().equals("dir") ? null : additions.get(renameKey(old));
            Cause added = alike == null ? null : takeSame(alike, old);
            if (added != null) {
                taken.add(added);
                renamed.put(
                        removed,
                        new Cause(
                                CauseKind.FILE_RENAMED,
                                added.subject(),
                                removed.subject(),
                                added.subject(),
                                removed.subject() + " was renamed to " + added.subject(),
                                null,
                                removed.expected() && added.expected() ? added.expectedBecause() : null));
            }
        }
        List<Cause> result = new ArrayList<>(causes.size() - taken.size());
        for (Cause cause : causes) {
            if (!taken.contains(cause)) {
                result.add(renamed.getOrDefault(cause, cause));
            }
        }
        return result;
    }

    /** What two entries alike share: their type and the short form of their content digest ({@link FileInfo#sameDigest}). */
    private static String renameKey(FileInfo info) {
        String content = info.content() == null ? "" : info.content();
        return info.type() + " " + content.substring(0, Math.min(content.length(), FileInfo.SHORTEST_DIGEST));
    }

    /** The first of {@code alike} with the content and link target of {@code old}, taken from it; or null. */
    private Cause takeSame(ArrayDeque<Cause> alike, FileInfo old) {
        for (Iterator<Cause> candidates = alike.iterator(); candidates.hasNext(); ) {
            Cause added = candidates.next();
            FileInfo now = current.files().get(added.subject());
            if (FileInfo.sameDigest(now.content(), old.content()) && Objects.equals(now.target(), old.target())) {
                candidates.remove();
                return added;
            }
        }
        return null;
    }

    /**
     * Every difference of one path: added, removed or another type; else its link target, its content and its mode
     * bits, each a cause of its own; metadata alone when nothing else differs.
     */
    private List<Cause> pathCauses(String path, FileInfo then, FileInfo now, List<String> sources) {
        if (then == null && now == null) {
            return List.of();
        }
        if (then == null) {
            return List.of(new Cause(
                    CauseKind.FILE_ADDED,
                    path,
                    null,
                    describe(now),
                    path + " was added",
                    Advice.forPath(path, sources)));
        }
        if (now == null) {
            Cause excluded = excluded(path, then);
            return List.of(
                    excluded != null
                            ? excluded
                            : new Cause(
                                    CauseKind.FILE_REMOVED,
                                    path,
                                    describe(then),
                                    null,
                                    path + " was removed",
                                    Advice.forPath(path, sources)));
        }
        if (FileInfo.sameDigest(then.digest(), now.digest())) {
            return List.of();
        }
        if (!then.type().equals(now.type())) {
            return List.of(new Cause(
                    CauseKind.FILE_TYPE,
                    path,
                    then.type(),
                    now.type(),
                    path + " changed from " + then.type() + " to " + now.type(),
                    null));
        }
        List<Cause> causes = new ArrayList<>();
        if (!Objects.equals(then.target(), now.target())) {
            causes.add(new Cause(
                    CauseKind.SYMLINK_TARGET,
                    path,
                    then.target(),
                    now.target(),
                    "symlink " + path + " now points to " + now.target() + " (was " + then.target() + ")",
                    null));
        }
        if (!FileInfo.sameDigest(then.content(), now.content()) || then.size() != now.size()) {
            causes.add(contentCause(path, then, now, sources));
        }
        if (!then.mode().equals(now.mode())) {
            causes.add(new Cause(
                    modeKind(now.type(), then.mode(), now.mode()),
                    path,
                    then.mode(),
                    now.mode(),
                    path + " mode bits changed " + then.mode() + " -> " + now.mode(),
                    Advice.forModeChange(path, then.mode(), now.mode())));
        }
        if (causes.isEmpty()) {
            causes.add(new Cause(
                    CauseKind.XATTRS,
                    path,
                    then.digest(),
                    now.digest(),
                    path + " metadata changed (extended attributes or device numbers)",
                    null));
        }
        return causes;
    }

    /**
     * An entry the baseline read that is still in the context directory, but that the ignore file excludes now; null
     * for one that is gone, or that no ignore line excludes.
     */
    private Cause excluded(String path, FileInfo then) {
        IgnoreFile.Line line = context == null ? null : context.excludedBy(path);
        if (line == null || !onDisk(path)) {
            return null;
        }
        String where = context.ignoreFile() + " line " + line.number();
        return new Cause(
                CauseKind.FILE_EXCLUDED,
                path,
                describe(then),
                where + ": " + line.text(),
                path + " is now excluded by " + context.ignoreFile() + " (line " + line.number() + ": `" + line.text()
                        + "`)",
                Advice.forExcluded(path, where));
    }

    /** True when the context directory holds {@code path} (a link at that path counts, whatever it points to). */
    private boolean onDisk(String path) {
        Path root = context.filesRoot();
        if (root == null) {
            return false; // a context not on disk (a commit's tree) has no directory to look in
        }
        Path entry = root.resolve(path).normalize();
        // snapshot paths are data: never look outside the context
        return entry.startsWith(root) && Files.exists(entry, LinkOption.NOFOLLOW_LINKS);
    }

    /** Umask bits first: a directory's 0755 -> 0775 is what another umask at checkout leaves, on any builder. */
    private static CauseKind modeKind(String type, String before, String after) {
        if (Advice.onlyUmaskBitsDiffer(before, after)) {
            return CauseKind.UMASK_MODE;
        }
        return type.equals("dir") ? CauseKind.DIRECTORY_MODE : CauseKind.FILE_MODE;
    }

    /** A content change: only build-time stamps, only line endings, or the bytes. */
    private Cause contentCause(String path, FileInfo then, FileInfo now, List<String> sources) {
        Cause cause;
        if (then.parts() != null && now.parts() != null) {
            cause = StampedChange.cause(path, then, now, sources);
        } else {
            String sizes = then.size() == now.size() ? "" : " (" + then.size() + " -> " + now.size() + " bytes)";
            cause = new Cause(
                    CauseKind.FILE_CONTENT,
                    path,
                    then.content(),
                    now.content(),
                    path + " content changed" + sizes,
                    Advice.forPath(path, sources));
        }
        if (cause.kind() == CauseKind.FILE_CONTENT
                && contextDir != null
                && LineEndings.onlyLineEndingsDiffer(contextDir, path, then.content())) {
            return new Cause(
                    CauseKind.LINE_ENDINGS,
                    path,
                    then.content(),
                    now.content(),
                    path + " changed only its line endings (CRLF vs LF)",
                    Advice.LINE_ENDINGS);
        }
        return cause;
    }

    private static String describe(FileInfo info) {
        return info.type() + " " + info.mode() + (info.type().equals("file") ? " " + info.size() + " bytes" : "");
    }

    /**
     * A layer extracted from a jar holds other entries: which were added, removed or changed, named by the jar's
     * entry names; {@code source} is the step's source input ({@code src[0]}).
     */
    Cause layerCause(StepSnapshot step, StepSnapshot before, InputName.Source source, String then, String now) {
        String input = new InputName.Unkeyed(source.part(LayerEntries.INPUT)).toString();
        LayerEntries held = LayerEntries.parse(step.reads().inputs().get(input));
        LayerEntries baselineHeld = LayerEntries.parse(before.reads().inputs().get(input));
        if (held == null) {
            return new Cause(
                    CauseKind.SOURCE_CONTENT,
                    String.join(" ", step.reads().sources()),
                    then,
                    now,
                    "the content of " + String.join(" ", step.reads().sources()) + " changed",
                    null);
        }
        EntryChanges entries =
                EntryChanges.between(baselineHeld == null ? null : baselineHeld.entries(), held.entries());
        String layer = "layer '" + held.layer() + "' of " + held.jar();
        if (baselineHeld == null) {
            // the baseline predates reading layers from the jar: its key differs, not necessarily the layer
            return new Cause(
                    CauseKind.JAR_LAYER,
                    held.jar(),
                    then,
                    now,
                    layer + " is now read from the jar (the" + " baseline was recorded without it)",
                    null,
                    "the baseline was recorded without the layer's entries; record it again",
                    null);
        }
        if (entries.hasContentChanges()
                || (!held.rewritten() && !entries.restamped().isEmpty())) {
            // a library whose own entries differ only in build times is still other bytes in the layer
            String advice = entries.hasContentChanges() ? null : Advice.RESTAMPED_LIBRARIES;
            return new Cause(
                    CauseKind.JAR_LAYER,
                    held.jar(),
                    then,
                    now,
                    layer + " changed: " + entries.describe(!held.rewritten()),
                    advice,
                    null,
                    entries);
        }
        if (held.rewritten()) {
            // the application jar that Spring Boot writes carries the time of the extraction: new bytes on every run
            FileInfo jar = current.files().get(held.jar());
            String restamped = entries.restamped().isEmpty()
                    ? ""
                    : " (its entries were re-stamped with another build time: "
                            + entries.restamped().size() + ")";
            return new Cause(
                    CauseKind.JAR_LAYER,
                    held.jar(),
                    then,
                    now,
                    layer + " changed: Spring Boot writes its"
                            + " application jar anew, with the time of the extraction, whenever " + held.jar()
                            + " changes"
                            + restamped,
                    jar == null || entries.restamped().isEmpty()
                            ? null
                            : ReproducibleArchives.advice(held.jar(), jar, entries.restamped()),
                    null,
                    entries);
        }
        return new Cause(
                CauseKind.JAR_LAYER,
                held.jar(),
                then,
                now,
                layer + " changed: the same entries, extracted" + " otherwise",
                null,
                null,
                entries);
    }
}
