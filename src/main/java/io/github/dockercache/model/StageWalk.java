package io.github.dockercache.model;

import static io.github.dockercache.model.CacheModel.IMAGE_CONFIG_ORIGIN;
import static io.github.dockercache.model.CacheModel.displayName;
import static io.github.dockercache.model.CacheModel.resolvePath;
import static io.github.dockercache.model.StepInputs.inputsOf;
import static io.github.dockercache.model.StepInputs.nullToEmpty;

import io.github.dockercache.context.BuildContext;
import io.github.dockercache.dockerfile.ArgDeclaration;
import io.github.dockercache.dockerfile.ArgInstruction;
import io.github.dockercache.dockerfile.CopyInstruction;
import io.github.dockercache.dockerfile.Dockerfile;
import io.github.dockercache.dockerfile.EnvInstruction;
import io.github.dockercache.dockerfile.FromInstruction;
import io.github.dockercache.dockerfile.Instruction;
import io.github.dockercache.dockerfile.KeyValue;
import io.github.dockercache.dockerfile.MetadataInstruction;
import io.github.dockercache.dockerfile.OnbuildInstruction;
import io.github.dockercache.dockerfile.RunInstruction;
import io.github.dockercache.dockerfile.ShellInstruction;
import io.github.dockercache.dockerfile.ShellLexer;
import io.github.dockercache.dockerfile.Stage;
import io.github.dockercache.dockerfile.UserInstruction;
import io.github.dockercache.dockerfile.VariableLookup;
import io.github.dockercache.dockerfile.WorkdirInstruction;
import io.github.dockercache.registry.DockerReference;
import io.github.dockercache.registry.ImageResolutionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Walks the stages a build runs, in order, and keeps what every builder keeps alike (cache-model §2, §6, §7): the global
 * ARGs, each stage's variables, WORKDIR, USER and SHELL, the image or stage a FROM names, the ONBUILD triggers a stage
 * runs, and the secrets that reach the image. Which instruction is a step, and with which inputs, is the builder's
 * {@link KeyDeriver}'s to say.
 *
 * <p>One file of about 400 lines because the walk is read in its order: global ARGs, then each stage's FROM, then its
 * instructions, each of which changes the state the next one sees.
 */
final class StageWalk {
    final BuildSettings settings;
    /** The build arguments BuildKit receives: {@code --build-arg} values and what the client adds (cache-model §7). */
    final Map<String, String> buildArgs;

    private final ImageDigests digests;
    private final Dockerfile dockerfile;
    final BuildContext context;
    final StageGraph graph;
    final OnbuildTriggers triggers;
    private final Map<String, String> globalArgs = new LinkedHashMap<>();
    private final Map<Integer, StageState> finishedStages = new HashMap<>();
    private final List<StageSnapshot> stages = new ArrayList<>();
    private final RecordedFiles files;
    final List<String> warnings = new ArrayList<>();
    final Taint taint;
    /** The global ARGs whose values are secret or derived from a secret. */
    private final Set<String> secretGlobals = new HashSet<>();

    final SecretExposures exposures = new SecretExposures();

    final WordExpander words;
    final StepRecorder recorder;
    final SourceReader sources;
    private final KeyDeriver deriver;

    StageWalk(BuildSettings settings, Dockerfile dockerfile, BuildContext context, ImageDigests digests) {
        this.settings = settings;
        this.buildArgs = settings.effectiveBuildArgs();
        this.digests = digests;
        this.dockerfile = dockerfile;
        this.context = context;
        this.graph = new StageGraph(dockerfile);
        this.triggers = new OnbuildTriggers(dockerfile, settings.buildkitVersion());
        this.files = new RecordedFiles(context.entries(), context.filesRoot());
        this.taint = new Taint(settings.secrets());
        this.words = new WordExpander(ShellLexer.forOneDockerfile(dockerfile.escapeChar()), taint);
        this.recorder = new StepRecorder(taint, words);
        this.sources = new SourceReader(context, files, graph, finishedStages, digests);
        this.deriver = settings.builder() == Builder.CLASSIC ? new ClassicKeys(this) : new BuildKitKeys(this);
    }

