package io.github.dockercache.model;

import io.github.dockercache.context.BuildContext;
import io.github.dockercache.context.ContextException;
import io.github.dockercache.context.EntryType;
import io.github.dockercache.context.FileEntry;
import io.github.dockercache.context.ParentsSource;
import io.github.dockercache.context.ScanProgress;
import io.github.dockercache.context.Selection;
import io.github.dockercache.dockerfile.ArgDeclaration;
import io.github.dockercache.dockerfile.ArgInstruction;
import io.github.dockercache.dockerfile.BaseImageConfigs;
import io.github.dockercache.dockerfile.BuildKitVersion;
import io.github.dockercache.dockerfile.CheckOptions;
import io.github.dockercache.dockerfile.CopyInstruction;
import io.github.dockercache.dockerfile.Dockerfile;
import io.github.dockercache.dockerfile.DockerfileBytes;
import io.github.dockercache.dockerfile.DockerfileException;
import io.github.dockercache.dockerfile.DockerfileReader;
import io.github.dockercache.dockerfile.EnvInstruction;
import io.github.dockercache.dockerfile.ExpansionException;
import io.github.dockercache.dockerfile.FromInstruction;
import io.github.dockercache.dockerfile.Heredoc;
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
import io.github.dockercache.files.FileLimitException;
import io.github.dockercache.files.IoReasons;
import io.github.dockercache.registry.DockerReference;
import io.github.dockercache.registry.ImageResolutionException;
import java.io.IOException;
import java.nio.file.Path;
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
import java.util.regex.Pattern;

/**
 * Computes every step's cache key the way BuildKit keys it (cache-model §1, §2, §3, §5, §6, §7, §11), or the legacy builder
 * when the settings ask for it (cache-model §10, {@link ClassicRules}).
 *
 * <p>A key is a hash over the parent step's key and the step's own named inputs, so equal keys mean
 * BuildKit finds the step in its cache, and a miss is sticky down the chain. Each step also carries an
 * optimistic key, computed as if every input that cannot be known offline came out unchanged; the
 * comparison uses it to tell "unknown" from "rebuilt".
 */
public final class CacheModel {
    /** Inputs whose name starts with this are left out of the optimistic key. */
    static final String UPSTREAM = "upstream:";
    /**
     * The input marking a step whose working directory (or relative COPY destination) is the image base's own
     * WORKDIR, unknown offline: the optimistic key assumes the image sets none, so BuildKit works in "/" (cache-model §6).
     */
    public static final String IMAGE_WORKDIR = UPSTREAM + "image-workdir";
    /** Inputs whose name starts with this are recorded for explanations and offline reuse, but key nothing. */
    public static final String UNKEYED = "unkeyed:";
    /** A FROM's input: the digest its tag stands for, keyed when the layers are not known. */
    public static final String DIGEST = "digest";
    /** A FROM's input: the ChainID of the image's layers, BuildKit's second key for an image (cache-model §2). */
    public static final String LAYERS = "layers";
    /** A FROM's digest where the layers key it. */
    public static final String RECORDED_DIGEST = UNKEYED + DIGEST;
    /** A FROM's image configuration ({@link BaseImage.Config} as JSON), where it was read. */
    public static final String RECORDED_CONFIG = UNKEYED + "config";
    /**
     * The origin of a value that a step reads from the base image's configuration; the field follows
     * ({@code the base image's config: Env}).
     */
    public static final String IMAGE_CONFIG_ORIGIN = "the base image's config: ";

    private static final String CONTEXT_STAGE = "context";
    private static final ShellLexer HEREDOC_BODY_LEXER = ShellLexer.forHeredocBody();
    /**
     * Inputs no expansion of their instruction makes: a RUN's environment, working directory and user (the stage
     * state says whether they are secret), its command and here-documents as written, context checksums, flags.
     */
    private static final Pattern EXPANSION_FREE = Pattern.compile(
            "env:.*|env-order|workdir|user|owner|command|heredoc\\[\\d+]|network|security|unpack|created|.*\\.checksum"
                    + "|" + Pattern.quote(UPSTREAM) + ".*");

    private final BuildSettings settings;
    /** The build arguments BuildKit receives: {@code --build-arg} values and what the client adds (cache-model §7). */
    private final Map<String, String> buildArgs;

    private final boolean classic;
    private final ImageDigests digests;
    private final Dockerfile dockerfile;
    private final BuildContext context;
    private final ShellLexer lexer;
    private final StageGraph graph;
    private final OnbuildTriggers triggers;
    private final Map<String, String> globalArgs = new LinkedHashMap<>();
    private final Map<Integer, StageState> finishedStages = new HashMap<>();
    private final List<StepSnapshot> steps = new ArrayList<>();
    private final List<StageSnapshot> stages = new ArrayList<>();
    private final RecordedFiles files;
    private final List<String> warnings = new ArrayList<>();
    private final Taint taint;
    /** The global ARGs whose values are secret or derived from a secret. */
    private final Set<String> secretGlobals = new HashSet<>();

    private final List<SecretExposure> exposures = new ArrayList<>();
    /** True once an expansion of the current instruction read a secret, or the instruction set a secret variable. */
    private boolean instructionSecret;
    /** The stages the built image is made of: the target and the stages it is built FROM. */
    private Set<Integer> finalImageStages = Set.of();

    private boolean singleStage;
    /** Set while the legacy builder runs ONBUILD triggers inside a FROM step: they chain keys but are no steps. */
    private boolean insideFromStep;
    /** Why a trigger run inside that FROM step cannot be known offline: the FROM step's reason. */
    private String fromStepUnknownReason;

    private CacheModel(BuildSettings settings, Dockerfile dockerfile, BuildContext context, ImageDigests digests) {
        this.settings = settings;
        this.buildArgs = settings.effectiveBuildArgs();
        this.classic = settings.builder() == Builder.CLASSIC;
        this.digests = digests;
        this.dockerfile = dockerfile;
        this.context = context;
        this.lexer = ShellLexer.forOneDockerfile(dockerfile.escapeChar());
        this.graph = new StageGraph(dockerfile);
        this.triggers = new OnbuildTriggers(dockerfile, settings.buildkitVersion());
        this.files = new RecordedFiles(context.entries(), context.filesRoot());
        this.taint = new Taint(settings.secrets());
    }

