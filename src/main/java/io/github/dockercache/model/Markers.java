package io.github.dockercache.model;

import io.github.dockercache.dockerfile.FromInstruction;
import io.github.dockercache.dockerfile.Instruction;
import java.util.Locale;

/**
 * The stability comments of a Dockerfile: {@code # dockercache:stable} or {@code # dockercache:unstable} directly
 * above an instruction marks its step, {@code # dockercache:stable-stage} or {@code # dockercache:unstable-stage}
 * directly above a FROM marks the whole stage.
 */
final class Markers {
    private static final String PREFIX = "dockercache:";
    private static final String STAGE_SUFFIX = "-stage";

    private Markers() {}

    /** {@code stable} or {@code unstable} for the instruction's own step, or null. */
    static String stepMarker(Instruction instruction) {
        return marker(instruction, "");
    }

    /** {@code stable} or {@code unstable} for the stage this FROM starts, or null. */
    static String stageMarker(FromInstruction from) {
        return marker(from, STAGE_SUFFIX);
    }

    /**
     * Why a marker on this instruction does nothing, or null: a stage marker belongs above a FROM, and a step marker
     * needs a step ({@code hasStep}), which BuildKit makes for neither ENV, ARG and the like nor a FROM of a stage.
     */
    static String misplaced(Instruction instruction, boolean hasStep) {
        String where = instruction.source().location().toString() + ": # " + PREFIX;
        String stage = marker(instruction, STAGE_SUFFIX);
        if (stage != null && !(instruction instanceof FromInstruction)) {
            return where + stage + STAGE_SUFFIX + " marks a stage and has no effect above "
                    + instruction.source().keyword() + ": put it directly above the stage's FROM";
        }
        String step = stepMarker(instruction);
        if (step != null && !hasStep) {
            return where + step + " has no effect: " + instruction.source().keyword()
                    + " at this line makes no build step"
                    + (instruction instanceof FromInstruction
                            ? "; to mark the whole stage, write # " + PREFIX + step + STAGE_SUFFIX + " above it"
                            : "");
        }
        return null;
    }

    private static String marker(Instruction instruction, String suffix) {
        for (String comment : instruction.source().comments()) {
            String text = comment.trim().toLowerCase(Locale.ROOT);
            for (String marker : new String[] {"stable", "unstable"}) {
                if (text.equals(PREFIX + marker + suffix)) {
                    return marker;
                }
            }
        }
        return null;
    }
}