    Snapshot compute() throws AnalysisException {
        resolveGlobalArgs();
        Stage target = graph.target(settings.target());
        Map<Integer, String> baseImages = new HashMap<>();
        Set<Integer> secretBaseImages = new HashSet<>();
        for (Stage stage : dockerfile.stages()) {
            long reads = taint.reads();
            baseImages.put(stage.index(), expandGlobal(stage.from().image(), stage.from()));
            if (taint.reads() != reads) {
                secretBaseImages.add(stage.index());
            }
        }
        exposures.finalImageStages = graph.chain(target, stage -> baseImages.get(stage.index()));
        Set<Integer> reachable = deriver.builtStages(target, stage -> baseImages.get(stage.index()));
        recorder.singleStage = dockerfile.stages().size() == 1;
        for (int index : reachable) {
            Stage stage = dockerfile.stages().get(index);
            Stage baseStage = graph.resolveName(baseImages.get(index), index);
            stages.add(new StageSnapshot(
                    StageGraph.label(stage),
                    baseStage == null ? null : StageGraph.label(baseStage),
                    Markers.stageMarker(stage.from())));
            finishedStages.put(index, buildStage(stage, baseImages.get(index), secretBaseImages.contains(index)));
        }
        for (int index : reachable) {
            misplacedMarkers(dockerfile.stages().get(index));
        }
        exposures.exposeFinalEnv(finishedStages.get(target.index()));
        warnings.addAll(dockerfile.warnings().stream().map(Object::toString).toList());
        warnings.addAll(deriver.buildWarnings(dockerfile, reachable));
        return new Snapshot(
                Snapshot.FORMAT,
                Snapshot.VERSION,
                displayName(settings.contextDir(), settings.dockerfile()),
                settings.target(),
                maskedBuildArgs(),
                List.copyOf(recorder.steps),
                files.toMap(),
                warnings.stream().map(taint::scrub).toList(),
                List.of(),
                settings.builder(),
                List.copyOf(stages),
                null);
    }

    /** A stability comment that marks nothing is a mistake the user should hear about. */
    private void misplacedMarkers(Stage stage) {
        List<Instruction> instructions = new ArrayList<>(List.of(stage.from()));
        instructions.addAll(stage.instructions());
        for (Instruction instruction : instructions) {
            int line = instruction.source().location().line();
            boolean hasStep = recorder.steps.stream()
                    .anyMatch(s ->
                            s.place().stageIndex() == stage.index() && s.place().line() == line);
            String problem = Markers.misplaced(instruction, hasStep);
            if (problem != null) {
                warnings.add(problem);
            }
        }
    }

    /** The build args as given, the secret ones masked (docs/secrets.md). */
    private SortedMap<String, String> maskedBuildArgs() {
        SortedMap<String, String> masked = new TreeMap<>();
        buildArgs.forEach((name, value) -> masked.put(
                name, settings.secrets().isSecretArg(name, value) && value != null ? taint.mask(value) : value));
        return masked;
    }

    /** The indexes of the stages built so far. */
    Set<Integer> finishedStageIndexes() {
        return finishedStages.keySet();
    }

    // ---- global arguments (cache-model §2, §7) ----

    private void resolveGlobalArgs() throws AnalysisException {
        for (ArgInstruction arg : dockerfile.globalArgs()) {
            for (ArgDeclaration declaration : arg.args()) {
                String name = declaration.name();
                String value = buildArgs.get(name);
                boolean secret = settings.secrets().isSecretArg(name, value);
                if (value == null && declaration.defaultValue() != null) {
                    long reads = taint.reads();
                    value = words.expand(declaration.defaultValue(), globalLookup(), arg);
                    secret = settings.secrets().isSecretName(name) || taint.reads() != reads;
                }
                if (value == null && deriver.keepsGlobalArgWithoutValue()) {
                    continue; // the value before it stays, an automatic platform arg's included
                }
                globalArgs.put(name, value); // null: unset, automatic platform args too (before BuildKit 0.17)
                if (secret) {
                    secretGlobals.add(name);
                    taint.remember(value);
                } else {
                    secretGlobals.remove(name);
                }
            }
        }
    }

    /** FROM lines see the global ARGs and BuildKit's automatic platform arguments. */
    private VariableLookup globalLookup() {
        return taint.lookup(
                name -> globalArgs.containsKey(name) ? globalArgs.get(name) : deriver.automaticArg(name),
                secretGlobals);
    }

    /** The target's name as BuildKit's automatic TARGETSTAGE argument spells it. */
    String targetStageName() {
        if (settings.target() != null && !settings.target().isBlank()) {
            return settings.target();
        }
        Stage last = dockerfile.stages().get(dockerfile.stages().size() - 1);
        return last.name() == null ? "default" : last.name();
    }

    private String expandGlobal(String word, FromInstruction from) throws AnalysisException {
        return word == null ? null : words.expand(word, globalLookup(), from);
    }

    // ---- stages ----

