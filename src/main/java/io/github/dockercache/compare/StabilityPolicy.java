package io.github.dockercache.compare;

import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which steps must stay cached, and which changes are expected to rebuild them.
 *
 * <p>By default a stage's stable steps are those up to and including the last RUN before the first
 * COPY/ADD of anything other than dependency manifests: the expensive dependency layer of a
 * well-ordered Dockerfile. A {@code # dockercache:stable} or {@code # dockercache:unstable} comment
 * above an instruction, or an entry of {@code stableSteps} (a step id such as {@code build:3}, or text
 * the instruction contains), overrides it. A change to a manifest the step copies is expected.
 *
 * @param manifests the dependency manifests
 * @param stableSteps extra stable steps: step ids or instruction text
 */
public record StabilityPolicy(PathPatterns manifests, List<String> stableSteps) {

    public static final List<String> DEFAULT_MANIFESTS = List.of(
            "pom.xml", ".mvn/**", "mvnw", "mvnw.cmd",
            "package*.json", "npm-shrinkwrap.json", "*.lock", "*-lock.json", "*-lock.yaml",
            "requirements*.txt", "go.mod", "go.sum",
            "build.gradle*", "settings.gradle*", "gradle.properties", "gradle/wrapper/**");

    public static StabilityPolicy defaults() {
        return new StabilityPolicy(new PathPatterns(DEFAULT_MANIFESTS), List.of());
    }

    /** The ids of the stable steps of a snapshot. */
    public Set<String> stableSteps(Snapshot snapshot) {
        Map<String, List<StepSnapshot>> byStage = new LinkedHashMap<>();
        for (StepSnapshot step : snapshot.steps()) {
            byStage.computeIfAbsent(step.stage(), s -> new ArrayList<>()).add(step);
        }
        Set<String> stable = new HashSet<>();
        for (List<StepSnapshot> steps : byStage.values()) {
            int lastStable = -1;
            for (int i = 0; i < steps.size(); i++) {
                StepSnapshot step = steps.get(i);
                if (isCopy(step) && !copiesOnlyManifests(step)) {
                    break;
                }
                if (step.instruction().equals("RUN")) {
                    lastStable = i;
                }
            }
            for (int i = 0; i < steps.size(); i++) {
                StepSnapshot step = steps.get(i);
                boolean byDefault = i <= lastStable;
                if ("unstable".equals(step.marker())) {
                    continue;
                }
                if (byDefault || "stable".equals(step.marker()) || listed(step)) {
                    stable.add(step.id());
                }
            }
        }
        return stable;
    }

    /** True when a changed path is a manifest that a COPY step reads: an expected change. */
    boolean isExpectedChange(StepSnapshot step, String path) {
        return isCopy(step) && step.fromStage() == null && manifests.matches(path);
    }

    private boolean listed(StepSnapshot step) {
        return stableSteps.stream().anyMatch(entry -> entry.equals(step.id()) || step.text().contains(entry));
    }

    private static boolean isCopy(StepSnapshot step) {
        return step.instruction().equals("COPY") || step.instruction().equals("ADD");
    }

    private boolean copiesOnlyManifests(StepSnapshot step) {
        if (step.fromStage() != null) {
            return step.sources().stream().allMatch(manifests::matches);
        }
        if (!step.files().isEmpty()) {
            // directories selected along with manifests (.mvn/, .mvn/wrapper/) are not content of their own
            return step.files().stream().allMatch(path -> manifests.matches(path) || isParentOfManifest(path));
        }
        return step.sources().stream().allMatch(manifests::matches);
    }

    private boolean isParentOfManifest(String path) {
        return manifests.matches(path + "/x");
    }
}
