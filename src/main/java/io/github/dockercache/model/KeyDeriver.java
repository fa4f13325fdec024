package io.github.dockercache.model;

import io.github.dockercache.dockerfile.ArgInstruction;
import io.github.dockercache.dockerfile.CopyInstruction;
import io.github.dockercache.dockerfile.Dockerfile;
import io.github.dockercache.dockerfile.FromInstruction;
import io.github.dockercache.dockerfile.Instruction;
import io.github.dockercache.dockerfile.RunInstruction;
import io.github.dockercache.dockerfile.Stage;
import io.github.dockercache.dockerfile.WorkdirInstruction;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * How one builder turns the instructions the {@link StageWalk} meets into steps and their inputs: {@link BuildKitKeys}
 * or {@link ClassicKeys}. Why a step misses is read in the one of them its build used. Both work with the walk's
 * warnings, word expander, step recorder and source reader, which this class hands them.
 */
abstract sealed class KeyDeriver permits BuildKitKeys, ClassicKeys {
    final StageWalk walk;
    final List<String> warnings;
    final WordExpander words;
    final StepRecorder recorder;
    final SourceReader sources;

    KeyDeriver(StageWalk walk) {
        this.walk = walk;
        this.warnings = walk.warnings;
        this.words = walk.words;
        this.recorder = walk.recorder;
        this.sources = walk.sources;
    }

    /** The stages the build runs to make {@code target}; {@code baseImage} is a stage's FROM image, expanded. */
    abstract Set<Integer> builtStages(Stage target, Function<Stage, String> baseImage) throws AnalysisException;

    /** The value of a variable the builder provides without a declaration's value, or null. */
    abstract String automaticArg(String name);

    /**
     * Whether a global ARG declared again without a value keeps the value before it (BuildKit 0.17 and later), rather
     * than unsetting it, an automatic platform arg's included (cache-model §2).
     */
    abstract boolean keepsGlobalArgWithoutValue();

    /** Refuses a FROM {@code --platform} the builder refuses, as it words it; {@code platform} is expanded. */
    abstract void checkPlatform(FromInstruction from, String platform) throws AnalysisException;

    /**
     * A stage built FROM the earlier stage {@code parent}: {@code state} is a copy of the parent's end state, to which
     * the parent's ONBUILD triggers are applied (cache-model §6).
     */
    abstract void fromStage(Stage stage, StageState state, Stage parent) throws AnalysisException;

    /** A stage built FROM scratch, whose key {@code state} holds. */
    abstract void fromScratch(Stage stage, StageState state);

    /** What the builder keys an image on, of what is known about it (null: nothing). */
    abstract BaseImage imageKey(BaseImage known);

    /** The value an ARG puts into the config, expanded before the ARG takes effect; null where that is no step. */
    abstract String argValue(StageState state, ArgInstruction arg) throws AnalysisException;

    /** What the builder says about the build as a whole: build arguments nothing reads, failed build checks. */
    abstract List<String> buildWarnings(Dockerfile dockerfile, Set<Integer> built);

    /** A RUN: the step, keyed on the inputs the builder reads for it. */
    abstract void run(Stage stage, StageState state, RunInstruction run) throws AnalysisException;

    /** A COPY or an ADD: the step, keyed on its flags and the content of its sources. */
    abstract void copy(Stage stage, StageState state, CopyInstruction copy) throws AnalysisException;

    /** A WORKDIR, once the state holds it; {@code path} is the directory resolved. */
    abstract void workdir(Stage stage, StageState state, WorkdirInstruction workdir, String path);

    /**
     * An instruction that only changes the image config: never a step in BuildKit (cache-model §6), a committed step in the
     * legacy builder, keyed by the instruction's (expanded) value on top of its parent image (cache-model §10).
     */
    abstract void configStep(Stage stage, StageState state, Instruction instruction, String value);
}
