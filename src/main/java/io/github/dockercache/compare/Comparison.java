package io.github.dockercache.compare;

import io.github.dockercache.context.BuildContext;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.EarlierKeys;
import io.github.dockercache.model.HistoryEntry;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The verdict of every step of a snapshot against a baseline.
 *
 * <p>BuildKit keeps every result until garbage collection, so a step is cached when its key is any key
 * the baseline knows, not only the one at the same position (cache-model §0). A step whose key cannot be known
 * offline is unknown when its optimistic key is known, else rebuilt.
 */
public final class Comparison {
    private final Snapshot current;
    private final Snapshot baseline;
    private final List<StepResult> steps;
    private final DependencyChange dependencies;

    private Comparison(Snapshot current, Snapshot baseline, List<StepResult> steps, DependencyChange dependencies) {
        this.current = current;
        this.baseline = baseline;
        this.steps = steps;
        this.dependencies = dependencies;
    }

    public static Comparison compare(Snapshot current, Snapshot baseline) {
        return compare(current, baseline, StabilityPolicy.defaults());
    }

    public static Comparison compare(Snapshot current, Snapshot baseline, StabilityPolicy policy) {
        return compare(current, baseline, policy, null);
    }

    /**
     * As {@link #compare(Snapshot, Snapshot, StabilityPolicy)}; with the context directory the current snapshot was
     * taken from (null when unknown), file causes look at the current bytes to tell line-ending flips from edits.
     */
    public static Comparison compare(Snapshot current, Snapshot baseline, StabilityPolicy policy, Path contextDir) {
        return new Matcher(current, baseline, policy, contextDir, null).run();
    }

    /**
     * As {@link #compare(Snapshot, Snapshot, StabilityPolicy, Path)} with the context the current snapshot was taken
     * from: a file the baseline read that its ignore file now excludes is said so, not "removed". Not an overload of
     * it: {@code compare(..., null)} stays unambiguous.
     */
    public static Comparison compareWithContext(
            Snapshot current, Snapshot baseline, StabilityPolicy policy, BuildContext context) {
        return new Matcher(current, baseline, policy, context.filesRoot(), context).run();
    }

    /** One result per step, in build order. */
    public List<StepResult> steps() {
        return steps;
    }

    public Snapshot current() {
        return current;
    }

    public Snapshot baseline() {
        return baseline;
    }

    /** How the project's dependencies changed since the baseline, as far as both recorded them. */
    public DependencyChange dependencies() {
        return dependencies;
    }

    /** The steps that are the first to miss in their chain, in build order. */
    public List<StepResult> firstMisses() {
        return steps.stream().filter(StepResult::isFirstMiss).toList();
    }

    public long count(Verdict verdict) {
        return steps.stream().filter(s -> s.verdict() == verdict).count();
    }

    private static final Set<CauseKind> WARM_BUILDER_BLIND_SPOTS =
            EnumSet.of(CauseKind.DIRECTORY_MODE, CauseKind.XATTRS);
    /** Differences that do not tell a rebuild: the step is unknown when they are all it has (cache-model §1.2). */
    private static final Set<CauseKind> MAY_BE_UNCHANGED =
            EnumSet.of(CauseKind.SECRET_NOT_COMPARED, CauseKind.BASELINE_FORMAT, CauseKind.UPSTREAM_STAGE);

    private static final class Matcher {
        private final Snapshot current;
        private final Snapshot baseline;
        private final StabilityPolicy policy;
        private final DependencyChange dependencies;
        private final CauseFinder causeFinder;
        private final Map<String, HistoryEntry> buildByKey = new HashMap<>();
        private final Set<String> optimisticKeys = new HashSet<>();
        /**
         * Why a baseline step may have been cached although its key says otherwise, by its optimistic key: a step of
         * the build with that optimistic key is then unknown even where the step it is compared with is another one
         * (a FROM that now matches another stage's FROM, generated pair from-5-8).
         */
        private final Map<String, String> uncertainByOptimisticKey = new HashMap<>();

        private final Map<String, StepSnapshot> baselineById = new HashMap<>();
        private final Map<String, StepSnapshot> currentById = new HashMap<>();
        private final Map<String, StepResult> results = new LinkedHashMap<>();
        /** BuildKit re-syncs a warm context incrementally; the legacy builder receives the whole context each build. */
        private final boolean hasWarmBuilderBlindSpots;

