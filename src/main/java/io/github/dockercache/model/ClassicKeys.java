package io.github.dockercache.model;

import static io.github.dockercache.model.StepInputs.addCommand;
import static io.github.dockercache.model.StepInputs.inputsOf;
import static io.github.dockercache.model.StepInputs.nullToEmpty;

import io.github.dockercache.context.Selection;
import io.github.dockercache.dockerfile.ArgDeclaration;
import io.github.dockercache.dockerfile.ArgInstruction;
import io.github.dockercache.dockerfile.CopyInstruction;
import io.github.dockercache.dockerfile.Dockerfile;
import io.github.dockercache.dockerfile.DockerfileBytes;
import io.github.dockercache.dockerfile.FromInstruction;
import io.github.dockercache.dockerfile.Instruction;
import io.github.dockercache.dockerfile.RunInstruction;
import io.github.dockercache.dockerfile.Stage;
import io.github.dockercache.dockerfile.WorkdirInstruction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The legacy builder's steps and their inputs (cache-model §10, {@link ClassicRules}): every instruction is a committed
 * step keyed on its parent image; RUN by its command and the stage's build args, COPY and ADD by their sources' content
 * and paths, the rest by their (expanded) value.
 */
final class ClassicKeys extends KeyDeriver {
    ClassicKeys(StageWalk walk) {
        super(walk);
    }

    /** The legacy builder builds every stage up to the target, in file order, whether used or not. */
    @Override
    Set<Integer> builtStages(Stage target, Function<Stage, String> baseImage) {
        return ClassicRules.builtStages(target);
    }

    /** The legacy builder has no automatic platform arguments. */
    @Override
    String automaticArg(String name) {
        return null;
    }

    /** The legacy builder unsets a global ARG declared again without a value. */
    @Override
    boolean keepsGlobalArgWithoutValue() {
        return false;
    }

    /** Not refused for the legacy builder: the engines settled only BuildKit's refusal of an empty platform. */
    @Override
    void checkPlatform(FromInstruction from, String platform) {}

    /**
     * A stage built FROM another starts without its build args and runs that stage's ONBUILD triggers inside its FROM
     * step: they move the keys on but are no steps, and the FROM step is unknown when one of them is.
     */
    @Override
    void fromStage(Stage stage, StageState state, Stage parent) throws AnalysisException {
        state.dropBuildArgs();
        recorder.insideFromStep = true;
        for (Instruction trigger : walk.triggers.of(parent)) {
            walk.apply(stage, state, trigger);
        }
        recorder.insideFromStep = false;
        words.instructionSecret = false;
        StepReads triggerReads = new StepReads();
        if (recorder.fromStepUnknownReason != null) {
            triggerReads.mayDifferBecause(recorder.fromStepUnknownReason);
            recorder.fromStepUnknownReason = null;
        }
        recorder.addStep(
                stage,
                state,
                stage.from(),
                "FROM",
                inputsOf("stage", StageGraph.label(parent)),
                Map.of(),
                triggerReads);
    }

    /** FROM scratch is a step of its own. */
    @Override
    void fromScratch(Stage stage, StageState state) {
        recorder.addStep(stage, state, stage.from(), "FROM", inputsOf("image", "scratch"), Map.of(), new StepReads());
    }

    /** The legacy builder keys an image on its ID, the config's digest: it has no layer key. */
    @Override
    BaseImage imageKey(BaseImage known) {
        return known == null ? null : BaseImage.ofDigest(known.digest());
    }

    /** The legacy builder commits "ARG name=<default>", expanded before this ARG: a --build-arg value does not show. */
    @Override
    String argValue(StageState state, ArgInstruction arg) throws AnalysisException {
        Map<String, String> declared = new LinkedHashMap<>();
        for (ArgDeclaration declaration : arg.args()) {
            declared.put(
                    declaration.name(),
                    declaration.defaultValue() == null
                            ? null
                            : words.expand(declaration.defaultValue(), state.lookup(), arg));
        }
        return ClassicRules.assignments(declared);
    }

    /** Build checks are BuildKit's: the legacy builder makes none. */
    @Override
    List<String> buildWarnings(Dockerfile dockerfile, Set<Integer> built) {
        return UnconsumedBuildArgs.warning(dockerfile, built, walk.settings.buildArgs(), true).stream()
                .toList();
    }