    /** @param secretBaseImage true when the FROM image is derived from a secret */
    private StageState buildStage(Stage stage, String baseImage, boolean secretBaseImage) throws AnalysisException {
        FromInstruction from = stage.from();
        words.instructionSecret = false;
        Stage parentStage = graph.resolveName(baseImage, stage.index());
        StageState state;
        if (parentStage != null) {
            state = finishedStages.get(parentStage.index()).copy();
            state.stepCount = 0;
            deriver.fromStage(stage, state, parentStage);
        } else {
            state = new StageState(taint);
            String expandedPlatform = expandGlobal(from.platform(), from);
            deriver.checkPlatform(from, expandedPlatform);
            String platform = Platforms.keyedFromPlatform(from.platform(), expandedPlatform, targetStageName());
            StepReads reads = new StepReads();
            if (platform != null) {
                state.platformUnknownReason = Platforms.unknownReason(platform);
                if (words.instructionSecret) {
                    reads.secret(InputName.PLATFORM.toString());
                }
            }
            words.instructionSecret |= secretBaseImage;
            if (baseImage.equalsIgnoreCase("scratch")) {
                state.key = Keys.hash("scratch", null, inputsOf("platform", nullToEmpty(platform)));
                state.optimisticKey = state.key;
                deriver.fromScratch(stage, state);
            } else {
                List<Map.Entry<String, String>> inputs = new ArrayList<>();
                Optional<DockerReference> parsed = parseImage(baseImage);
                String image = parsed.map(DockerReference::toString).orElse(baseImage);
                inputs.add(InputName.IMAGE.entry(image));
                if (platform != null) {
                    inputs.add(InputName.PLATFORM.entry(platform));
                }
                boolean pinned = parsed.map(DockerReference::isPinned).orElse(false);
                // a reference derived from a secret is not looked up: a registry, or a message, would see it
                BaseImage known = words.instructionSecret
                        ? null
                        : deriver.imageKey(digests.imageOf(image, platform == null ? null : expandedPlatform));
                if (known != null && known.layers() != null) {
                    inputs.add(InputName.LAYERS.entry(known.layers())); // equal layers: cached, whatever the manifest
                    inputs.add(InputName.RECORDED_DIGEST.entry(known.digest()));
                } else if (known != null && !pinned) {
                    inputs.add(InputName.DIGEST.entry(known.digest())); // a pinned reference names its digest already
                }
                state.workdirFromImage = true; // until its config, WORKDIR included, is known
                if (known != null && known.config() != null) {
                    inputs.add(InputName.RECORDED_CONFIG.entry(Json.GSON.toJson(known.config())));
                    startFromConfig(state, known.config());
                }
                recorder.addStep(stage, state, from, "FROM", inputs, Map.of(), reads);
            }
        }
        for (Instruction instruction : stage.instructions()) {
            apply(stage, state, instruction);
        }
        return state;
    }

    /** A stage starts where its image's configuration says: its environment, working directory, user and shell. */
    private void startFromConfig(StageState state, BaseImage.Config config) {
        for (String entry : config.env()) {
            int equals = entry.indexOf('=');
            String name = equals < 0 ? entry : entry.substring(0, equals);
            state.setEnv(
                    name,
                    equals < 0 ? "" : entry.substring(equals + 1),
                    IMAGE_CONFIG_ORIGIN + "Env",
                    settings.secrets().isSecretName(name),
                    0);
        }
        state.workdirFromImage = false;
        if (!config.workingDir().isEmpty()) {
            state.workdir = resolvePath("/", config.workingDir());
            state.runWorkdir = state.workdir;
            state.workdirOrigin = IMAGE_CONFIG_ORIGIN + "WorkingDir";
        }
        if (!config.user().isEmpty()) {
            state.user = config.user();
            state.userOrigin = IMAGE_CONFIG_ORIGIN + "User";
        }
        if (!config.shell().isEmpty()) {
            state.shell = config.shell();
            state.shellOrigin = IMAGE_CONFIG_ORIGIN + "Shell";
        }
    }

