package io.github.dockercache.model;

import io.github.dockercache.dockerfile.DockerfileBytes;
import io.github.dockercache.dockerfile.Instruction;
import io.github.dockercache.dockerfile.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns a step's inputs into its keys and its {@link StepSnapshot} (cache-model §0, §1): a key over the parent's key and
 * the keyed inputs, an optimistic key without the inputs unknown offline, every input derived from a secret masked.
 */
final class StepRecorder {
    final List<StepSnapshot> steps = new ArrayList<>();
    private final Taint taint;
    private final WordExpander words;
    boolean singleStage;
    /** Set while the legacy builder runs ONBUILD triggers inside a FROM step: they chain keys but are no steps. */
    boolean insideFromStep;
    /** Why a trigger run inside that FROM step cannot be known offline: the FROM step's reason. */
    String fromStepUnknownReason;

    StepRecorder(Taint taint, WordExpander words) {
        this.taint = taint;
        this.words = words;
    }

    void addStep(
            Stage stage,
            StageState state,
            Instruction instruction,
            String kind,
            List<Map.Entry<String, String>> written,
            Map<String, String> origins,
            StepReads reads) {
        if (state.platformUnknownReason != null) {
            reads.mayDifferBecause(state.platformUnknownReason);
        }
        List<Map.Entry<String, String>> inputs = maskSecrets(state, written, reads);
        boolean parentUnknown = state.key == null && state.optimisticKey != null;
        List<Map.Entry<String, String>> keyed =
                inputs.stream().filter(e -> InputName.parse(e.getKey()).keyed()).toList();
        String key = parentUnknown || !reads.definitive ? null : Keys.hash(kind, state.key, keyed);
        List<Map.Entry<String, String>> optimisticInputs = keyed.stream()
                .filter(e -> InputName.parse(e.getKey()).optimistic())
                .toList();
        String optimisticKey = Keys.hash(kind, state.optimisticKey, optimisticInputs);
        if (insideFromStep) {
            // the legacy builder runs ONBUILD triggers inside its FROM step: they move the keys on but are no steps
            if (fromStepUnknownReason == null) {
                fromStepUnknownReason = reads.unknownReason;
            }
            state.key = key;
            state.optimisticKey = optimisticKey;
            return;
        }
        state.stepCount++;
        String id = singleStage ? Integer.toString(state.stepCount) : StageGraph.label(stage) + ":" + state.stepCount;
        SortedMap<String, String> shownInputs = new TreeMap<>(); // as BuildKit keys them, so bytes not UTF-8 as U+FFFD
        inputs.forEach(e -> shownInputs.put(e.getKey(), DockerfileBytes.coerced(e.getValue())));
        steps.add(new StepSnapshot(
                new StepPlace(
                        id,
                        StageGraph.label(stage),
                        stage.index(),
                        state.stepCount,
                        instruction.source().location().line(),
                        kind,
                        DockerfileBytes.coerced(instruction.source().text())),
                new StepKeys(key, optimisticKey, state.lastStepId, state.key, taint.scrub(reads.unknownReason)),
                new StepReadSet(
                        shownInputs,
                        new TreeMap<>(origins),
                        reads.distinctFiles(),
                        reads.sources.stream().map(taint::scrub).toList(),
                        reads.fromStage),
                Markers.stepMarker(instruction)));
        state.key = key;
        state.optimisticKey = optimisticKey;
        state.lastStepId = id;
        state.jarCopy = null; // a jar copy and its extraction are known only for the steps that follow them directly
        state.extraction = null;
    }

    /**
     * The inputs with every value derived from a secret masked (docs/secrets.md): through the key, else withheld,
     * and then the step is not compared. Secret are the variables the state marks, the working directory and user
     * when they are derived from a secret, the inputs {@code reads} marks, and, when the instruction's own
     * expansions read a secret, every input but those no expansion makes.
     */
    private List<Map.Entry<String, String>> maskSecrets(
            StageState state, List<Map.Entry<String, String>> inputs, StepReads reads) {
        List<Map.Entry<String, String>> masked = new ArrayList<>();
        boolean readsSecret = false;
        for (Map.Entry<String, String> input : inputs) {
            String name = input.getKey();
            InputName parsed = InputName.parse(name);
            boolean secret = reads.secretInputs.contains(name)
                    || switch (name) {
                        case "workdir" -> state.workdirSecret;
                        case "path" -> state.workdirSecret || words.instructionSecret;
                        case "user", "owner" -> state.userSecret;
                        default ->
                            parsed instanceof InputName.Variable variable
                                    ? state.secret.contains(variable.variable())
                                    : words.instructionSecret && !parsed.expansionFree();
                    };
            if (secret && input.getValue() != null) {
                readsSecret = true;
                masked.add(Map.entry(name, taint.mask(input.getValue())));
            } else {
                masked.add(input);
            }
        }
        if (readsSecret && !taint.canCompare()) {
            // the step's causes name the inputs, in the user's words (build arg X depends on a secret): this says why
            // and what to do, without saying that again
            reads.withheld("no secret key is configured, so values derived from a secret are not compared. Pass the"
                    + " secret with RUN --mount=type=secret, or set the key (DOCKERCACHE_SECRET_KEY, or the build"
                    + " tool's credentials; see docs/secrets.md)");
        }
        return masked;
    }
}