        Matcher(Snapshot current, Snapshot baseline, StabilityPolicy policy, Path contextDir, BuildContext context) {
            this.current = current;
            this.hasWarmBuilderBlindSpots = current.builder() != Builder.CLASSIC;
            this.baseline = baseline;
            this.policy = policy;
            this.dependencies = DependencyChange.between(baseline.dependencies(), current.dependencies());
            this.causeFinder = new CauseFinder(current, baseline, policy, dependencies, contextDir, context);
            for (HistoryEntry build : baseline.builds()) { // newest first: a key names the newest build that had it
                build.keys().forEach(key -> buildByKey.putIfAbsent(key, build));
                optimisticKeys.addAll(build.optimisticKeys());
            }
            for (StepSnapshot step : baseline.steps()) {
                baselineById.put(step.place().id(), step);
                if (step.keys().unknownReason() != null) {
                    uncertainByOptimisticKey.putIfAbsent(
                            step.keys().optimisticKey(), step.keys().unknownReason());
                }
            }
            current.steps().forEach(step -> currentById.put(step.place().id(), step));
        }

        Comparison run() {
            Set<String> stable = policy.stableSteps(current);
            for (StepSnapshot step : current.steps()) {
                results.put(
                        step.place().id(),
                        judge(step, stable.contains(step.place().id())));
            }
            return new Comparison(current, baseline, List.copyOf(results.values()), dependencies);
        }

