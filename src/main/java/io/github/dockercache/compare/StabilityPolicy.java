package io.github.dockercache.compare;

import io.github.dockercache.model.FileInfo;
import io.github.dockercache.model.InputName;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StageSnapshot;
import io.github.dockercache.model.StepSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which steps must stay cached, and which changes are expected to rebuild them (docs/stability.md).
 *
 * <p>By default the stable steps of a stage are its steps up to and including the last expensive step before the
 * chain first reads sources: the dependency layer of a well-ordered Dockerfile. Expensive are a RUN, a COPY of
 * dependency outputs (a Quarkus {@code lib/}, Spring Boot's {@code dependencies/} layer) and a COPY from a stage that
 * has not read sources. Reading sources is a COPY/ADD (or a RUN bind mount) of context files other than dependency
 * manifests and dependency outputs, or a read of a stage that has read sources. A stage built FROM another stage
 * continues that stage's chain: once the chain has read sources, nothing after it is stable by default. Steps are
 * overridden by {@code # dockercache:stable}/{@code unstable} comments and {@code stableSteps}/{@code unstableSteps},
 * stages by {@code # dockercache:stable-stage}/{@code unstable-stage} above FROM and
 * {@code stableStages}/{@code unstableStages}; a step's own setting beats its stage's, and at one level unstable beats
 * stable.
 *
 * @param manifests the dependency manifests: a content change of one a step reads is expected
 * @param dependencyOutputs the dependency outputs of a build (jars copied out of a dependency resolution): a change
 *     of one is expected when the project's dependencies changed accordingly ({@link DependencyChange})
 * @param stableSteps extra stable steps: step ids or instruction text
 * @param unstableSteps steps that are never stable: step ids or instruction text
 * @param stableStages stages whose every step is stable, by name
 * @param unstableStages stages none of whose steps is stable by default, by name
 */
public record StabilityPolicy(
        PathPatterns manifests,
        PathPatterns dependencyOutputs,
        List<String> stableSteps,
        List<String> unstableSteps,
        List<String> stableStages,
        List<String> unstableStages) {

    public static final List<String> DEFAULT_MANIFESTS = List.of(
            "pom.xml",
            ".mvn/**",
            "mvnw",
            "mvnw.cmd",
            "package*.json",
            "npm-shrinkwrap.json",
            "*.lock",
            "*-lock.json",
            "*-lock.yaml",
            "requirements*.txt",
            "go.mod",
            "go.sum",
            "build.gradle*",
            "settings.gradle*",
            "gradle.properties",
            "gradle/wrapper/**");

    /** Where builds put the dependencies they resolved; docs/stability.md says which tool writes each. */
    public static final List<String> DEFAULT_DEPENDENCY_OUTPUTS = List.of(
            "quarkus-app/lib/**",
            "target/lib/**",
            "target/libs/**",
            "dependency/*.jar",
            "BOOT-INF/lib/**",
            "dependencies/**",
            "spring-boot-loader/**",
            "layers/libs/**");

    /** What a change to a dependency manifest or output can be expected to be; mode bits and link targets never. */
    private static final Set<CauseKind> CONTENT_CHANGES = EnumSet.of(
            CauseKind.FILE_CONTENT,
            CauseKind.BUILD_TIMESTAMPS,
            CauseKind.FILE_ADDED,
            CauseKind.FILE_REMOVED,
            CauseKind.FILE_RENAMED);

    private static final Pattern STEP_ID = Pattern.compile("(?:[A-Za-z0-9][A-Za-z0-9._-]*:)?\\d+");
    private static final String STABLE = "stable";
    private static final String UNSTABLE = "unstable";

    public StabilityPolicy {
        stableSteps = List.copyOf(stableSteps);
        unstableSteps = List.copyOf(unstableSteps);
        stableStages = List.copyOf(stableStages);
        unstableStages = List.copyOf(unstableStages);
    }

    public static StabilityPolicy defaults() {
        return new StabilityPolicy(
                new PathPatterns(DEFAULT_MANIFESTS),
                new PathPatterns(DEFAULT_DEPENDENCY_OUTPUTS),
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }

    /** What a step does to the chain's stable part. */
    private enum Role {
        /** Keeps the stable part going; stable only when an expensive step follows. */
        NEUTRAL,
        /** Worth keeping: stable, and so is everything before it. */
        EXPENSIVE,
        /** Reads sources: the stable part ends before it. */
        READS_SOURCES
    }

    /** The ids of the stable steps of a snapshot. */
    public Set<String> stableSteps(Snapshot snapshot) {
        Map<String, List<StepSnapshot>> byStage = new LinkedHashMap<>();
        for (StepSnapshot step : snapshot.steps()) {
            byStage.computeIfAbsent(step.place().stage(), s -> new ArrayList<>())
                    .add(step);
        }
        Map<String, StageSnapshot> stages = new LinkedHashMap<>();
        snapshot.stages().forEach(stage -> stages.put(stage.label(), stage));
        byStage.keySet().forEach(label -> stages.putIfAbsent(label, new StageSnapshot(label, null, null)));
        Map<String, Boolean> cleanAtEnd = new HashMap<>();
        Set<String> stable = new HashSet<>();
        for (StageSnapshot stage : stages.values()) {
            List<StepSnapshot> steps = byStage.getOrDefault(stage.label(), List.of());
            String base = stage.baseStage() != null ? stage.baseStage() : baseStageOf(steps, snapshot);
            boolean clean = base == null || cleanAtEnd.getOrDefault(base, true);
            int lastExpensive = -1;
            for (int i = 0; i < steps.size() && clean; i++) {
                Role role = role(steps.get(i), snapshot, cleanAtEnd);
                clean = role != Role.READS_SOURCES;
                if (role == Role.EXPENSIVE) {
                    lastExpensive = i;
                }
            }
            String setting = stageSetting(stage);
            cleanAtEnd.put(stage.label(), setting == null ? clean : setting.equals(STABLE));
            for (int i = 0; i < steps.size(); i++) {
                if (isStable(steps.get(i), setting, i <= lastExpensive)) {
                    stable.add(steps.get(i).place().id());
                }
            }
        }
        return stable;
    }

    /**
     * Why a change to a context path that the step reads is expected, or null when it is not: a dependency output
     * that the dependency change explains, a dependency manifest's new content. Mode bits never are.
     */
    String expectation(String path, CauseKind change, DependencyChange dependencies) {
        if (!CONTENT_CHANGES.contains(change)) {
            return null;
        }
        if (dependencyOutputs.matches(path)) {
            return dependencies.explains(path.substring(path.lastIndexOf('/') + 1), change);
        }
        return manifests.matches(path) ? "a dependency manifest" : null;
    }

    /**
     * Why a layer extracted from a jar holds other entries as expected, or null when it does not: every entry it gained,
     * lost, changed or re-stamped is a dependency output ({@code BOOT-INF/lib/x.jar}) that the dependency change
     * explains, so that a dependency update passes and a library that changed on its own does not.
     */
    String expectation(EntryChanges entries, DependencyChange dependencies) {
        Set<String> reasons = new LinkedHashSet<>();
        boolean explained = explain(entries.added(), CauseKind.FILE_ADDED, dependencies, reasons)
                && explain(entries.removed(), CauseKind.FILE_REMOVED, dependencies, reasons)
                && explain(entries.changed(), CauseKind.FILE_CONTENT, dependencies, reasons)
                && explain(entries.restamped(), CauseKind.FILE_CONTENT, dependencies, reasons);
        return explained && !reasons.isEmpty() ? String.join("; ", reasons) : null;
    }

    /** Adds why each entry changed as expected; false at the first that did not. */
    private boolean explain(
            List<String> entries, CauseKind change, DependencyChange dependencies, Set<String> reasons) {
        for (String entry : entries) {
            String reason = dependencyOutputs.matches(entry) ? expectation(entry, change, dependencies) : null;
            if (reason == null) {
                return false;
            }
            reasons.add(reason);
        }
        return true;
    }

    /**
     * An override entry that matches nothing; the build tool names the setting as its configuration does.
     *
     * @param parameter the setting it is in ({@code stableSteps}, {@code unstableStages}, ...)
     * @param entry the entry as configured
     * @param problem what is wrong, with what it could have named
     */
    public record Unmatched(String parameter, String entry, String problem) {}

    /**
     * The override entries that match nothing: a step entry that is neither the id nor text of a step built for this
     * target, a stage entry that names no stage of the Dockerfile.
     *
     * @param stageNames the names (and {@code stage-N} labels) of every stage of the Dockerfile
     */
    public List<Unmatched> unmatched(Snapshot snapshot, List<String> stageNames) {
        List<Unmatched> unmatched = new ArrayList<>();
        String stepIds = String.join(
                ", ", snapshot.steps().stream().map(step -> step.place().id()).toList());
        for (Map.Entry<String, List<String>> setting : Map.of(
                        "stableSteps", stableSteps, "unstableSteps", unstableSteps)
                .entrySet()) {
            setting.getValue().stream()
                    .filter(entry -> snapshot.steps().stream().noneMatch(step -> listed(step, List.of(entry))))
                    .forEach(entry -> unmatched.add(new Unmatched(
                            setting.getKey(),
                            entry,
                            "matches no step: it is" + " neither a step id (" + stepIds
                                    + ") nor text of an instruction built for this target")));
        }
        for (Map.Entry<String, List<String>> setting : Map.of(
                        "stableStages", stableStages, "unstableStages", unstableStages)
                .entrySet()) {
            setting.getValue().stream()
                    .filter(entry -> stageNames.stream().noneMatch(name -> name.equalsIgnoreCase(entry.trim())))
                    .forEach(entry -> unmatched.add(new Unmatched(
                            setting.getKey(),
                            entry,
                            "names no stage of the" + " Dockerfile (" + String.join(", ", stageNames) + ")")));
        }
        unmatched.sort(Comparator.comparing(Unmatched::parameter).thenComparing(Unmatched::entry));
        return unmatched;
    }

    /** The step's own setting, else its stage's, else the default. */
    private boolean isStable(StepSnapshot step, String stageSetting, boolean byDefault) {
        if (UNSTABLE.equals(step.marker()) || listed(step, unstableSteps)) {
            return false;
        }
        if (STABLE.equals(step.marker()) || listed(step, stableSteps)) {
            return true;
        }
        return stageSetting == null ? byDefault : stageSetting.equals(STABLE);
    }

    /** {@code stable} or {@code unstable} when the Dockerfile or the configuration says so for the stage, else null. */
    private String stageSetting(StageSnapshot stage) {
        if (UNSTABLE.equals(stage.marker()) || names(unstableStages, stage)) {
            return UNSTABLE;
        }
        return STABLE.equals(stage.marker()) || names(stableStages, stage) ? STABLE : null;
    }

    private static boolean names(List<String> entries, StageSnapshot stage) {
        return entries.stream()
                .anyMatch(entry -> entry.trim().toLowerCase(Locale.ROOT).equals(stage.label()));
    }

    /** An entry shaped like a step id ({@code build:3}, {@code 3}) names that step only, else text the step contains. */
    private static boolean listed(StepSnapshot step, List<String> entries) {
        return entries.stream()
                .anyMatch(entry -> STEP_ID.matcher(entry.trim()).matches()
                        ? entry.trim()
                                .toLowerCase(Locale.ROOT)
                                .equals(step.place().id())
                        : step.place().text().contains(entry));
    }

    /** For a snapshot that does not record its stages: the stage its first step builds on, if another one. */
    private static String baseStageOf(List<StepSnapshot> steps, Snapshot snapshot) {
        if (steps.isEmpty() || steps.get(0).keys().parentId() == null) {
            return null;
        }
        return snapshot.steps().stream()
                .filter(s -> s.place().id().equals(steps.get(0).keys().parentId()))
                .map(step -> step.place().stage())
                .filter(stage -> !stage.equals(steps.get(0).place().stage()))
                .findFirst()
                .orElse(null);
    }

    private Role role(StepSnapshot step, Snapshot snapshot, Map<String, Boolean> cleanAtEnd) {
        boolean copy = step.place().instruction().equals("COPY")
                || step.place().instruction().equals("ADD");
        if (!copy && !step.place().instruction().equals("RUN")) {
            return Role.NEUTRAL; // FROM, WORKDIR; ENV and the like in the legacy builder
        }
        List<String> stagesRead = stagesRead(step);
        if (copy
                && !stagesRead.isEmpty()
                && !step.reads().sources().isEmpty()
                && step.reads().sources().stream().allMatch(dependencyOutputs::coversDirectory)) {
            return Role.EXPENSIVE; // what it reads of the stage is dependencies, whatever else the stage holds
        }
        if (stagesRead.stream().anyMatch(stage -> !cleanAtEnd.getOrDefault(stage, true))) {
            return Role.READS_SOURCES;
        }
        if (copy && !stagesRead.isEmpty()) {
            return step.reads().sources().stream().allMatch(manifests::matches) ? Role.NEUTRAL : Role.EXPENSIVE;
        }
        if (copy
                && step.reads().inputs().keySet().stream()
                        .anyMatch(name -> InputName.parse(name) instanceof InputName.Source source
                                && source.readsOtherOrigin())) {
            return Role.READS_SOURCES; // another image's files or a download: not known to be dependencies
        }
        boolean anyOutput = false;
        boolean anyFile = false;
        for (String path : step.reads().files()) {
            FileInfo info = snapshot.files().get(path);
            if (info != null && info.type().equals("dir")) {
                continue; // the directories a COPY selects along with its files are no content of their own
            }
            anyFile = true;
            if (dependencyOutputs.matches(path)) {
                anyOutput = true;
            } else if (!manifests.matches(path)) {
                return Role.READS_SOURCES;
            }
        }
        if (copy && !anyFile && !step.reads().sources().stream().allMatch(manifests::matches)) {
            // nothing selected (yet): judged by what it names
            boolean outputs = step.reads().sources().stream()
                    .allMatch(source -> dependencyOutputs.matches(source) || dependencyOutputs.coversDirectory(source));
            return outputs ? Role.EXPENSIVE : Role.READS_SOURCES;
        }
        return copy && !anyOutput ? Role.NEUTRAL : Role.EXPENSIVE;
    }

    private static List<String> stagesRead(StepSnapshot step) {
        List<String> stages = new ArrayList<>();
        step.reads().inputs().forEach((name, value) -> {
            // unkeyed, or keyed by a baseline of an earlier version
            InputName input = InputName.parse(name);
            if ((input instanceof InputName.Unkeyed unkeyed ? unkeyed.name() : input) instanceof InputName.Source source
                    && source.is(InputName.Source.STAGE)) {
                stages.add(value);
            }
        });
        return stages;
    }
}