    @Override
    void configStep(Stage stage, StageState state, Instruction instruction, String value) {
        recorder.addStep(
                stage,
                state,
                instruction,
                instruction.source().keyword(),
                inputsOf("config", value),
                Map.of(),
                new StepReads());
    }

    @Override
    void workdir(Stage stage, StageState state, WorkdirInstruction workdir, String path) {
        // every WORKDIR is a step, "/" too; its owner and the epoch are BuildKit's (cache-model §10)
        recorder.addStep(stage, state, workdir, "WORKDIR", inputsOf("path", path), Map.of(), new StepReads());
    }

    /**
     * The legacy builder's RUN (cache-model §10): the command and the stage's build args (not set by ENV) on top of the
     * parent image; ENV, WORKDIR, USER and SHELL are steps of their own, so the parent carries them.
     */
    @Override
    void run(Stage stage, StageState state, RunInstruction run) throws AnalysisException {
        ClassicRules.rejectBuildKitOnly(run);
        List<Map.Entry<String, String>> inputs = new ArrayList<>();
        Map<String, String> origins = new LinkedHashMap<>();
        addCommand(state, run, inputs, origins);
        for (Map.Entry<String, String> arg : new TreeMap<>(state.buildArgs()).entrySet()) {
            InputName name = new InputName.Variable(arg.getKey());
            inputs.add(name.entry(arg.getValue()));
            origins.put(name.toString(), state.origins.get(arg.getKey()));
        }
        StepReads reads = new StepReads();
        if (run.shellForm() && DockerfileBytes.firstInvalid(run.command().get(0)) >= 0) {
            reads.unknowable(ClassicRules.NEVER_REUSED_COMMAND);
        }
        recorder.addStep(stage, state, run, "RUN", inputs, origins, reads);
        walk.exposures.exposeToRun(stage, state, run);
        state.lastRunLine = run.source().location().line();
    }

    /**
     * The legacy builder's COPY and ADD (cache-model §10): the sources' content hashed with their paths, the destination as
     * written and {@code --chown}, on top of the parent image. {@code --exclude} and {@code --link} are ignored.
     */
    @Override
    void copy(Stage stage, StageState state, CopyInstruction copy) throws AnalysisException {
        ClassicRules.rejectBuildKitOnly(copy);
        String keyword = copy.add() ? "ADD" : "COPY";
        for (String ignored : ClassicRules.ignoredFlags(copy)) {
            warnings.add(copy.source().location() + ": " + keyword + " " + ignored
                    + " is ignored by the legacy builder (builder=classic)");
        }
        List<Map.Entry<String, String>> inputs = new ArrayList<>();
        inputs.add(Map.entry("dest", words.expand(copy.destination(), state.lookup(), copy)));
        inputs.add(Map.entry("chown", nullToEmpty(words.expandNullable(copy.chown(), state, copy))));
        StepReads reads = new StepReads();
        boolean anySource = false;
        for (int i = 0; i < copy.sources().size(); i++) {
            InputName.Source name = InputName.Source.copy(i);
            String source = words.expand(copy.sources().get(i), state.lookup(), copy);
            SourceContent content;
            if (copy.from() != null && !copy.from().isEmpty()) {
                content = sources.sourceContent(stage, copy.from(), source, null, List.of(), copy);
                anySource = true;
            } else if (copy.add() && RemoteSource.isRemote(source)) {
                content = new SourceContent(
                        List.of(Map.entry("url", source)),
                        List.of(),
                        null,
                        "the legacy builder downloads " + source + " on every build and reuses the step only if the"
                                + " file's name and content are unchanged, which takes a download to know",
                        false);
                anySource = true;
            } else {
                Selection selection = sources.select(source, null, List.of(), copy);
                ClassicRules.rejectCopiedFifo(copy, selection.entries());
                List<String> paths = sources.recordFiles(selection);
                anySource |= !paths.isEmpty();
                content = SourceContent.known(
                        List.of(Map.entry(InputName.Source.CHECKSUM, ClassicRules.contentHash(selection.entries()))),
                        paths);
            }
            reads.add(name, source, content, inputs);
        }
        if (!anySource) {
            throw new AnalysisException(copy.source().location() + ": " + keyword + " matches no file, and the legacy"
                    + " builder (builder=classic) fails with \"no source files were specified\"; fix the source"
                    + " pattern or build with BuildKit, which allows an empty match");
        }
        recorder.addStep(stage, state, copy, keyword, inputs, Map.of(), reads);
    }
}
