package io.github.dockercache.model;

import io.github.dockercache.dockerfile.ArgInstruction;
import io.github.dockercache.dockerfile.CopyInstruction;
import io.github.dockercache.dockerfile.Dockerfile;
import io.github.dockercache.dockerfile.Instruction;
import io.github.dockercache.dockerfile.RunInstruction;
import io.github.dockercache.dockerfile.Stage;
import io.github.dockercache.dockerfile.WorkdirInstruction;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * How one builder turns the instructions the {@link StageWalk} meets into steps and their inputs: {@link BuildKitKeys}
 * or {@link ClassicKeys}. Why a step misses is read in the one of them its build used.
 */
interface KeyDeriver {
    /** The stages the build runs to make {@code target}; {@code baseImage} is a stage's FROM image, expanded. */
    Set<Integer> builtStages(Stage target, Function<Stage, String> baseImage) throws AnalysisException;

    /** The value of a variable the builder provides without a declaration's value, or null. */
    String automaticArg(String name);

    /**
     * A stage built FROM the earlier stage {@code parent}: {@code state} is a copy of the parent's end state, to which
     * the parent's ONBUILD triggers are applied (cache-model §6).
     */
    void fromStage(Stage stage, StageState state, Stage parent) throws AnalysisException;

    /** A stage built FROM scratch, whose key {@code state} holds. */
    void fromScratch(Stage stage, StageState state);

    /** What the builder keys an image on, of what is known about it (null: nothing). */
    BaseImage imageKey(BaseImage known);

    /** The value an ARG puts into the config, expanded before the ARG takes effect; null where that is no step. */
    String argValue(StageState state, ArgInstruction arg) throws AnalysisException;

    /** What the builder says about the build as a whole: build arguments nothing reads, failed build checks. */
    List<String> buildWarnings(Dockerfile dockerfile, Set<Integer> built);

    void run(Stage stage, StageState state, RunInstruction run) throws AnalysisException;

    void copy(Stage stage, StageState state, CopyInstruction copy) throws AnalysisException;

    /** A WORKDIR, once the state holds it; {@code path} is the directory resolved. */
    void workdir(Stage stage, StageState state, WorkdirInstruction workdir, String path);

    /**
     * An instruction that only changes the image config: never a step in BuildKit (cache-model §6), a committed step in the
     * legacy builder, keyed by the instruction's (expanded) value on top of its parent image (cache-model §10).
     */
    void configStep(Stage stage, StageState state, Instruction instruction, String value);
}
