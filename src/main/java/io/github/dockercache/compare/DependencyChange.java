package io.github.dockercache.compare;

import io.github.dockercache.model.Dependencies;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Whether the project's dependencies changed between the baseline and now, and which changed file of a dependency
 * layer such a change explains: the one notion of "an expected dependency change". A dependency update must pass, a
 * dependency layer that changes on its own (a SNAPSHOT that drifted, a jar that is not reproducible) must not.
 *
 * <p>With the dependency lists of both sides (Maven's resolved runtime dependencies, SNAPSHOTs by their base version)
 * a jar is judged by its name: added, removed or changed it is expected when it is the file of a dependency that was
 * added, removed or moved to another version, and not when it is the file of a dependency that did not change. A file
 * that names no dependency (a launcher class, a Quarkus boot jar) is expected when any dependency changed. The jar of a
 * module of the build itself (a sibling in the Maven reactor) changes with the build's sources, which is expected too,
 * whichever side marks it as a module: the current reactor covers baselines recorded before modules were, the
 * baseline covers a later build whose reactor does not hold that module ({@code mvn -f app/pom.xml}). Without
 * lists, a change of the dependency manifests' digests (pom.xml, build.gradle, package-lock.json...) stands for a
 * dependency change. A baseline that recorded neither cannot tell, nor can two sides without a list whose build
 * context holds no manifest (a module's {@code target/} as the context, without Maven): their changes are let
 * through, and said so.
 */
public final class DependencyChange {
    /** What the two sides recorded, from the most to the least precise. */
    public enum Basis {
        /** Both sides list their dependencies. */
        LISTS,
        /** Only the dependency manifests' digests are known on both sides. */
        MANIFESTS,
        /** The baseline recorded nothing to compare with. */
        NONE,
        /** Both sides were recorded, but neither lists its dependencies and the build context holds no manifest. */
        UNLISTED
    }

    /** The changes to a file that a dependency update can explain; mode bits, types and links never. */
    private static final Set<CauseKind> CONTENT_CHANGES = EnumSet.of(
            CauseKind.FILE_CONTENT,
            CauseKind.BUILD_TIMESTAMPS,
            CauseKind.LINE_ENDINGS,
            CauseKind.FILE_ADDED,
            CauseKind.FILE_REMOVED,
            CauseKind.FILE_RENAMED,
            CauseKind.SOURCE_CONTENT);

    private static final String SNAPSHOT = "-SNAPSHOT";
    /** How many changes a cause names before it counts the rest: the whole list is said once, not in every cause. */
    private static final int NAMED_CHANGES = 3;

    private final Basis basis;
    private final Map<String, Coordinate> before;
    private final Map<String, Coordinate> after;
    private final List<String> changedManifests;
    /** The coordinates of the build's own modules, as either side records them. */
    private final Set<String> modules;

    private DependencyChange(
            Basis basis,
            Map<String, Coordinate> before,
            Map<String, Coordinate> after,
            List<String> changedManifests,
            Set<String> modules) {
        this.basis = basis;
        this.before = before;
        this.after = after;
        this.changedManifests = changedManifests;
        this.modules = modules;
    }

    /** Between what a baseline and the current build recorded; either may be null (not recorded). */
    public static DependencyChange between(Dependencies baseline, Dependencies current) {
        if (baseline != null && current != null && baseline.maven() != null && current.maven() != null) {
            Set<String> modules = new TreeSet<>();
            for (Dependencies side : List.of(baseline, current)) {
                modules.addAll(side.modules() == null ? List.of() : side.modules());
            }
            return new DependencyChange(
                    Basis.LISTS, coordinates(baseline.maven()), coordinates(current.maven()), List.of(), modules);
        }
        Map<String, String> then = baseline == null || baseline.manifests() == null ? Map.of() : baseline.manifests();
        Map<String, String> now = current == null || current.manifests() == null ? Map.of() : current.manifests();
        if (baseline == null || current == null) {
            return new DependencyChange(Basis.NONE, Map.of(), Map.of(), List.of(), Set.of());
        }
        if (then.isEmpty() && now.isEmpty()) {
            return new DependencyChange(Basis.UNLISTED, Map.of(), Map.of(), List.of(), Set.of());
        }
        TreeSet<String> names = new TreeSet<>(then.keySet());
        names.addAll(now.keySet());
        List<String> changed = names.stream()
                .filter(name -> !Objects.equals(then.get(name), now.get(name)))
                .toList();
        return new DependencyChange(Basis.MANIFESTS, Map.of(), Map.of(), changed, Set.of());
    }

    public Basis basis() {
        return basis;
    }

    /** True when the dependencies are known to have changed. */
    public boolean changed() {
        return basis == Basis.LISTS ? !before.keySet().equals(after.keySet()) : !changedManifests.isEmpty();
    }

    /**
     * The changes, one phrase each: {@code com.example:lib-a 1.0 -> 1.1}, {@code added com.example:lib-c:1.0},
     * {@code removed com.example:lib-b:2.0}; with manifests only, {@code pom.xml changed}.
     */
    public List<String> changes() {
        if (basis != Basis.LISTS) {
            return changedManifests.stream().map(name -> name + " changed").toList();
        }
        Map<String, String> changes = new TreeMap<>();
        for (Coordinate old : before.values()) {
            if (!after.containsKey(old.text())) {
                changes.put(old.artifact(), describe(old.artifact()));
            }
        }
        for (Coordinate added : after.values()) {
            if (!before.containsKey(added.text())) {
                changes.put(added.artifact(), describe(added.artifact()));
            }
        }
        return List.copyOf(changes.values());
    }

    /**
     * Why this change to a file of a dependency layer is expected, or null when it is not: a jar of a dependency that
     * was added, removed or upgraded ({@code dependency com.example:lib-a 1.0 -> 1.1}), the jar of a module of the build
     * ({@code org.acme:common is a module of this build}), a file that names no dependency when some dependency changed
     * (the first changes named, the rest counted); never a file of an unchanged third-party dependency, never mode bits.
     *
     * @param fileName the file's name, without its directory ({@code lib-a-1.1.jar})
     * @param change what happened to it
     */
    public String explains(String fileName, CauseKind change) {
        if (!CONTENT_CHANGES.contains(change)) {
            return null;
        }
        switch (basis) {
            case NONE:
                return "the baseline records no dependencies to check this against; record it again";
            case UNLISTED:
                return "nothing lists the dependencies to check this against: no dependency list from the build tool, and no"
                        + " dependency manifest at the top of the build context";
            case MANIFESTS:
                return changed()
                        ? "the dependency manifests changed (" + String.join(", ", changedManifests) + ")"
                        : null;
            default:
                break;
        }
        List<Coordinate> named = new ArrayList<>();
        for (Map<String, Coordinate> side : List.of(before, after)) {
            side.values().stream().filter(c -> c.names(fileName)).forEach(named::add);
        }
        if (named.isEmpty()) {
            return changed() ? anyChange() : null;
        }
        for (Coordinate coordinate : named) {
            boolean added = !before.containsKey(coordinate.text());
            boolean removed = !after.containsKey(coordinate.text());
            boolean fits = change == CauseKind.FILE_ADDED
                    ? added
                    : change == CauseKind.FILE_REMOVED ? removed : added || removed;
            if (fits) {
                return "dependency " + describe(coordinate.artifact());
            }
        }
        return named.stream()
                .filter(coordinate -> modules.contains(coordinate.text()))
                .findFirst()
                .map(module -> module.artifact() + " is a module of this build")
                .orElse(null); // the file of a third-party dependency that did not change: it should not have either
    }

    /**
     * The reason as a report that lists the changes once, above its causes, words it: a reason that would name only
     * some of the changes counts them instead ({@code the dependencies changed (12 changes, listed above)}).
     */
    public String listedAbove(String reason) {
        List<String> changes = changes();
        return changes.size() > NAMED_CHANGES && reason.equals(anyChange())
                ? "the dependencies changed (" + changes.size() + " changes, listed above)"
                : reason;
    }

    /** Why a file that names no dependency changed: the dependencies did, the first few named and the rest counted. */
    private String anyChange() {
        List<String> changes = changes();
        if (changes.size() <= NAMED_CHANGES) {
            return "the dependencies changed (" + String.join(", ", changes) + ")";
        }
        return "the dependencies changed (" + changes.size() + " changes: "
                + String.join(", ", changes.subList(0, NAMED_CHANGES)) + " and " + (changes.size() - NAMED_CHANGES)
                + " more)";
    }

    /** {@code com.example:lib-a 1.0 -> 1.1}, {@code added ...:1.0}, {@code removed ...:1.0} for one artifact. */
    private String describe(String artifact) {
        String old = versionOf(before, artifact);
        String now = versionOf(after, artifact);
        if (old != null && now != null) {
            return artifact + " " + old + " -> " + now;
        }
        return old == null ? "added " + artifact + ":" + now : "removed " + artifact + ":" + old;
    }

    private static String versionOf(Map<String, Coordinate> side, String artifact) {
        return side.values().stream()
                .filter(c -> c.artifact().equals(artifact))
                .map(Coordinate::version)
                .findFirst()
                .orElse(null);
    }

    private static Map<String, Coordinate> coordinates(List<String> list) {
        Map<String, Coordinate> coordinates = new LinkedHashMap<>();
        list.forEach(text -> coordinates.put(text, Coordinate.parse(text)));
        return coordinates;
    }

    /**
     * One dependency, {@code groupId:artifactId:extension[:classifier]:version}.
     *
     * @param artifact how it is named without its version: {@code groupId:artifactId}, with the extension when it is
     *     not a jar and the classifier when there is one
     */
    private record Coordinate(
            String text,
            String groupId,
            String artifactId,
            String extension,
            String classifier,
            String version,
            String artifact) {

        static Coordinate parse(String text) {
            String[] parts = text.split(":", -1);
            if (parts.length < 4 || parts.length > 5) {
                return new Coordinate(text, null, null, null, null, null, text); // names no file
            }
            String classifier = parts.length == 5 && !parts[3].isEmpty() ? parts[3] : null;
            String version = parts[parts.length - 1];
            String artifact = parts[0] + ":" + parts[1] + (parts[2].equals("jar") ? "" : ":" + parts[2])
                    + (classifier == null ? "" : ":" + classifier);
            return new Coordinate(text, parts[0], parts[1], parts[2], classifier, version, artifact);
        }

        /**
         * True when a file of this name is this dependency as the usual tools name it: {@code artifactId-version.jar}
         * (Maven, Spring Boot), {@code groupId.artifactId-version.jar} (Quarkus, copy-dependencies with prependGroupId),
         * {@code groupId-artifactId-version.jar} (Spring Boot, for two artifacts of one name); a SNAPSHOT also by one of
         * its timestamped versions.
         */
        boolean names(String fileName) {
            if (artifactId == null) {
                return false;
            }
            String tail = (classifier == null ? "" : "-" + classifier) + "." + extension;
            String versions = Pattern.quote(version);
            if (version.endsWith(SNAPSHOT)) {
                versions = "(?:" + versions + "|"
                        + Pattern.quote(version.substring(0, version.length() - SNAPSHOT.length()))
                        + "-\\d{8}\\.\\d{6}-\\d+)";
            }
            String prefix = "(?:" + Pattern.quote(groupId) + "[.-])?";
            return fileName.matches(prefix + Pattern.quote(artifactId) + "-" + versions + Pattern.quote(tail));
        }
    }
}
