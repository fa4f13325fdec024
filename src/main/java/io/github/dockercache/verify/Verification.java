package io.github.dockercache.verify;

import io.github.dockercache.compare.StepResult;
import io.github.dockercache.compare.Verdict;
import io.github.dockercache.cost.StepCost;
import io.github.dockercache.cost.StepCosts;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The plugin's prediction for every step, lined up with what the engine did in a logged build.
 *
 * <p>Base-image steps (FROM of an image) are not compared: the engine never rebuilds them, and when stages share a
 * base it prints that vertex once, under one of their labels. BuildKit solves steps with equal keys once and prints
 * them under one label, so a step the log leaves out takes the status of the earlier step with its key.
 *
 * @param rows every compared step, in build order
 * @param cache whether the log shows the baseline's build in the engine's cache
 * @param coldStages the stages whose cache the engine evidently did not hold, in build order (all of them when
 *     {@code cache} is {@link Cache#COLD})
 */
public record Verification(List<Row> rows, Cache cache, List<String> coldStages) {

    /** What the engine did with a step in the logged build. */
    public enum EngineStatus {
        CACHED,
        BUILT;

        /** As a report says it: {@code cached}, {@code rebuilt}. */
        public String word() {
            return this == CACHED ? "cached" : "rebuilt";
        }
    }

    /** How a step's prediction and the engine compare. */
    public enum Agreement {
        AGREES,
        /** The plugin said unknown, with its reason: whatever the engine did is allowed. */
        UNKNOWN,
        /** The log does not show the step (it failed, did not finish, or another target was built). */
        NOT_LOGGED,
        /** The engine's cache did not hold the baseline's build of what the step builds on: nothing to compare. */
        NOT_VERIFIED,
        DISAGREES
    }

    /** Whether the engine's cache, as the log shows it, held the baseline's build. */
    public enum Cache {
        /** It did, as far as the log tells (per stage: see {@link #coldStages}). */
        BASELINE,
        /** The engine ran every step, the unchanged ones too: its cache held nothing of the baseline's build. */
        COLD,
        /** The engine took every step from its cache, the changed ones too: the cache held this very build already. */
        WARM
    }

    /**
     * One compared step.
     *
     * @param prediction the plugin's verdict, keys and causes
     * @param step the inputs the key was computed from
     * @param engine what the engine did, or null when the log does not show the step
     * @param agreement how the two compare
     */
    public record Row(StepResult prediction, StepSnapshot step, EngineStatus engine, Agreement agreement) {}

    /** The rows that disagree. */
    public List<Row> disagreements() {
        return rows.stream()
                .filter(row -> row.agreement() == Agreement.DISAGREES)
                .toList();
    }

    public long count(Agreement agreement) {
        return rows.stream().filter(row -> row.agreement() == agreement).count();
    }

    /**
     * Lines the prediction up with the log.
     *
     * @param predictions the plugin's verdicts for the current snapshot against the baseline
     * @param current the current snapshot, whose keys say which steps BuildKit solves as one
     * @param log the logged build
     * @throws LogMismatchException when the log is of another Dockerfile, target or build
     */
    public static Verification of(List<StepResult> predictions, Snapshot current, StepCosts log)
            throws LogMismatchException {
        Map<String, StepSnapshot> steps = new LinkedHashMap<>();
        current.steps().forEach(step -> steps.put(step.place().id(), step));
        List<Row> rows = new ArrayList<>();
        Set<String> claimed = new HashSet<>();
        Map<String, String> firstWithKey = new HashMap<>();
        for (StepResult prediction : predictions) {
            StepSnapshot step = steps.get(prediction.stepId());
            Optional<StepCost> logged = log.step(prediction.stepId());
            logged.ifPresent(cost -> claimed.add(cost.stepId()));
            if (step != null && step.keys().key() != null && !isBaseImage(prediction)) {
                String first = firstWithKey.putIfAbsent(step.keys().key(), prediction.stepId());
                if (logged.isEmpty() && first != null) {
                    logged = log.step(first); // solved once, printed under the first label
                }
            }
            if (isBaseImage(prediction)) {
                continue;
            }
            if (logged.isPresent()) {
                requireSameInstruction(prediction, logged.get());
            }
            EngineStatus engine = logged.map(cost -> cost.cached() ? EngineStatus.CACHED : EngineStatus.BUILT)
                    .orElse(null);
            rows.add(new Row(prediction, step, engine, agreement(prediction.verdict(), engine)));
        }
        for (StepCost cost : log.steps().values()) {
            if (!claimed.contains(cost.stepId()) && !cost.text().startsWith("FROM ")) {
                throw new LogMismatchException("the log has a step " + cost.stepId() + " (" + cost.text()
                        + ") that the Dockerfile, as the plugin reads it for this target, does not");
            }
        }
        if (rows.stream().allMatch(row -> row.engine() == null)) {
            throw new LogMismatchException("the log shows none of the Dockerfile's steps ("
                    + (log.steps().isEmpty() ? "it holds no Dockerfile step at all" : "only base images") + ")");
        }
        return judgeCache(rows, current);
    }

    /** A log of another Dockerfile (or commit) shows another instruction at the same step. */
    private static void requireSameInstruction(StepResult prediction, StepCost cost) throws LogMismatchException {
        // BuildKit logs a step that an ONBUILD trigger of the base stage adds as "ONBUILD <instruction>"
        String logged = cost.text()
                .replaceFirst("(?i)^ONBUILD\\s+", "")
                .split("\\s", 2)[0]
                .toUpperCase(Locale.ROOT);
        if (!logged.equals(prediction.instruction())) {
            throw new LogMismatchException("the log's step " + cost.stepId() + " is '" + cost.text()
                    + "', the Dockerfile's is '" + prediction.text() + "' (line " + prediction.line() + ")");
        }
    }

    private static boolean isBaseImage(StepResult prediction) {
        return prediction.instruction().equals("FROM");
    }

    private static Agreement agreement(Verdict verdict, EngineStatus engine) {
        if (verdict == Verdict.UNKNOWN) {
            return Agreement.UNKNOWN;
        }
        if (engine == null) {
            return Agreement.NOT_LOGGED;
        }
        boolean agrees = verdict == Verdict.CACHED ? engine == EngineStatus.CACHED : engine == EngineStatus.BUILT;
        return agrees ? Agreement.AGREES : Agreement.DISAGREES;
    }

    /**
     * Whether the engine's cache held the baseline's build, from the log alone. Globally: the engine ran every logged
     * step although the plugin finds some unchanged (cold), or took every one from its cache although the plugin finds
     * some changed (warm). Per stage: the engine ran the stage's first step, which the plugin finds unchanged, and every
     * later one; a step that reads such a stage, and what follows it, is not verified either when the engine ran it.
     */
    private static Verification judgeCache(List<Row> rows, Snapshot current) {
        List<Row> logged = rows.stream().filter(row -> row.engine() != null).toList();
        boolean predictsCached =
                logged.stream().anyMatch(row -> row.prediction().verdict() == Verdict.CACHED);
        boolean predictsRebuilt =
                logged.stream().anyMatch(row -> row.prediction().verdict() == Verdict.REBUILT);
        if (predictsCached && logged.stream().allMatch(row -> row.engine() == EngineStatus.BUILT)) {
            List<String> stages = rows.stream()
                    .map(row -> row.prediction().stage())
                    .distinct()
                    .toList();
            return new Verification(notVerified(rows, row -> true), Cache.COLD, stages);
        }
        if (predictsRebuilt && logged.stream().allMatch(row -> row.engine() == EngineStatus.CACHED)) {
            return new Verification(notVerified(rows, row -> true), Cache.WARM, List.of());
        }
        Set<String> cold = new LinkedHashSet<>();
        Map<String, List<Row>> byStage = new LinkedHashMap<>();
        rows.forEach(row -> byStage.computeIfAbsent(row.prediction().stage(), s -> new ArrayList<>())
                .add(row));
        byStage.forEach((stage, stageRows) -> {
            Row first = stageRows.get(0);
            boolean firstUnchangedYetRun =
                    first.prediction().verdict() == Verdict.CACHED && first.engine() == EngineStatus.BUILT;
            if (firstUnchangedYetRun && stageRows.stream().allMatch(row -> row.engine() != EngineStatus.CACHED)) {
                cold.add(stage);
            }
        });
        if (cold.isEmpty()) {
            return new Verification(rows, Cache.BASELINE, List.of());
        }
        // a step reading a cold stage, and the rest of its chain, ran for that stage's sake
        Set<String> runForCold = new HashSet<>();
        Set<String> chainsRunForCold = new HashSet<>();
        for (Row row : rows) {
            String stage = row.prediction().stage();
            boolean ran = row.engine() == EngineStatus.BUILT;
            boolean readsCold = row.step() != null
                    && row.step().reads().fromStage() != null
                    && cold.contains(row.step().reads().fromStage());
            if (ran && (readsCold || chainsRunForCold.contains(stage))) {
                chainsRunForCold.add(stage);
                runForCold.add(row.prediction().stepId());
            }
        }
        return new Verification(
                notVerified(
                        rows,
                        row -> cold.contains(row.prediction().stage())
                                || runForCold.contains(row.prediction().stepId())),
                Cache.BASELINE,
                List.copyOf(cold));
    }

    /** The rows, those the test selects no longer compared unless the plugin said unknown anyway. */
    private static List<Row> notVerified(List<Row> rows, Predicate<Row> unverifiable) {
        return rows.stream()
                .map(row -> unverifiable.test(row) && row.agreement() != Agreement.UNKNOWN && row.engine() != null
                        ? new Row(row.prediction(), row.step(), row.engine(), Agreement.NOT_VERIFIED)
                        : row)
                .toList();
    }
}