    void apply(Stage stage, StageState state, Instruction instruction) throws AnalysisException {
        words.instructionSecret = false;
        if (instruction instanceof RunInstruction run) {
            deriver.run(stage, state, run);
        } else if (instruction instanceof CopyInstruction copy) {
            deriver.copy(stage, state, copy);
        } else if (instruction instanceof WorkdirInstruction workdir) {
            workdir(stage, state, workdir);
        } else if (instruction instanceof EnvInstruction env) {
            env(stage, state, env);
        } else if (instruction instanceof ArgInstruction arg) {
            arg(stage, state, arg);
        } else if (instruction instanceof UserInstruction user) {
            long reads = taint.reads();
            state.user = words.expand(user.user(), state.lookup(), user);
            state.userSecret = taint.reads() != reads;
            state.userOrigin = null;
            deriver.configStep(stage, state, user, state.user);
        } else if (instruction instanceof ShellInstruction shell) {
            state.shell = List.copyOf(shell.shell());
            state.shellOrigin = null;
            deriver.configStep(stage, state, shell, Json.array(state.shell));
        } else if (instruction instanceof OnbuildInstruction onbuild) {
            deriver.configStep(stage, state, onbuild, onbuild.trigger());
        } else if (instruction instanceof MetadataInstruction metadata) {
            deriver.configStep(
                    stage, state, metadata, ClassicRules.metadataValue(metadata, words::expandedWord, state));
        }
    }

    private void env(Stage stage, StageState state, EnvInstruction env) throws AnalysisException {
        // every pair of one ENV sees the environment from before the instruction (cache-model §8.5)
        VariableLookup before = state.lookupAsNow();
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> secret = new HashSet<>();
        for (KeyValue pair : env.pairs()) {
            long reads = taint.reads();
            values.put(pair.key(), words.expand(pair.value(), before, env));
            if (taint.reads() != reads || settings.secrets().isSecretName(pair.key())) {
                secret.add(pair.key());
            }
        }
        int line = env.source().location().line();
        String origin = "ENV at line " + line;
        values.forEach((name, value) -> state.setEnv(name, value, origin, secret.contains(name), line));
        words.instructionSecret |= !secret.isEmpty();
        deriver.configStep(stage, state, env, ClassicRules.assignments(values));
    }

    private void arg(Stage stage, StageState state, ArgInstruction arg) throws AnalysisException {
        int line = arg.source().location().line();
        String committed = deriver.argValue(state, arg); // expanded before this ARG takes effect
        for (ArgDeclaration declaration : arg.args()) {
            String name = declaration.name();
            String value;
            String origin;
            boolean secret = settings.secrets().isSecretName(name);
            if (buildArgs.containsKey(name)) {
                value = buildArgs.get(name);
                origin = buildArgOrigin(name) + ", declared by ARG at line " + line;
                secret = settings.secrets().isSecretArg(name, value);
            } else if (declaration.defaultValue() != null) {
                long reads = taint.reads();
                value = words.expand(declaration.defaultValue(), state.lookup(), arg);
                origin = "ARG default at line " + line;
                secret |= taint.reads() != reads;
            } else if (globalArgs.containsKey(name)) {
                value = globalArgs.get(name); // null: a global ARG without a value unset it (before 0.17)
                origin = "global ARG, re-declared at line " + line;
                secret |= secretGlobals.contains(name);
            } else {
                value = deriver.automaticArg(name);
                origin = "automatic platform ARG, declared at line " + line;
            }
            if (value != null) {
                state.setArg(name, value, origin, secret);
                // only a default shows in the instruction's own value (the legacy builder commits it)
                words.instructionSecret |= secret && declaration.defaultValue() != null;
            }
        }
        deriver.configStep(stage, state, arg, committed);
    }

    /** Where a build argument's value comes from: {@code --build-arg}, or the client's environment (cache-model §7). */
    String buildArgOrigin(String name) {
        return name.equals(BuildSettings.SOURCE_DATE_EPOCH) && settings.sourceDateEpochFromEnvironment()
                ? "the SOURCE_DATE_EPOCH environment variable, which docker buildx passes as a build argument"
                : "--build-arg " + name;
    }

    private void workdir(Stage stage, StageState state, WorkdirInstruction workdir) throws AnalysisException {
        long secretReads = taint.reads();
        String written = words.expand(workdir.path(), state.lookup(), workdir);
        String path = resolvePath(state.workdir, written);
        state.workdir = path;
        state.runWorkdir = written.startsWith("/") ? written : resolvePath(state.runWorkdir, written);
        state.workdirSecret = taint.reads() != secretReads || !written.startsWith("/") && state.workdirSecret;
        if (written.startsWith("/")) { // an absolute WORKDIR no longer depends on the image's
            state.workdirFromImage = false;
            state.workdirOrigin = null;
        }
        deriver.workdir(stage, state, workdir, path);
    }

    /**
     * The image in the one spelling BuildKit resolves it to ({@code busybox} = {@code docker.io/library/busybox:latest});
     * empty when it is not a valid reference, which BuildKit itself then rejects when it builds.
     */
    private static Optional<DockerReference> parseImage(String reference) {
        try {
            return Optional.of(DockerReference.parse(reference));
        } catch (ImageResolutionException e) {
            return Optional.empty();
        }
    }
}
