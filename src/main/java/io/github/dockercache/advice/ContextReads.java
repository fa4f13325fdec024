package io.github.dockercache.advice;

import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Which steps read which context paths, and whether a step asked for a path or got it with a directory. */
final class ContextReads {
    private final List<StepSnapshot> readingSteps;

    ContextReads(Snapshot snapshot) {
        this.readingSteps = snapshot.steps().stream()
                .filter(step -> !step.reads().files().isEmpty())
                .toList();
    }

    /** Every context path some step reads. */
    Set<String> paths() {
        Set<String> paths = new LinkedHashSet<>();
        readingSteps.forEach(step -> paths.addAll(step.reads().files()));
        return paths;
    }

    /** The steps that read a path {@code paths} accepts, in build order. */
    List<StepSnapshot> readers(Predicate<String> paths) {
        List<StepSnapshot> readers = new ArrayList<>();
        for (StepSnapshot step : readingSteps) {
            if (step.reads().files().stream().anyMatch(paths)) {
                readers.add(step);
            }
        }
        return readers;
    }

    /** True when one of the step's sources itself is a path {@code paths} accepts: the step wants it. */
    static boolean asksFor(StepSnapshot step, Predicate<String> paths) {
        return step.reads().sources().stream().map(ContextPaths::of).anyMatch(paths);
    }
}
