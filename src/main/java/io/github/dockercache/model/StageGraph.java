package io.github.dockercache.model;

import io.github.dockercache.dockerfile.BuildKitVersion;
import io.github.dockercache.dockerfile.CopyInstruction;
import io.github.dockercache.dockerfile.Dockerfile;
import io.github.dockercache.dockerfile.Instruction;
import io.github.dockercache.dockerfile.RunInstruction;
import io.github.dockercache.dockerfile.Stage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Stage names, stage references and which stages BuildKit builds for a target (cache-model §1.3). */
final class StageGraph {
    private final List<Stage> stages;
    private final Map<String, Integer> indexByName = new HashMap<>();

    StageGraph(Dockerfile dockerfile) {
        this.stages = dockerfile.stages();
        for (Stage stage : stages) {
            if (stage.name() != null) {
                indexByName.putIfAbsent(stage.name().toLowerCase(Locale.ROOT), stage.index());
            }
        }
    }

    /** BuildKit's label for a stage: its name in lower case, else {@code stage-<index>}. */
    static String label(Stage stage) {
        return stage.name() == null ? "stage-" + stage.index() : stage.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The stage a {@code COPY --from} word names, by name or else by index, if it is an earlier stage; else null.
     */
    Stage resolve(String reference, int referringIndex) {
        if (reference == null) {
            return null;
        }
        Integer index = indexByName.get(reference.toLowerCase(Locale.ROOT));
        if (index == null && reference.chars().allMatch(Character::isDigit) && !reference.isEmpty()) {
            index = Integer.parseInt(reference);
        }
        return index != null && index < referringIndex ? stages.get(index) : null;
    }

    /**
     * The stage a FROM or {@code RUN --mount=from=} word names, if it is an earlier stage; else null. The frontend looks
     * these up by name only: {@code from=0} is the image {@code 0}, where {@code COPY --from=0} is the first stage.
     */
    Stage resolveName(String reference, int referringIndex) {
        Integer index = reference == null ? null : indexByName.get(reference.toLowerCase(Locale.ROOT));
        return index != null && index < referringIndex ? stages.get(index) : null;
    }

    /**
     * Why a mount's {@code from=} word that only an index makes a stage is an image, or null when it is not such a word:
     * BuildKit pulls the image, where the author likely meant the stage, as {@code COPY --from} would take it.
     */
    String indexOnly(String reference, int referringIndex) {
        Stage indexed = resolveName(reference, referringIndex) == null ? resolve(reference, referringIndex) : null;
        return indexed == null
                ? null
                : "names the image " + reference + ", not stage '" + label(indexed) + "': BuildKit finds a mount's"
                        + " from= by stage name only (COPY --from also takes an index)";
    }

    /** The stage an instruction's {@code --from} or {@code from=} word names: {@link #resolve} for COPY and ADD. */
    Stage source(String reference, int referringIndex, Instruction instruction) {
        return instruction instanceof CopyInstruction
                ? resolve(reference, referringIndex)
                : resolveName(reference, referringIndex);
    }

    /** The stage built for {@code target} (the last one when null), or an error naming the choices. */
    Stage target(String target) throws AnalysisException {
        if (target == null || target.isBlank()) {
            return stages.get(stages.size() - 1);
        }
        Integer index = indexByName.get(target.toLowerCase(Locale.ROOT));
        if (index == null) {
            List<String> names = stages.stream()
                    .filter(s -> s.name() != null)
                    .map(Stage::name)
                    .toList();
            throw new AnalysisException("target stage '" + target + "' could not be found; the Dockerfile names "
                    + (names.isEmpty() ? "no stages" : "the stages " + String.join(", ", names)));
        }
        return stages.get(index);
    }

    /**
     * The indexes of the stages BuildKit builds for the target stage, ascending: the target and, transitively, every
     * stage it builds FROM, copies from or mounts from, and from BuildKit 0.17 every stage that the ONBUILD triggers
     * it runs copy or mount from (cache-model §1.3).
     *
     * @param fromImage the expanded image word of a stage's FROM line
     */
    Set<Integer> reachable(
            Stage target, Function<Stage, String> fromImage, OnbuildTriggers triggers, BuildKitVersion version)
            throws AnalysisException {
        Set<Integer> reached = new TreeSet<>();
        Deque<Stage> pending = new ArrayDeque<>(List.of(target));
        while (!pending.isEmpty()) {
            Stage stage = pending.pop();
            if (!reached.add(stage.index())) {
                continue;
            }
            Stage parent = resolveName(fromImage.apply(stage), stage.index());
            List<Instruction> instructions = new ArrayList<>(stage.instructions());
            if (parent != null) {
                pending.push(parent);
                if (version.onbuildTriggersAddStages()) {
                    instructions.addAll(triggers.of(parent));
                }
            }
            for (Instruction instruction : instructions) {
                for (String source : sourcesOf(instruction)) {
                    Stage sourceStage = source(source, stage.index(), instruction);
                    if (sourceStage != null) {
                        pending.push(sourceStage);
                    }
                }
            }
        }
        return reached;
    }

    /** The indexes of the stages the image built for {@code target} is made of: it and the stages it is built FROM. */
    Set<Integer> chain(Stage target, Function<Stage, String> fromImage) {
        Set<Integer> chain = new TreeSet<>();
        for (Stage stage = target; stage != null; stage = resolveName(fromImage.apply(stage), stage.index())) {
            chain.add(stage.index());
        }
        return chain;
    }

    /**
     * The stage or image words an instruction reads from, {@code COPY --from} and {@code RUN --mount=from=}, as
     * written: the frontend finds stages by these words before it expands anything.
     */
    static List<String> sourcesOf(Instruction instruction) {
        List<String> sources = new ArrayList<>();
        if (instruction instanceof CopyInstruction copy && copy.from() != null) {
            sources.add(copy.from());
        } else if (instruction instanceof RunInstruction run) {
            for (String mount : run.mounts()) {
                String from = MountSpec.parse(mount).from();
                if (from != null) {
                    sources.add(from);
                }
            }
        }
        return sources;
    }
}
