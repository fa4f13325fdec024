package io.github.dockercache.report;

import io.github.dockercache.compare.StepResult;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The steps grouped into stages, with the links between stages that the chain of keys follows: a stage
 * that builds FROM another continues that stage's last step, and a COPY --from (or a RUN mount) reads
 * the result of the other stage's last step.
 */
final class StageChain {
    /** One stage and its steps in build order. */
    record Lane(String stage, List<StepResult> steps) {}

    enum LinkKind {
        /** The stage's first step builds on another stage's last step. */
        FROM_STAGE,
        /** A step reads files from another stage: COPY --from, ADD --from, RUN --mount from=. */
        READS_STAGE
    }

    /** An edge between steps of two stages; {@code fromStep} is null when that stage has no step of its own. */
    record Link(LinkKind kind, String fromStage, String fromStep, String toStage, String toStep) {}

    private final List<Lane> lanes;
    private final List<Link> links;

    private StageChain(List<Lane> lanes, List<Link> links) {
        this.lanes = lanes;
        this.links = links;
    }

    /** The chain of a snapshot, with one result per step of it. */
    static StageChain of(Snapshot snapshot, List<StepResult> results) {
        Map<String, List<StepResult>> byStage = new LinkedHashMap<>();
        results.forEach(result ->
                byStage.computeIfAbsent(result.stage(), s -> new ArrayList<>()).add(result));
        List<Lane> lanes = byStage.entrySet().stream()
                .map(e -> new Lane(e.getKey(), List.copyOf(e.getValue())))
                .toList();

        Map<String, StepSnapshot> byId = new HashMap<>();
        Map<String, String> lastStepOfStage = new HashMap<>();
        for (StepSnapshot step : snapshot.steps()) {
            byId.put(step.place().id(), step);
            lastStepOfStage.put(step.place().stage(), step.place().id());
        }
        List<Link> links = new ArrayList<>();
        for (StepSnapshot step : snapshot.steps()) {
            StepSnapshot parent =
                    step.keys().parentId() == null ? null : byId.get(step.keys().parentId());
            if (parent != null && !parent.place().stage().equals(step.place().stage())) {
                links.add(new Link(
                        LinkKind.FROM_STAGE,
                        parent.place().stage(),
                        parent.place().id(),
                        step.place().stage(),
                        step.place().id()));
            }
            if (step.reads().fromStage() != null) {
                links.add(new Link(
                        LinkKind.READS_STAGE,
                        step.reads().fromStage(),
                        lastStepOfStage.get(step.reads().fromStage()),
                        step.place().stage(),
                        step.place().id()));
            }
        }
        return new StageChain(lanes, List.copyOf(links));
    }

    List<Lane> lanes() {
        return lanes;
    }

    List<Link> links() {
        return links;
    }

    /** The stage this lane builds FROM, if it continues another stage. */
    Optional<Link> baseOf(Lane lane) {
        return links.stream()
                .filter(link ->
                        link.kind() == LinkKind.FROM_STAGE && link.toStage().equals(lane.stage()))
                .findFirst();
    }

    /** The stage a step reads files from, if any. */
    Optional<Link> readBy(String stepId) {
        return links.stream()
                .filter(link ->
                        link.kind() == LinkKind.READS_STAGE && link.toStep().equals(stepId))
                .findFirst();
    }

    int laneIndex(String stage) {
        for (int i = 0; i < lanes.size(); i++) {
            if (lanes.get(i).stage().equals(stage)) {
                return i;
            }
        }
        return -1;
    }
}