    /** Reads the Dockerfile and the context and computes the snapshot. */
    public static Snapshot snapshot(BuildSettings settings) throws AnalysisException {
        return snapshot(settings, null);
    }

    /**
     * As {@link #snapshot(BuildSettings)}, reusing file digests from {@code statCacheFile} (null for none)
     * for files whose metadata is unchanged; the result is the same with or without it.
     */
    public static Snapshot snapshot(BuildSettings settings, Path statCacheFile) throws AnalysisException {
        return analyse(settings, statCacheFile).snapshot();
    }

    /** The snapshot together with what it was computed from, for advice that looks at the Dockerfile and context. */
    public static Analysis analyse(BuildSettings settings, Path statCacheFile) throws AnalysisException {
        return analyse(settings, statCacheFile, ScanProgress.NONE);
    }

    /** As {@link #analyse(BuildSettings, Path)}, reporting the progress of a long walk of the context. */
    public static Analysis analyse(BuildSettings settings, Path statCacheFile, ScanProgress progress)
            throws AnalysisException {
        return analyse(settings, statCacheFile, progress, ImageDigests.NONE);
    }

    /** As {@link #analyse(BuildSettings, Path, ScanProgress)}, keying FROM on the digests {@code digests} knows. */
    public static Analysis analyse(
            BuildSettings settings, Path statCacheFile, ScanProgress progress, ImageDigests digests)
            throws AnalysisException {
        return analyse(settings, statCacheFile, progress, digests, BaseImageConfigs.NONE);
    }

    /**
     * As {@link #analyse(BuildSettings, Path, ScanProgress, ImageDigests)}; the build checks that need a base
     * image's configuration (UndefinedVar, InvalidBaseImagePlatform) are made where {@code configs} knows it.
     */
    public static Analysis analyse(
            BuildSettings settings,
            Path statCacheFile,
            ScanProgress progress,
            ImageDigests digests,
            BaseImageConfigs configs)
            throws AnalysisException {
        String text;
        try {
            text = DockerfileReader.readText(settings.dockerfile());
        } catch (FileLimitException e) {
            throw new AnalysisException(
                    "the Dockerfile " + displayName(settings.contextDir(), settings.dockerfile()) + " " + e.getMessage()
                            + " (docs/limits.md); check that the Dockerfile configured is the one meant",
                    e);
        } catch (IOException e) {
            throw new AnalysisException(
                    "cannot read the Dockerfile " + settings.dockerfile() + ": " + IoReasons.describe(e), e);
        }
        BuildContext context;
        try {
            // the legacy builder's client reads only <context>/.dockerignore, never <Dockerfile>.dockerignore
            Path ignoreFileOwner = settings.builder() == Builder.CLASSIC ? null : settings.dockerfile();
            context = BuildContext.scan(
                    settings.contextDir(), ignoreFileOwner, settings.platform(), statCacheFile, progress);
        } catch (ContextException e) {
            throw new AnalysisException(e.getMessage(), e);
        } catch (IOException e) {
            throw new AnalysisException(
                    "cannot read the build context " + settings.contextDir() + ": " + e.getMessage(), e);
        }
        return analyse(settings, text, context, digests, configs);
    }

    /**
     * As {@link #analyse(BuildSettings, Path, ScanProgress, ImageDigests, BaseImageConfigs)}, for a Dockerfile and a
     * context already read, from disk or not (a git commit's tree: {@link BuildContext#of}); the settings' paths then
     * only name them.
     */
    public static Analysis analyse(
            BuildSettings settings, String text, BuildContext context, ImageDigests digests, BaseImageConfigs configs)
            throws AnalysisException {
        String dockerfileName = displayName(settings.contextDir(), settings.dockerfile());
        CheckOptions checkOptions;
        try {
            checkOptions = CheckOptions.fromBuildArg(settings.buildArgs());
        } catch (IllegalArgumentException e) {
            throw new AnalysisException(
                    e.getMessage() + "; fix the " + CheckOptions.BUILD_ARG
                            + " build argument (e.g. skip=JSONArgsRecommended;error=true)",
                    e);
        }
        Dockerfile dockerfile;
        try {
            dockerfile =
                    DockerfileReader.parse(text, dockerfileName, configs, checkOptions, settings.buildkitVersion());
        } catch (DockerfileException e) {
            throw new AnalysisException(e.getMessage(), e);
        }
        CacheModel model = new CacheModel(settings, dockerfile, context, digests);
        Snapshot snapshot;
        try {
            snapshot = model.compute();
        } catch (AnalysisException e) {
            String message = model.taint.scrub(e.getMessage());
            // the cause may quote the secret: it goes where the message could not, into a stack trace
            throw message.equals(e.getMessage()) ? e : new AnalysisException(message);
        }
        return new Analysis(snapshot, dockerfile, DockerfileBytes.coerced(text), context, List.copyOf(model.exposures));
    }

    /**
     * The Dockerfile as the snapshot and messages name it: relative to the context, also when outside it (a Dockerfile
     * shared by the modules of a reactor, {@code ../../docker/Dockerfile}), so that a committed baseline holds no
     * absolute path; absolute only where no relative path leads there (another drive).
     */
    public static String displayName(Path contextDir, Path dockerfile) {
        Path absoluteContext = contextDir.toAbsolutePath().normalize();
        Path absoluteFile = dockerfile.toAbsolutePath().normalize();
        try {
            return absoluteContext.relativize(absoluteFile).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return absoluteFile.toString();
        }
    }