        private StepResult judge(StepSnapshot step, boolean stable) {
            HistoryEntry matched = step.keys().key() == null
                    ? null
                    : buildByKey.get(step.keys().key());
            if (matched != null) {
                return result(
                        step,
                        Verdict.CACHED,
                        stable,
                        List.of(),
                        null,
                        false,
                        null,
                        step.keys().key(),
                        matched);
            }
            StepSnapshot counterpart = counterpart(step);
            StepResult parent = step.keys().parentId() == null
                    ? null
                    : results.get(step.keys().parentId());
            boolean parentMissed = parent != null && parent.verdict() != Verdict.CACHED;
            // a step built on a rebuilt one is rebuilt, even where the parent was rebuilt for an upstream input
            String uncertainTwin = uncertainByOptimisticKey.get(step.keys().optimisticKey());
            Verdict verdict = optimisticKeys.contains(step.keys().optimisticKey())
                            && (!knownOnBothSides(step, counterpart) || uncertainTwin != null)
                            && !(parentMissed && parent.verdict() == Verdict.REBUILT)
                    ? Verdict.UNKNOWN
                    : Verdict.REBUILT;
            List<Cause> own = counterpart == null
                    ? List.of()
                    : causeFinder.diff(step, counterpart).stream()
                            .map(this::neverFailing)
                            .toList();
            // an input that cannot be known offline may sit on either side: the baseline step explains it when this one
            // cannot
            String ownReason = step.keys().unknownReason() != null
                    ? step.keys().unknownReason()
                    : counterpart != null && counterpart.keys().unknownReason() != null
                            ? counterpart.keys().unknownReason()
                            : uncertainTwin;
            if (parentMissed && parent.verdict() == Verdict.UNKNOWN && own.isEmpty() && counterpart != null) {
                verdict = Verdict.UNKNOWN; // unchanged itself: it misses exactly when the step it builds on does
            }
            if (parentMissed && (parent.verdict() == Verdict.REBUILT || verdict == Verdict.UNKNOWN || own.isEmpty())) {
                // the chain's miss comes first; the step's own changes are causes too, so an expected miss upstream
                // never excuses an unexpected change here
                List<Cause> causes = new ArrayList<>(List.of(upstreamCause(step, parent)));
                // rebuilt with its parent whatever the secret is, so a secret it cannot compare says nothing more, and
                // must not turn an expected rebuild into a failure
                own.stream()
                        .filter(c -> parent.verdict() != Verdict.REBUILT || c.kind() != CauseKind.SECRET_NOT_COMPARED)
                        .forEach(causes::add);
                // an unchanged step is unknown for its parent's reason, not for one of its own that did not come into
                // play
                String reason = (own.isEmpty() && parent.unknownReason() != null) || ownReason == null
                        ? parent.unknownReason()
                        : ownReason;
                return result(
                        step,
                        verdict,
                        stable,
                        causes,
                        parent.rootStepId(),
                        causes.stream().allMatch(Cause::expected),
                        verdict == Verdict.UNKNOWN ? reason : null,
                        counterpart == null ? null : counterpart.keys().key(),
                        null);
            }
            // beside a change that rebuilds the step, what cannot be compared says nothing more
            List<Cause> causes = own.stream().allMatch(c -> c.kind() == CauseKind.SECRET_NOT_COMPARED)
                    ? own
                    : own.stream()
                            .filter(c -> c.kind() != CauseKind.SECRET_NOT_COMPARED)
                            .toList();
            if (counterpart == null) {
                causes = List.of(new Cause(
                        CauseKind.NEW_STEP,
                        step.place().id(),
                        null,
                        step.place().text(),
                        "no baseline step builds on the same parent: the step is new, or was moved",
                        null));
            } else if (own.isEmpty() && step.reads().fromStage() != null) {
                // its parent is cached here: what may differ is the stage it reads, whose key could not be compared
                causes = List.of(new Cause(
                        CauseKind.UPSTREAM_STAGE,
                        step.reads().fromStage(),
                        null,
                        null,
                        "the step's inputs are unchanged, but it reads stage '"
                                + step.reads().fromStage() + "', which may differ from the baseline",
                        null));
            } else if (own.isEmpty()) {
                causes = List.of(new Cause(
                        CauseKind.UPSTREAM_STEP,
                        step.keys().parentId(),
                        null,
                        null,
                        "the step's inputs are unchanged, but what it builds on differs from the baseline",
                        null));
            }
            boolean expected = causes.stream().allMatch(Cause::expected);
            String unknownReason = verdict == Verdict.UNKNOWN ? ownReason : null;
            if (verdict == Verdict.REBUILT
                    && !causes.isEmpty()
                    && causes.stream().allMatch(c -> MAY_BE_UNCHANGED.contains(c.kind()))) {
                // a value that cannot be compared may be unchanged, and files copied from a changed stage may come out
                // byte-identical; only the parent's optimistic key told otherwise, and that parent may be cached
                verdict = Verdict.UNKNOWN;
                unknownReason = causes.stream().anyMatch(c -> c.kind() == CauseKind.SECRET_NOT_COMPARED)
                        ? "only values derived from a secret differ, and they may be unchanged"
                        : causes.stream().anyMatch(c -> c.kind() == CauseKind.BASELINE_FORMAT)
                                ? EarlierKeys.CACHE_MOUNTS
                                : ownReason;
            }
            if (verdict == Verdict.REBUILT
                    && !causes.isEmpty()
                    && causes.stream().allMatch(c -> notTellingOffline(c.kind()) != null)) {
                verdict = Verdict.UNKNOWN;
                unknownReason = causes.stream()
                        .map(c -> notTellingOffline(c.kind()))
                        .distinct()
                        .collect(Collectors.joining("; "));
            }
            return result(
                    step,
                    verdict,
                    stable,
                    causes,
                    step.place().id(),
                    expected,
                    unknownReason,
                    counterpart == null ? null : counterpart.keys().key(),
                    null);
        }

        /**
         * Why a change of this kind cannot tell offline whether the step is rebuilt, or null when it can: metadata a
         * warm BuildKit builder does not re-hash, or write bits that a checkout under another umask leaves.
         */
        private String notTellingOffline(CauseKind kind) {
            if (neverFailsBecause(kind) == null) {
                return null;
            }
            return kind == CauseKind.UMASK_MODE
                    ? "group/other write bits differ, as a different umask at checkout leaves them: only a build on"
                            + " this machine can tell; record the baseline where the image is built, or use the same umask"
                    : "only metadata that a warm builder does not re-hash changed: BuildKit rebuilds this step on a"
                            + " fresh builder (a new checkout, CI) but keeps it cached on one that already synced this"
                            + " context directory (docs/cache-model.md §3.3)";
        }

        /** In brief, why a change of this kind never fails a step, or null when it may: see notTellingOffline. */
        private String neverFailsBecause(CauseKind kind) {
            if (kind == CauseKind.UMASK_MODE) {
                return "only the group/other write bits, which the umask at checkout sets";
            }
            return hasWarmBuilderBlindSpots && WARM_BUILDER_BLIND_SPOTS.contains(kind)
                    ? "metadata that a warm builder does not re-hash"
                    : null;
        }

