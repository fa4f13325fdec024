package io.github.dockercache.cost;

import io.github.dockercache.cost.VertexRun.Ending;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How long each Dockerfile step took in one real build, read from its BuildKit log, so that a report can say what a
 * cache bust costs.
 *
 * <p>Step ids are the plugin's: {@code N} when the log shows one stage, else {@code <stage>:N}. A log of one stage
 * can also come from a multi-stage Dockerfile whose target needs no other stage, for which the plugin says
 * {@code <stage>:N}; {@link #step} accepts both forms then.
 *
 * <p>What a log cannot tell is left out: steps that failed, were cancelled or had not ended when the log stops, and
 * a stage's FROM when an earlier stage has the same base (BuildKit runs and prints that vertex once, under the first
 * stage's label). When several vertices carry one step's label (BuildKit 0.13 fetches {@code ADD <url>} and copies
 * it as two; a multi-platform build runs each step once per platform) their times are added up and the last one
 * tells whether the step was cached.
 */
public final class StepCosts {
    private final Map<String, StepCost> steps;
    /** The stage label of a log that shows one stage, or null (several stages, or a single stage left unlabelled). */
    private final String soleStage;

    private StepCosts(Map<String, StepCost> steps, String soleStage) {
        this.steps = steps;
        this.soleStage = soleStage;
    }

    /**
     * Reads a {@code --progress=plain} or {@code --progress=rawjson} log of {@code docker buildx build}, telling the
     * format by its content.
     *
     * @throws CostLogException when the file cannot be read, is cut or garbled ({@code file:line: what}), or is a
     *     {@code --metadata-file}, which holds no step times
     */
    public static StepCosts read(Path log) throws CostLogException {
        return of(BuildLog.vertices(log));
    }

    static StepCosts of(List<VertexRun> vertices) {
        List<VertexRun> stepRuns =
                vertices.stream().filter(v -> v.label() != null).toList();
        List<String> stages =
                stepRuns.stream().map(v -> v.label().stage()).distinct().toList();
        boolean singleStage = stages.size() <= 1;
        Map<String, List<VertexRun>> runsById = new LinkedHashMap<>();
        stepRuns.stream()
                .sorted(Comparator.comparingInt(
                                (VertexRun v) -> stages.indexOf(v.label().stage()))
                        .thenComparingInt(v -> v.label().number()))
                .forEach(v -> runsById.computeIfAbsent(id(v.label(), singleStage), k -> new ArrayList<>())
                        .add(v));
        Map<String, StepCost> steps = new LinkedHashMap<>();
        runsById.forEach((id, runs) -> cost(id, runs).ifPresent(cost -> steps.put(id, cost)));
        String soleStage = singleStage && !stages.isEmpty() ? stages.get(0) : null;
        return new StepCosts(Collections.unmodifiableMap(steps), soleStage);
    }

    private static String id(StepLabel label, boolean singleStage) {
        return singleStage ? Integer.toString(label.number()) : label.stage() + ":" + label.number();
    }

    /** A step from its vertices in log order; empty when the last one failed or had not ended. */
    private static Optional<StepCost> cost(String id, List<VertexRun> runs) {
        VertexRun last = runs.get(runs.size() - 1);
        if (last.ending() != Ending.DONE && last.ending() != Ending.CACHED) {
            return Optional.empty();
        }
        Duration total = runs.stream().map(VertexRun::ran).reduce(Duration.ZERO, Duration::plus);
        return Optional.of(new StepCost(id, last.label().text(), total, last.ending() == Ending.CACHED));
    }

    /** The steps the log measured, by step id: stages in the order the log first shows them, steps by number. */
    public Map<String, StepCost> steps() {
        return steps;
    }

    /** One step by the plugin's id, if the log measured it. */
    public Optional<StepCost> step(String stepId) {
        StepCost step = steps.get(stepId);
        if (step == null && soleStage != null && stepId.startsWith(soleStage + ":")) {
            step = steps.get(stepId.substring(soleStage.length() + 1));
        }
        return Optional.ofNullable(step);
    }

    /**
     * What rebuilding these steps cost in the logged build: the total time of those that ran there. Steps that were
     * cached in the log, or that it does not measure, add nothing; {@link #unmeasured} names them, and when there are
     * any the total is a lower bound.
     */
    public Duration costOf(Collection<String> stepIds) {
        return stepIds.stream()
                .map(this::step)
                .flatMap(Optional::stream)
                .filter(step -> !step.cached())
                .map(StepCost::duration)
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** Those of these steps whose cost the log cannot tell: cached there, or not in it (failed, unfinished, absent). */
    public List<String> unmeasured(Collection<String> stepIds) {
        return stepIds.stream()
                .filter(id -> step(id).map(StepCost::cached).orElse(true))
                .toList();
    }

    /** A duration as a report shows it: {@code 0.4 s}, {@code 41 s}, {@code 2 min 5 s}, {@code 1 h 3 min}. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration " + duration);
        }
        if (duration.isZero()) {
            return "0 s";
        }
        // Tenths of a second matter for a quick step only; a plain log prints no finer times anyway.
        long tenths = (duration.toMillis() + 50) / 100;
        if (tenths < 100) {
            return tenths / 10 + "." + tenths % 10 + " s";
        }
        long seconds = (duration.toMillis() + 500) / 1000;
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        long minutes = (seconds + 30) / 60;
        return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }
}