    private Snapshot compute() throws AnalysisException {
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
        finalImageStages = graph.chain(target, stage -> baseImages.get(stage.index()));
        Set<Integer> reachable = classic
                ? ClassicRules.builtStages(target)
                : graph.reachable(target, stage -> baseImages.get(stage.index()), triggers, settings.buildkitVersion());
        singleStage = dockerfile.stages().size() == 1;
        for (int index : reachable) {
            Stage stage = dockerfile.stages().get(index);
            Stage baseStage = graph.resolve(baseImages.get(index), index);
            stages.add(new StageSnapshot(
                    StageGraph.label(stage),
                    baseStage == null ? null : StageGraph.label(baseStage),
                    Markers.stageMarker(stage.from())));
            finishedStages.put(index, buildStage(stage, baseImages.get(index), secretBaseImages.contains(index)));
        }
        for (int index : reachable) {
            misplacedMarkers(dockerfile.stages().get(index));
        }
        exposeFinalEnv(finishedStages.get(target.index()));
        warnings.addAll(dockerfile.warnings().stream().map(Object::toString).toList());
        UnconsumedBuildArgs.warning(dockerfile, reachable, settings.buildArgs(), classic)
                .ifPresent(warnings::add);
        if (dockerfile.checkFailure() != null && !classic) {
            warnings.add("BuildKit fails this build before any step: " + dockerfile.checkFailure()
                    + " (error=true in the check options); fix those warnings or skip their rules");
        }
        return new Snapshot(
                Snapshot.FORMAT,
                Snapshot.VERSION,
                displayName(settings.contextDir(), settings.dockerfile()),
                settings.target(),
                maskedBuildArgs(),
                List.copyOf(steps),
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
            boolean hasStep = steps.stream().anyMatch(s -> s.stageIndex() == stage.index() && s.line() == line);
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

    /** The secret variables the ENVs of the image built leave in its configuration. */
    private void exposeFinalEnv(StageState finalState) {
        finalState.secretEnvLines.forEach((name, line) ->
                exposures.add(new SecretExposure(line, "ENV", name, finalState.origins.get(name), true)));
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
                    value = expand(declaration.defaultValue(), globalLookup(), arg);
                    secret = settings.secrets().isSecretName(name) || taint.reads() != reads;
                }
                if (value == null && !classic && settings.buildkitVersion().keepsGlobalArgWithoutValue()) {
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
                name -> globalArgs.containsKey(name) ? globalArgs.get(name) : automaticArg(name), secretGlobals);
    }

    /** BuildKit's automatic platform arguments; the legacy builder has none. */
    private String automaticArg(String name) {
        return classic ? null : Platforms.automaticArg(name, targetStageName());
    }

    private String targetStageName() {
        if (settings.target() != null && !settings.target().isBlank()) {
            return settings.target();
        }
        Stage last = dockerfile.stages().get(dockerfile.stages().size() - 1);
        return last.name() == null ? "default" : last.name();
    }

    private String expandGlobal(String word, FromInstruction from) throws AnalysisException {
        return word == null ? null : expand(word, globalLookup(), from);
    }

    // ---- stages ----

    /** @param secretBaseImage true when the FROM image is derived from a secret */
    private StageState buildStage(Stage stage, String baseImage, boolean secretBaseImage) throws AnalysisException {
        FromInstruction from = stage.from();
        instructionSecret = false;
        Stage parentStage = graph.resolve(baseImage, stage.index());
        StageState state;
        if (parentStage != null) {
            state = finishedStages.get(parentStage.index()).copy();
            state.stepCount = 0;
            if (classic) {
                state.dropBuildArgs();
            }
            insideFromStep = classic; // the legacy builder runs the triggers as part of its FROM step
            for (Instruction trigger : triggers.of(parentStage)) {
                if (!classic) {
                    triggers.requireBuiltSources(stage, parentStage, trigger, graph, finishedStages.keySet());
                }
                apply(stage, state, trigger); // a stage built FROM another runs that stage's ONBUILD triggers first
            }
            insideFromStep = false;
            instructionSecret = false;
            if (classic) {
                StepReads triggerReads = new StepReads();
                if (fromStepUnknownReason != null) {
                    triggerReads.mayDifferBecause(fromStepUnknownReason);
                    fromStepUnknownReason = null;
                }
                addStep(
                        stage,
                        state,
                        from,
                        "FROM",
                        inputsOf("stage", StageGraph.label(parentStage)),
                        Map.of(),
                        triggerReads);
            }
        } else {
            state = new StageState(taint);
            String platform = expandGlobal(from.platform(), from);
            if (platform != null && platform.isEmpty() && !classic) {
                throw refused(from, settings.buildkitVersion().emptyPlatformError(from.platform()), null);
            }
            instructionSecret |= secretBaseImage;
            if (baseImage.equalsIgnoreCase("scratch")) {
                state.key = Keys.hash("scratch", null, inputsOf("platform", nullToEmpty(platform)));
                state.optimisticKey = state.key;
                if (classic) {
                    addStep(stage, state, from, "FROM", inputsOf("image", "scratch"), Map.of(), new StepReads());
                }
            } else {
                List<Map.Entry<String, String>> inputs = new ArrayList<>();
                Optional<DockerReference> parsed = parseImage(baseImage);
                String image = parsed.map(DockerReference::toString).orElse(baseImage);
                inputs.add(Map.entry("image", image));
                if (platform != null) {
                    inputs.add(Map.entry("platform", platform));
                }
                boolean pinned = parsed.map(DockerReference::isPinned).orElse(false);
                // the legacy builder keys an image on its ID, the config's digest: it has no layer key (cache-model
                // §10)
                // a reference derived from a secret is not looked up: a registry, or a message, would see it
                BaseImage known = instructionSecret ? null : digests.imageOf(image, platform);
                if (known != null && classic) {
                    known = BaseImage.ofDigest(known.digest());
                }
                if (known != null && known.layers() != null) {
                    inputs.add(Map.entry(LAYERS, known.layers())); // equal layers: cached, whatever the manifest
                    inputs.add(Map.entry(RECORDED_DIGEST, known.digest()));
                } else if (known != null && !pinned) {
                    inputs.add(Map.entry(DIGEST, known.digest())); // a pinned reference names its digest already
                }
                state.workdirFromImage = true; // until its config, WORKDIR included, is known
                if (known != null && known.config() != null) {
                    inputs.add(Map.entry(RECORDED_CONFIG, Json.GSON.toJson(known.config())));
                    startFromConfig(state, known.config());
                }
                addStep(stage, state, from, "FROM", inputs, Map.of(), new StepReads());
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

    private void apply(Stage stage, StageState state, Instruction instruction) throws AnalysisException {
        instructionSecret = false;
        if (instruction instanceof RunInstruction run) {
            run(stage, state, run);
        } else if (instruction instanceof CopyInstruction copy) {
            copy(stage, state, copy);
        } else if (instruction instanceof WorkdirInstruction workdir) {
            workdir(stage, state, workdir);
        } else if (instruction instanceof EnvInstruction env) {
            env(stage, state, env);
        } else if (instruction instanceof ArgInstruction arg) {
            arg(stage, state, arg);
        } else if (instruction instanceof UserInstruction user) {
            long reads = taint.reads();
            state.user = expand(user.user(), state.lookup(), user);
            state.userSecret = taint.reads() != reads;
            state.userOrigin = null;
            configStep(stage, state, user, state.user);
        } else if (instruction instanceof ShellInstruction shell) {
            state.shell = List.copyOf(shell.shell());
            state.shellOrigin = null;
            configStep(stage, state, shell, Json.array(state.shell));
        } else if (instruction instanceof OnbuildInstruction onbuild) {
            configStep(stage, state, onbuild, onbuild.trigger());
        } else if (instruction instanceof MetadataInstruction metadata) {
            configStep(stage, state, metadata, ClassicRules.metadataValue(metadata, this::expandedWord, state));
        }
    }

    /**
     * An instruction that only changes the image config: never a step in BuildKit (cache-model §6), a committed step in the
     * legacy builder, keyed by the instruction's (expanded) value on top of its parent image (cache-model §10).
     */
    private void configStep(Stage stage, StageState state, Instruction instruction, String value) {
        if (classic) {
            addStep(
                    stage,
                    state,
                    instruction,
                    instruction.source().keyword(),
                    inputsOf("config", value),
                    Map.of(),
                    new StepReads());
        }
    }

    private String expandedWord(String word, StageState state, Instruction instruction) throws AnalysisException {
        return expand(word, state.lookup(), instruction);
    }

    private void env(Stage stage, StageState state, EnvInstruction env) throws AnalysisException {
        // every pair of one ENV sees the environment from before the instruction (cache-model §8.5)
        VariableLookup before = state.lookupAsNow();
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> secret = new HashSet<>();
        for (KeyValue pair : env.pairs()) {
            long reads = taint.reads();
            values.put(pair.key(), expand(pair.value(), before, env));
            if (taint.reads() != reads || settings.secrets().isSecretName(pair.key())) {
                secret.add(pair.key());
            }
        }
        int line = env.source().location().line();
        String origin = "ENV at line " + line;
        values.forEach((name, value) -> state.setEnv(name, value, origin, secret.contains(name), line));
        instructionSecret |= !secret.isEmpty();
        configStep(stage, state, env, ClassicRules.assignments(values));
    }

    private void arg(Stage stage, StageState state, ArgInstruction arg) throws AnalysisException {
        int line = arg.source().location().line();
        // the legacy builder commits "ARG name=<default>", expanded before this ARG: a --build-arg value does not show
        Map<String, String> declared = new LinkedHashMap<>();
        for (ArgDeclaration declaration : classic ? arg.args() : List.<ArgDeclaration>of()) {
            declared.put(
                    declaration.name(),
                    declaration.defaultValue() == null
                            ? null
                            : expand(declaration.defaultValue(), state.lookup(), arg));
        }
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
                value = expand(declaration.defaultValue(), state.lookup(), arg);
                origin = "ARG default at line " + line;
                secret |= taint.reads() != reads;
            } else if (globalArgs.containsKey(name)) {
                value = globalArgs.get(name); // null: a global ARG without a value unset it (before 0.17)
                origin = "global ARG, re-declared at line " + line;
                secret |= secretGlobals.contains(name);
            } else {
                value = automaticArg(name);
                origin = "automatic platform ARG, declared at line " + line;
            }
            if (value != null) {
                state.setArg(name, value, origin, secret);
                // only a default shows in the instruction's own value (the legacy builder commits it)
                instructionSecret |= secret && declaration.defaultValue() != null;
            }
        }
        configStep(stage, state, arg, ClassicRules.assignments(declared));
    }

    /** Where a build argument's value comes from: {@code --build-arg}, or the client's environment (cache-model §7). */
    private String buildArgOrigin(String name) {
        return name.equals(BuildSettings.SOURCE_DATE_EPOCH) && settings.sourceDateEpochFromEnvironment()
                ? "the SOURCE_DATE_EPOCH environment variable, which docker buildx passes as a build argument"
                : "--build-arg " + name;
    }

    private void workdir(Stage stage, StageState state, WorkdirInstruction workdir) throws AnalysisException {
        long secretReads = taint.reads();
        String written = expand(workdir.path(), state.lookup(), workdir);
        String path = resolvePath(state.workdir, written);
        state.workdir = path;
        state.runWorkdir = written.startsWith("/") ? written : resolvePath(state.runWorkdir, written);
        state.workdirSecret = taint.reads() != secretReads || !written.startsWith("/") && state.workdirSecret;
        if (written.startsWith("/")) { // an absolute WORKDIR no longer depends on the image's
            state.workdirFromImage = false;
            state.workdirOrigin = null;
        }
        if (classic) {
            // every WORKDIR is a step, "/" too; its owner and the epoch are BuildKit's (cache-model §10)
            addStep(stage, state, workdir, "WORKDIR", inputsOf("path", path), Map.of(), new StepReads());
            return;
        }
        if (path.equals("/")) {
            return; // BuildKit makes no step for WORKDIR /
        }
        List<Map.Entry<String, String>> inputs = new ArrayList<>();
        inputs.add(Map.entry("path", path));
        inputs.add(Map.entry("owner", CopyFlags.chownKey(state.user))); // the directory's owner, parsed as --chown
        Map<String, String> origins = new LinkedHashMap<>();
        putOrigin(origins, "path", state.workdirOrigin);
        putOrigin(origins, "owner", state.userOrigin);
        String epoch = buildArgs.get(BuildSettings.SOURCE_DATE_EPOCH);
        if (epoch != null && settings.buildkitVersion().workdirHonoursSourceDateEpoch()) {
            inputs.add(Map.entry("created", epoch)); // the directory is stamped with it (cache-model §7)
            origins.put("created", buildArgOrigin(BuildSettings.SOURCE_DATE_EPOCH));
        }
        StepReads reads = new StepReads();
        markImageWorkdir(state, inputs, reads);
        addStep(stage, state, workdir, "WORKDIR", inputs, origins, reads);
    }

    private void run(Stage stage, StageState state, RunInstruction run) throws AnalysisException {
        if (classic) {
            classicRun(stage, state, run);
            return;
        }
        List<Map.Entry<String, String>> inputs = new ArrayList<>();
        Map<String, String> origins = new LinkedHashMap<>();
        addCommand(state, run, inputs, origins);
        if (settings.buildkitVersion().requiresUtf8Commands()) {
            rejectBytesNotUtf8(run);
        }
        for (Map.Entry<String, String> variable : state.env.entrySet()) {
            inputs.add(Map.entry("env:" + variable.getKey(), variable.getValue()));
            origins.put("env:" + variable.getKey(), state.origins.get(variable.getKey()));
        }
        inputs.add(Map.entry("env-order", String.join(" ", state.envNames())));
        inputs.add(Map.entry("workdir", state.runWorkdir));
        inputs.add(Map.entry("user", state.user));
        putOrigin(origins, "workdir", state.workdirOrigin);
        putOrigin(origins, "user", state.userOrigin);
        // RUN --network=default is the build's --network, which is what BuildKit keys (cache-model §5)
        boolean buildNetwork = run.network() == null || run.network().equals("default");
        if ("host".equals(run.network())) {
            // an entitlement, not a key input: Docker 28 and 26 alike refuse the build without it
            warnings.add(run.source().location() + ": RUN --network=host needs the network.host entitlement: docker"
                    + " build fails with \"network.host is not allowed\" unless it is given --allow network.host");
        }
        inputs.add(Map.entry("network", buildNetwork ? nullToEmpty(settings.network()) : run.network()));
        inputs.add(Map.entry("security", nullToEmpty(run.security())));
        FrontendArgs.addHostname(buildArgs, inputs, origins);
        StepReads reads = new StepReads();
        int sshMounts = 0;
        for (int i = 0; i < run.mounts().size(); i++) {
            MountSpec mount = MountSpec.parse(expand(run.mounts().get(i), state.lookup(), run), sshMounts);
            if (mount.type().equals("ssh")) {
                sshMounts++;
            }
            if (mount.invalid() != null) {
                throw refused(run, mount.invalid(), null);
            }
            String name = "mount[" + i + "]";
            inputs.add(Map.entry(name, mount.canonical()));
            FrontendArgs.addCacheName(buildArgs, name, mount, state.workdir, inputs, origins);
            if (!mount.readsContent()) {
                continue; // what a cache holds, secrets, ssh sockets and tmpfs never enter the key (cache-model §5)
            }
            String source = mount.source() == null ? "/" : mount.source();
            reads.add(name, source, sourceContent(stage, mount.from(), source, null, List.of(), run), inputs);
        }
        markImageWorkdir(state, inputs, reads);
        BootExtraction.JarCopy copiedJar = state.jarCopy;
        addStep(stage, state, run, "RUN", inputs, origins, reads);
        exposeToRun(stage, state, run);
        state.lastRunLine = run.source().location().line();
        if (copiedJar != null) {
            String environment = copiedJar.parentKey() == null
                    ? null
                    : Keys.hash(
                            "spring-boot-extraction",
                            copiedJar.parentKey(),
                            concat(copiedJar.inputs(), keyedOnly(inputs)));
            state.extraction = BootExtraction.of(run, copiedJar, state.workdir, environment, context.filesRoot());
        }
    }

    /** Every secret variable a RUN has in its environment reaches its layer's history (docs/secrets.md). */
    private void exposeToRun(Stage stage, StageState state, RunInstruction run) {
        for (String name : state.env.keySet()) {
            if (state.secret.contains(name)) {
                exposures.add(new SecretExposure(
                        run.source().location().line(),
                        "RUN",
                        name,
                        state.origins.get(name),
                        finalImageStages.contains(stage.index())));
            }
        }
    }

    private void copy(Stage stage, StageState state, CopyInstruction copy) throws AnalysisException {
        if (classic) {
            classicCopy(stage, state, copy);
            return;
        }
        String keyword = copy.add() ? "ADD" : "COPY";
        List<Map.Entry<String, String>> inputs = new ArrayList<>();
        String destination = expand(copy.destination(), state.lookup(), copy);
        inputs.add(Map.entry("dest", resolveDestination(state.workdir, destination)));
        Map<String, String> origins = new LinkedHashMap<>();
        StepReads reads = new StepReads();
        if (!destination.startsWith("/")) {
            putOrigin(origins, "dest", state.workdirOrigin);
            if (state.workdirSecret) {
                reads.secret("dest");
            }
        }
        inputs.add(Map.entry("chown", CopyFlags.chownKey(expandNullable(copy.chown(), state, copy))));
        try {
            inputs.add(Map.entry(
                    "chmod",
                    CopyFlags.chmodKey(expandNullable(copy.chmod(), state, copy), settings.buildkitVersion())));
        } catch (CopyFlags.InvalidChmod e) {
            throw refused(copy, e.getMessage(), e);
        }
        String checksum = expandNullable(copy.checksum(), state, copy);
        List<String> excludes = new ArrayList<>();
        for (String exclude : copy.excludes()) {
            excludes.add(expand(exclude, state.lookup(), copy));
        }
        inputs.add(Map.entry("exclude", String.join(" ", excludes)));
        if (copy.add()) {
            inputs.add(Map.entry("unpack", copy.unpack() == null ? "auto" : copy.unpack()));
        }
        Map<String, Heredoc> heredocs = new HashMap<>();
        for (Heredoc heredoc : copy.heredocs()) {
            heredocs.put(heredoc.name(), heredoc);
        }
        if (checksum != null && !checksum.isEmpty()) {
            checkChecksumSource(copy, state, heredocs);
        }
        for (int i = 0; i < copy.sources().size(); i++) {
            String name = "src[" + i + "]";
            String word = copy.sources().get(i);
            Heredoc heredoc = heredocFor(word, heredocs);
            if (heredoc != null) {
                // BuildKit writes the body into a file: expanded (which makes it UTF-8), else byte for byte
                String content = heredoc.expand()
                        ? Keys.hash(expand(HEREDOC_BODY_LEXER, heredoc.content(), state.lookup(), copy))
                        : Keys.hashRaw(heredoc.content());
                inputs.add(Map.entry(name, heredoc.name()));
                inputs.add(Map.entry(name + ".content", content));
                continue;
            }
            String source = expand(word, state.lookup(), copy);
            // --parents copies from the root before a /./ pivot (else the context root), filtered by the rest
            ParentsSource parents = copy.parents() ? ParentsSource.of(source) : null;
            inputs.add(Map.entry(name, baseName(parents == null ? source : parents.root())));
            if (parents != null) {
                inputs.add(Map.entry(name + ".parents", parents.pattern()));
            }
            SourceContent content = copy.add() && copy.from() == null && RemoteSource.isRemote(source)
                    ? RemoteSource.content(source, checksum, copy.keepGitDir())
                    : sourceContent(stage, copy.from(), source, parents, excludes, copy);
            reads.add(name, source, content, inputs);
        }
        if (!destination.startsWith("/")) {
            markImageWorkdir(state, inputs, reads);
        }
        String parentKey = state.key;
        addStep(stage, state, copy, keyword, inputs, origins, reads);
        state.jarCopy = copiedJar(copy, parentKey, inputs, reads);
    }

    /**
     * The one jar a plain COPY from the context puts into the stage, for a RUN after it that extracts it
     * ({@link BootExtraction}); null for any other COPY.
     */
    private BootExtraction.JarCopy copiedJar(
            CopyInstruction copy, String parentKey, List<Map.Entry<String, String>> inputs, StepReads reads) {
        if (copy.add()
                || copy.from() != null
                || copy.parents()
                || !copy.excludes().isEmpty()
                || copy.sources().size() != 1
                || !copy.heredocs().isEmpty()
                || reads.files.size() != 1) {
            return null;
        }
        String file = reads.files.get(0);
        FileEntry entry = context.entries().get(file);
        if (entry == null || entry.type() != EntryType.FILE || !file.endsWith(".jar")) {
            return null;
        }
        String destination = inputs.stream()
                .filter(e -> e.getKey().equals("dest"))
                .findFirst()
                .orElseThrow()
                .getValue();
        String imagePath = destination.endsWith("/") ? destination + baseName(file) : destination;
        String checksum = inputs.stream()
                .filter(e -> e.getKey().endsWith(".checksum"))
                .findFirst()
                .orElseThrow()
                .getValue();
        return new BootExtraction.JarCopy(
                file,
                imagePath,
                checksum,
                parentKey,
                keyedOnly(inputs).stream()
                        .filter(e -> !e.getKey().endsWith(".checksum"))
                        .toList());
    }

    private static List<Map.Entry<String, String>> keyedOnly(List<Map.Entry<String, String>> inputs) {
        return inputs.stream().filter(e -> !e.getKey().startsWith(UNKEYED)).toList();
    }

    private static List<Map.Entry<String, String>> concat(
            List<Map.Entry<String, String>> a, List<Map.Entry<String, String>> b) {
        List<Map.Entry<String, String>> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * BuildKit's checks of {@code ADD --checksum} (dispatchCopy, add-checksum-local-rejected): one source, and a URL
     * (or, from 0.22, a git repository).
     */
    private void checkChecksumSource(CopyInstruction copy, StageState state, Map<String, Heredoc> heredocs)
            throws AnalysisException {
        List<String> paths = copy.sources().stream()
                .filter(word -> heredocFor(word, heredocs) == null)
                .toList();
        if (paths.size() != 1) {
            throw refused(copy, "checksum can't be specified for multiple sources", null);
        }
        String source = expand(paths.get(0), state.lookup(), copy);
        BuildKitVersion version = settings.buildkitVersion();
        if (!RemoteSource.isHttp(source) && !(RemoteSource.isGit(source) && version.acceptsGitChecksum())) {
            throw refused(copy, version.checksumSourceError(), null);
        }
    }

    /** A Dockerfile BuildKit refuses while converting it, with its words; located, as the build output shows it. */
    private AnalysisException refused(Instruction instruction, String message, Exception cause) {
        return new AnalysisException(instruction.source().location() + ": " + message, cause);
    }

    /**
     * Marks a step that depends on the image base's own WORKDIR: its definitive key tells "the image's" from any
     * WORKDIR the Dockerfile sets, "/" included, while its optimistic key takes the image to set none.
     */
    private static void markImageWorkdir(StageState state, List<Map.Entry<String, String>> inputs, StepReads reads) {
        if (state.workdirFromImage) {
            inputs.add(Map.entry(IMAGE_WORKDIR, "(image default)"));
            reads.mayDifferBecause("the base image's own WORKDIR is not known offline: the step is cached if the image"
                    + " sets none (BuildKit then works in /), rebuilt if it sets another directory");
        }
    }

    /** Records where an input's value comes from, when it is known to come from somewhere worth naming. */
    private static void putOrigin(Map<String, String> origins, String input, String origin) {
        if (origin != null) {
            origins.put(input, origin);
        }
    }

    /**
     * The command as the builder runs it (BuildKit's dispatchRun, heredoc-variants): exec form as written, shell
     * form after the SHELL. A RUN that is one heredoc runs the body (after {@code <<-} tab stripping), so neither the
     * delimiter nor its quotes count; a body starting with {@code #!} becomes a script file, keyed by its bytes. Any
     * other RUN hands the shell its line and each body as written, tabs included.
     */
    private static void addCommand(
            StageState state, RunInstruction run, List<Map.Entry<String, String>> inputs, Map<String, String> origins) {
        List<String> args = new ArrayList<>();
        if (run.shellForm()) {
            args.addAll(state.shell);
            origins.put("shell", Json.array(state.shell)); // part of "command"; kept apart to name a SHELL change
            putOrigin(origins, "command", state.shellOrigin);
        }
        Heredoc script = run.soleHeredoc();
        if (script == null) {
            args.addAll(run.command());
            inputs.add(Map.entry("command", Json.array(args)));
            for (int i = 0; i < run.heredocs().size(); i++) {
                inputs.add(Map.entry("heredoc[" + i + "]", run.heredocs().get(i).content()));
            }
        } else if (script.content().startsWith("#!")) {
            args.add("/dev/pipes/" + script.name());
            inputs.add(Map.entry("command", Json.array(args)));
            inputs.add(Map.entry("script", Keys.hashRaw(script.body())));
        } else {
            args.add(script.body());
            inputs.add(Map.entry("command", Json.array(args)));
        }
    }

    /**
     * BuildKit 0.17 and later put the RUN's text, and the bodies its shell runs, into the build definition as protobuf
     * strings, which must be UTF-8: a byte that is not fails the whole build, without a location
     * (dockerfile-invalid-utf8-run). A script's body is a file of bytes; only its first line shows in the step's name.
     */
    private void rejectBytesNotUtf8(RunInstruction run) throws AnalysisException {
        List<String> texts = new ArrayList<>(List.of(run.source().text()));
        Heredoc script = run.soleHeredoc();
        if (script == null) {
            run.heredocs().forEach(heredoc -> texts.add(heredoc.content()));
        } else {
            texts.add(
                    script.content().startsWith("#!")
                            ? script.content().strip().lines().findFirst().orElse("")
                            : script.body());
        }
        for (String text : texts) {
            int at = DockerfileBytes.firstInvalid(text);
            if (at >= 0) {
                throw refused(
                        run,
                        "this RUN holds the byte " + DockerfileBytes.describe(text.charAt(at)) + ", which is"
                                + " not UTF-8, and BuildKit " + settings.buildkitVersion()
                                + " fails the build (0.17 and later"
                                + " do; write the text as UTF-8): failed to marshal LLB definition: string field contains"
                                + " invalid UTF-8",
                        null);
            }
        }
    }

    /**
     * The legacy builder's RUN (cache-model §10): the command and the stage's build args (not set by ENV) on top of the
     * parent image; ENV, WORKDIR, USER and SHELL are steps of their own, so the parent carries them.
     */
    private void classicRun(Stage stage, StageState state, RunInstruction run) throws AnalysisException {
        ClassicRules.rejectBuildKitOnly(run);
        List<Map.Entry<String, String>> inputs = new ArrayList<>();
        Map<String, String> origins = new LinkedHashMap<>();
        addCommand(state, run, inputs, origins);
        for (Map.Entry<String, String> arg : new TreeMap<>(state.buildArgs()).entrySet()) {
            inputs.add(Map.entry("env:" + arg.getKey(), arg.getValue()));
            origins.put("env:" + arg.getKey(), state.origins.get(arg.getKey()));
        }
        StepReads reads = new StepReads();
        if (run.shellForm() && DockerfileBytes.firstInvalid(run.command().get(0)) >= 0) {
            reads.unknowable(ClassicRules.NEVER_REUSED_COMMAND);
        }
        addStep(stage, state, run, "RUN", inputs, origins, reads);
        exposeToRun(stage, state, run);
        state.lastRunLine = run.source().location().line();
    }

    /**
     * The legacy builder's COPY and ADD (cache-model §10): the sources' content hashed with their paths, the destination as
     * written and {@code --chown}, on top of the parent image. {@code --exclude} and {@code --link} are ignored.
     */
    private void classicCopy(Stage stage, StageState state, CopyInstruction copy) throws AnalysisException {
        ClassicRules.rejectBuildKitOnly(copy);
        String keyword = copy.add() ? "ADD" : "COPY";
        for (String ignored : ClassicRules.ignoredFlags(copy)) {
            warnings.add(copy.source().location() + ": " + keyword + " " + ignored
                    + " is ignored by the legacy builder (builder=classic)");
        }
        List<Map.Entry<String, String>> inputs = new ArrayList<>();
        inputs.add(Map.entry("dest", expand(copy.destination(), state.lookup(), copy)));
        inputs.add(Map.entry("chown", nullToEmpty(expandNullable(copy.chown(), state, copy))));
        StepReads reads = new StepReads();
        boolean anySource = false;
        for (int i = 0; i < copy.sources().size(); i++) {
            String name = "src[" + i + "]";
            String source = expand(copy.sources().get(i), state.lookup(), copy);
            SourceContent content;
            if (copy.from() != null && !copy.from().isEmpty()) {
                content = sourceContent(stage, copy.from(), source, null, List.of(), copy);
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
                Selection selection = select(source, null, List.of(), copy);
                ClassicRules.rejectCopiedFifo(copy, selection.entries());
                List<String> paths = recordFiles(selection);
                anySource |= !paths.isEmpty();
                content = SourceContent.known(
                        List.of(Map.entry("checksum", ClassicRules.contentHash(selection.entries()))), paths);
            }
            reads.add(name, source, content, inputs);
        }
        if (!anySource) {
            throw new AnalysisException(copy.source().location() + ": " + keyword + " matches no file, and the legacy"
                    + " builder (builder=classic) fails with \"no source files were specified\"; fix the source"
                    + " pattern or build with BuildKit, which allows an empty match");
        }
        addStep(stage, state, copy, keyword, inputs, Map.of(), reads);
    }

    private static Heredoc heredocFor(String word, Map<String, Heredoc> heredocs) {
        if (heredocs.isEmpty() || !word.startsWith("<<")) {
            return null;
        }
        String name = word.replaceFirst("^<<-?", "").replace("\"", "").replace("'", "");
        return heredocs.get(name);
    }

    /**
     * What a COPY source or a bind mount reads: files of the context, of an earlier stage, or of an
     * image. BuildKit compares stage sources by content; offline that content is known only when the
     * stage itself is unchanged.
     *
     * @param parents how a {@code COPY --parents} source splits, else null
     */
    private SourceContent sourceContent(
            Stage stage,
            String from,
            String source,
            ParentsSource parents,
            List<String> excludes,
            Instruction instruction)
            throws AnalysisException {
        if (from == null || from.isEmpty()) {
            Selection selection = select(source, parents, excludes, instruction);
            return SourceContent.known(List.of(Map.entry("checksum", selection.checksum())), recordFiles(selection));
        }
        Stage sourceStage = graph.resolve(from, stage.index());
        if (sourceStage == null) {
            return ImageSource.content(from, source, digests);
        }
        StageState sourceState = finishedStages.get(sourceStage.index());
        String label = StageGraph.label(sourceStage);
        String reason = "reads " + source + " from stage '" + label + "'"
                + (sourceState.lastRunLine > 0 ? ", whose files come from RUN at line " + sourceState.lastRunLine : "")
                + ": BuildKit reuses this step only if those files come out byte-identical, which takes a real build to know";
        BootExtraction.LayerSource layer = sourceState.extraction == null
                        || !(instruction instanceof CopyInstruction)
                        || parents != null
                        || !excludes.isEmpty()
                ? null
                : sourceState.extraction.read(source);
        if (layer != null && layer.content() != null) {
            return layer.content().fromStage(label, source);
        }
        if (layer != null) {
            reason += " (Spring Boot's layers are predicted from the jar only when the extraction works: "
                    + layer.problem() + ")";
        }
        return new SourceContent(
                List.of(
                        Map.entry("stage", label),
                        Map.entry("path", source),
                        Map.entry(UPSTREAM + "stage-key", String.valueOf(sourceState.key))),
                List.of(),
                label,
                reason,
                sourceState.key != null);
    }

    /** @param parents how a {@code COPY --parents} source splits, else null */
    private Selection select(String source, ParentsSource parents, List<String> excludes, Instruction instruction)
            throws AnalysisException {
        try {
            return parents == null ? context.select(source, excludes) : context.select(parents, excludes);
        } catch (ContextException e) {
            throw new AnalysisException(instruction.source().location() + ": " + e.getMessage(), e);
        }
    }

    /** Keeps the selected context entries for explanations; returns their paths. */
    private List<String> recordFiles(Selection selection) {
        List<String> paths = new ArrayList<>();
        for (FileEntry entry : selection.entries()) {
            if (!entry.path().isEmpty()) {
                files.add(entry);
                paths.add(entry.path());
            }
        }
        return paths;
    }

    // ---- steps ----

    private void addStep(
            Stage stage,
            StageState state,
            Instruction instruction,
            String kind,
            List<Map.Entry<String, String>> written,
            Map<String, String> origins,
            StepReads reads) {
        List<Map.Entry<String, String>> inputs = maskSecrets(state, written, reads);
        boolean parentUnknown = state.key == null && state.optimisticKey != null;
        List<Map.Entry<String, String>> keyed =
                inputs.stream().filter(e -> !e.getKey().startsWith(UNKEYED)).toList();
        String key = parentUnknown || !reads.definitive ? null : Keys.hash(kind, state.key, keyed);
        List<Map.Entry<String, String>> optimisticInputs =
                keyed.stream().filter(e -> !e.getKey().startsWith(UPSTREAM)).toList();
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
                id,
                StageGraph.label(stage),
                stage.index(),
                state.stepCount,
                instruction.source().location().line(),
                kind,
                DockerfileBytes.coerced(instruction.source().text()),
                key,
                optimisticKey,
                state.lastStepId,
                state.key,
                taint.scrub(reads.unknownReason),
                shownInputs,
                new TreeMap<>(origins),
                reads.distinctFiles(),
                reads.sources.stream().map(taint::scrub).toList(),
                reads.fromStage,
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
            boolean secret = reads.secretInputs.contains(name)
                    || switch (name) {
                        case "workdir" -> state.workdirSecret;
                        case "path" -> state.workdirSecret || instructionSecret;
                        case "user", "owner" -> state.userSecret;
                        default ->
                            name.startsWith("env:")
                                    ? state.secret.contains(name.substring(4))
                                    : instructionSecret
                                            && !EXPANSION_FREE.matcher(name).matches();
                    };
            if (secret && input.getValue() != null) {
                readsSecret = true;
                masked.add(Map.entry(name, taint.mask(input.getValue())));
            } else {
                masked.add(input);
            }
        }
        if (readsSecret && !taint.canCompare()) {
            // the step's causes name the inputs, in the user's words (build arg X, WORKDIR)
            reads.withheld("depends on a secret, not compared: no secret key is configured. Pass the secret with"
                    + " RUN --mount=type=secret, or set the key (DOCKERCACHE_SECRET_KEY, or a <server> in settings.xml;"
                    + " see docs/secrets.md)");
        }
        return masked;
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

    // ---- words and paths ----

    private String expand(String word, VariableLookup variables, Instruction instruction) throws AnalysisException {
        return expand(lexer, word, variables, instruction);
    }

    /**
     * Expands a word; a result that read a secret is secret, and so is the instruction. An error of an expansion that
     * read a secret may quote it (a pattern, a {@code ${V:?message}}): only the word as written is named then.
     */
    private String expand(ShellLexer with, String word, VariableLookup variables, Instruction instruction)
            throws AnalysisException {
        long reads = taint.reads();
        try {
            String result = with.processWord(word, variables);
            if (taint.reads() != reads) {
                instructionSecret = true;
                taint.remember(result);
            }
            return result;
        } catch (ExpansionException e) {
            if (taint.reads() != reads) {
                throw new AnalysisException(instruction.source().location() + ": failed to process \"" + word
                        + "\": the word reads a secret, so the reason, which may quote it, is not shown");
            }
            throw new AnalysisException(instruction.source().location() + ": " + e.getMessage(), e);
        }
    }

    private String expandNullable(String word, StageState state, Instruction instruction) throws AnalysisException {
        return word == null ? null : expand(word, state.lookup(), instruction);
    }

    /** WORKDIR: relative paths join the current directory (cache-model §6). */
    static String resolvePath(String workdir, String path) {
        String joined = path.startsWith("/") ? path : workdir + "/" + path;
        return Path.of("/").resolve(joined).normalize().toString().replace('\\', '/');
    }

    /** COPY destinations: relative to WORKDIR; a trailing slash or {@code .} means "into the directory". */
    private static String resolveDestination(String workdir, String destination) {
        boolean intoDirectory = destination.endsWith("/") || destination.equals(".") || destination.isEmpty();
        String resolved = resolvePath(workdir, destination);
        return intoDirectory && !resolved.endsWith("/") ? resolved + "/" : resolved;
    }

    private static String baseName(String source) {
        String trimmed = source.replaceAll("/+$", "");
        int slash = trimmed.lastIndexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(slash + 1);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static List<Map.Entry<String, String>> inputsOf(String name, String value) {
        return List.of(Map.entry(name, value));
    }
}