        /**
         * The cause, expected when it cannot tell offline: alone it leaves the step unknown, which never fails; beside
         * a change that rebuilds the step, or after a rebuilt parent, it must not fail the step either, so the step
         * passes or fails as its other causes say, in every step alike.
         */
        private Cause neverFailing(Cause cause) {
            String because = cause.expected() ? null : neverFailsBecause(cause.kind());
            return because == null ? cause : cause.expectedBecause(because);
        }

        /**
         * True when the step and the baseline step it is compared with both have keys known offline, with nothing
         * that may make equal keys differ: then keys that differ in an upstream input (a {@code --checksum} that
         * changed) are a certain rebuild. An upstream input makes the verdict unknown only where one side could
         * not know it (a download without {@code --checksum}, add-checksum-toggled).
         */
        private static boolean knownOnBothSides(StepSnapshot step, StepSnapshot counterpart) {
            return step.keys().key() != null
                    && step.keys().unknownReason() == null
                    && counterpart != null
                    && counterpart.keys().key() != null
                    && counterpart.keys().unknownReason() == null;
        }

        private Cause upstreamCause(StepSnapshot step, StepResult parent) {
            StepSnapshot parentStep = currentById.get(parent.stepId());
            boolean otherStage = parentStep != null
                    && !parentStep.place().stage().equals(step.place().stage());
            String detail = (otherStage
                            ? "builds FROM stage '" + parentStep.place().stage() + "', whose step "
                            : "builds on step ")
                    + parent.stepId()
                    + (parent.verdict() == Verdict.UNKNOWN ? ", which may be rebuilt" : ", which is rebuilt");
            return new Cause(
                    otherStage ? CauseKind.UPSTREAM_STAGE : CauseKind.UPSTREAM_STEP,
                    parent.stepId(),
                    null,
                    null,
                    detail,
                    null,
                    parent.expected() ? "it builds on an expected change" : null);
        }

        /**
         * The baseline step this one should be compared with: one built on the same parent, else one
         * built on a parent with the same optimistic key, else the one with the same id.
         */
        private StepSnapshot counterpart(StepSnapshot step) {
            List<StepSnapshot> candidates = new ArrayList<>();
            StepSnapshot parent = step.keys().parentId() == null
                    ? null
                    : currentById.get(step.keys().parentId());
            for (StepSnapshot candidate : baseline.steps()) {
                if (step.keys().parentKey() != null
                        && step.keys().parentKey().equals(candidate.keys().parentKey())) {
                    candidates.add(candidate);
                }
            }
            if (candidates.isEmpty() && parent != null) {
                for (StepSnapshot candidate : baseline.steps()) {
                    StepSnapshot candidateParent = candidate.keys().parentId() == null
                            ? null
                            : baselineById.get(candidate.keys().parentId());
                    if (candidateParent != null
                            && candidateParent
                                    .keys()
                                    .optimisticKey()
                                    .equals(parent.keys().optimisticKey())) {
                        candidates.add(candidate);
                    }
                }
            }
            if (candidates.isEmpty()) {
                StepSnapshot sameId = baselineById.get(step.place().id());
                return sameId != null
                                && sameId.place()
                                        .instruction()
                                        .equals(step.place().instruction())
                        ? sameId
                        : null;
            }
            return candidates.stream()
                    .filter(c -> c.place().id().equals(step.place().id()))
                    .findFirst()
                    .or(() -> candidates.stream()
                            .filter(c ->
                                    c.place().instruction().equals(step.place().instruction()))
                            .findFirst())
                    .orElse(candidates.get(0));
        }

        private static StepResult result(
                StepSnapshot step,
                Verdict verdict,
                boolean stable,
                List<Cause> causes,
                String root,
                boolean expected,
                String unknownReason,
                String baselineKey,
                HistoryEntry matched) {
            return new StepResult(
                    step.place().id(),
                    step.place().line(),
                    step.place().instruction(),
                    verdict,
                    step.place().stage(),
                    step.place().text(),
                    stable,
                    causes,
                    Objects.requireNonNullElse(root, step.place().id()),
                    expected,
                    unknownReason,
                    baselineKey,
                    step.keys().key(),
                    matched);
        }
    }
}
