package io.github.dockercache.model;

import io.github.dockercache.dockerfile.CopyInstruction;
import io.github.dockercache.dockerfile.Instruction;
import io.github.dockercache.dockerfile.RunInstruction;
import io.github.dockercache.dockerfile.Stage;
import io.github.dockercache.dockerfile.WorkdirInstruction;

/**
 * How one builder turns the instructions the {@link StageWalk} meets into steps and their inputs: {@link BuildKitKeys}
 * or {@link ClassicKeys}. Why a step misses is read in the one of them its build used.
 */
interface KeyDeriver {
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
