package io.github.dockercache.model;

import static io.github.dockercache.model.CacheModel.resolvePath;
import static io.github.dockercache.model.StepInputs.addCommand;
import static io.github.dockercache.model.StepInputs.nullToEmpty;
import static io.github.dockercache.model.StepInputs.putOrigin;

import io.github.dockercache.context.BuildContext;
import io.github.dockercache.context.EntryType;
import io.github.dockercache.context.FileEntry;
import io.github.dockercache.context.GoPath;
import io.github.dockercache.context.ParentsSource;
import io.github.dockercache.dockerfile.ArgInstruction;
import io.github.dockercache.dockerfile.BuildKitVersion;
import io.github.dockercache.dockerfile.CopyInstruction;
import io.github.dockercache.dockerfile.Dockerfile;
import io.github.dockercache.dockerfile.DockerfileBytes;
import io.github.dockercache.dockerfile.FromInstruction;
import io.github.dockercache.dockerfile.Heredoc;
import io.github.dockercache.dockerfile.Instruction;
import io.github.dockercache.dockerfile.RunInstruction;
import io.github.dockercache.dockerfile.ShellLexer;
import io.github.dockercache.dockerfile.Stage;
import io.github.dockercache.dockerfile.WorkdirInstruction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * BuildKit's steps and their inputs (cache-model §3, §5, §6, §7): RUN with its environment, working directory,
 * user, network and mounts; COPY and ADD with their flags and the content of their sources; WORKDIR but for {@code /}.
 * Instructions that only change the image config are no steps.
 *
 * <p>One file of about 400 lines so that "why did this BuildKit step miss" is answered in one place; what is shared
 * with the legacy builder lives in {@link StageWalk}, {@link SourceReader} and {@link StepRecorder}.
 */
final class BuildKitKeys extends KeyDeriver {
    private static final ShellLexer HEREDOC_BODY_LEXER = ShellLexer.forHeredocBody();
    private final BuildSettings settings;
    private final Map<String, String> buildArgs;
    private final BuildContext context;

    BuildKitKeys(StageWalk walk) {
        super(walk);
        this.settings = walk.settings;
        this.buildArgs = walk.buildArgs;
        this.context = walk.context;
    }

    @Override
    Set<Integer> builtStages(Stage target, Function<Stage, String> baseImage) throws AnalysisException {
        return walk.graph.reachable(target, baseImage, walk.triggers, settings.buildkitVersion());
    }

    /** BuildKit's automatic platform arguments. */
    @Override
    String automaticArg(String name) {
        return Platforms.automaticArg(name, walk.targetStageName());
    }

    @Override
    boolean keepsGlobalArgWithoutValue() {
        return settings.buildkitVersion().keepsGlobalArgWithoutValue();
    }

    @Override
    void checkPlatform(FromInstruction from, String platform) throws AnalysisException {
        if (platform != null && platform.isEmpty()) {
            throw refused(from, settings.buildkitVersion().emptyPlatformError(from.platform()), null);
        }
    }

    /** A stage built FROM another runs that stage's ONBUILD triggers first, as steps of its own. */
    @Override
    void fromStage(Stage stage, StageState state, Stage parent) throws AnalysisException {
        for (Instruction trigger : walk.triggers.of(parent)) {
            walk.triggers.requireBuiltSources(stage, parent, trigger, walk.graph, walk.finishedStageIndexes());
            walk.apply(stage, state, trigger);
        }
    }

    @Override
    void fromScratch(Stage stage, StageState state) {
        // no step: the next step builds on the key of scratch
    }

    @Override
    BaseImage imageKey(BaseImage known) {
        return known;
    }

    @Override
    String argValue(StageState state, ArgInstruction arg) {
        return null; // an ARG is no step
    }

    @Override
    List<String> buildWarnings(Dockerfile dockerfile, Set<Integer> built) {
        List<String> found = new ArrayList<>();
        UnconsumedBuildArgs.warning(dockerfile, built, settings.buildArgs(), false)
                .ifPresent(found::add);
        if (dockerfile.checkFailure() != null) {
            found.add("BuildKit fails this build before any step: " + dockerfile.checkFailure()
                    + " (error=true in the check options); fix those warnings or skip their rules");
        }
        return found;
    }

    @Override
    void configStep(Stage stage, StageState state, Instruction instruction, String value) {
        // BuildKit makes no step for it: the config is part of the image, not of a later step's key
    }

    @Override
    void workdir(Stage stage, StageState state, WorkdirInstruction workdir, String path) {
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
            origins.put("created", walk.buildArgOrigin(BuildSettings.SOURCE_DATE_EPOCH));
        }
        StepReads reads = new StepReads();
        markImageWorkdir(state, inputs, reads);
        recorder.addStep(stage, state, workdir, "WORKDIR", inputs, origins, reads);
    }

    @Override
    void run(Stage stage, StageState state, RunInstruction run) throws AnalysisException {
        List<Map.Entry<String, String>> inputs = new ArrayList<>();
        Map<String, String> origins = new LinkedHashMap<>();
        addCommand(state, run, inputs, origins);
        if (settings.buildkitVersion().requiresUtf8Commands()) {
            rejectBytesNotUtf8(run);
        }
        for (Map.Entry<String, String> variable : state.env.entrySet()) {
            InputName name = new InputName.Variable(variable.getKey());
            inputs.add(name.entry(variable.getValue()));
            origins.put(name.toString(), state.origins.get(variable.getKey()));
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
        List<MountSpec> mounts = new ArrayList<>();
        int sshMounts = 0;
        for (String written : run.mounts()) {
            MountSpec mount = MountSpec.parse(words.expand(written, state.lookup(), run), sshMounts);
            if (mount.type().equals("ssh")) {
                sshMounts++;
            }
            if (mount.invalid() != null) {
                throw refused(run, mount.invalid(), null);
            }
            String index = walk.graph.indexOnly(mount.from(), stage.index());
            if (index != null) {
                warnings.add(run.source().location() + ": RUN --mount from=" + mount.from() + " " + index);
            }
            mounts.add(mount);
        }
        mounts = MountSpec.keyedOrder(mounts, state.workdir);
        for (int i = 0; i < mounts.size(); i++) {
            MountSpec mount = mounts.get(i);
            InputName.Source name = InputName.Source.mount(i);
            boolean fromStage = walk.graph.resolveName(mount.from(), stage.index()) != null;
            inputs.add(name.entry(mount.canonical(fromStage)));
            FrontendArgs.addCacheName(buildArgs, name, mount, state.workdir, inputs, origins);
            if (!mount.readsContent()) {
                continue; // what a cache holds, secrets, ssh sockets and tmpfs never enter the key (cache-model §5)
            }
            String source = mount.source() == null ? "/" : mount.source();
            // a stage's or image's files are keyed under the path the mount selects, however it is spelled
            String selected = mount.from() == null ? source : mount.selectedPath();
            reads.add(name, source, sources.sourceContent(stage, mount.from(), selected, null, List.of(), run), inputs);
        }
        markImageWorkdir(state, inputs, reads);
        BootExtraction.JarCopy copiedJar = state.jarCopy;
        recorder.addStep(stage, state, run, "RUN", inputs, origins, reads);
        walk.exposures.exposeToRun(stage, state, run);
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

    @Override
    void copy(Stage stage, StageState state, CopyInstruction copy) throws AnalysisException {
        String keyword = copy.add() ? "ADD" : "COPY";
        List<Map.Entry<String, String>> inputs = new ArrayList<>();
        String destination = words.expand(copy.destination(), state.lookup(), copy);
        inputs.add(Map.entry("dest", resolveDestination(state.workdir, destination)));
        Map<String, String> origins = new LinkedHashMap<>();
        StepReads reads = new StepReads();
        if (!destination.startsWith("/")) {
            putOrigin(origins, "dest", state.workdirOrigin);
            if (state.workdirSecret) {
                reads.secret("dest");
            }
        }
        inputs.add(Map.entry("chown", CopyFlags.chownKey(words.expandNullable(copy.chown(), state, copy))));
        try {
            inputs.add(Map.entry(
                    "chmod",
                    CopyFlags.chmodKey(words.expandNullable(copy.chmod(), state, copy), settings.buildkitVersion())));
        } catch (CopyFlags.InvalidChmod e) {
            throw refused(copy, e.getMessage(), e);
        }
        String checksum = words.expandNullable(copy.checksum(), state, copy);
        List<String> excludes = new ArrayList<>();
        for (String exclude : copy.excludes()) {
            excludes.add(words.expand(exclude, state.lookup(), copy));
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
            InputName.Source name = InputName.Source.copy(i);
            String word = copy.sources().get(i);
            Heredoc heredoc = heredocFor(word, heredocs);
            if (heredoc != null) {
                // BuildKit writes the body into a file: expanded (which makes it UTF-8), else byte for byte
                String content = heredoc.expand()
                        ? Keys.hash(words.expand(HEREDOC_BODY_LEXER, heredoc.content(), state.lookup(), copy))
                        : Keys.hashRaw(heredoc.content());
                inputs.add(name.entry(heredoc.name()));
                inputs.add(name.part(InputName.Source.CONTENT).entry(content));
                continue;
            }
            String source = words.expand(word, state.lookup(), copy);
            // --parents copies from the root before a /./ pivot (else the context root), filtered by the rest
            ParentsSource parents = copy.parents() ? ParentsSource.of(source) : null;
            inputs.add(name.entry(baseName(parents == null ? source : parents.root())));
            if (parents != null) {
                inputs.add(name.part("parents").entry(parents.pattern()));
            }
            SourceContent content = copy.add() && copy.from() == null && RemoteSource.isRemote(source)
                    ? RemoteSource.content(source, checksum, copy.keepGitDir())
                    : sources.sourceContent(stage, copy.from(), source, parents, excludes, copy);
            reads.add(name, source, content, inputs);
        }
        if (!destination.startsWith("/")) {
            markImageWorkdir(state, inputs, reads);
        }
        String parentKey = state.key;
        recorder.addStep(stage, state, copy, keyword, inputs, origins, reads);
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
                .filter(e -> isChecksum(e.getKey()))
                .findFirst()
                .orElseThrow()
                .getValue();
        return new BootExtraction.JarCopy(
                file,
                imagePath,
                checksum,
                parentKey,
                keyedOnly(inputs).stream().filter(e -> !isChecksum(e.getKey())).toList());
    }

    /** The checksum of a source's files in the context: {@code src[0].checksum}. */
    private static boolean isChecksum(String input) {
        return InputName.parse(input) instanceof InputName.Source source && source.is(InputName.Source.CHECKSUM);
    }

    private static List<Map.Entry<String, String>> keyedOnly(List<Map.Entry<String, String>> inputs) {
        return inputs.stream().filter(e -> InputName.parse(e.getKey()).keyed()).toList();
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
        String source = words.expand(paths.get(0), state.lookup(), copy);
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
            inputs.add(InputName.IMAGE_WORKDIR.entry("(image default)"));
            reads.mayDifferBecause("the base image's own WORKDIR is not known offline: the step is cached if the image"
                    + " sets none (BuildKit then works in /), rebuilt if it sets another directory");
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

    private static Heredoc heredocFor(String word, Map<String, Heredoc> heredocs) {
        if (heredocs.isEmpty() || !word.startsWith("<<")) {
            return null;
        }
        String name = word.replaceFirst("^<<-?", "").replace("\"", "").replace("'", "");
        return heredocs.get(name);
    }

    /** COPY destinations: relative to WORKDIR; a trailing slash or {@code .} means "into the directory". */
    private static String resolveDestination(String workdir, String destination) {
        boolean intoDirectory = destination.endsWith("/") || destination.equals(".") || destination.isEmpty();
        String resolved = resolvePath(workdir, destination);
        return intoDirectory && !resolved.endsWith("/") ? resolved + "/" : resolved;
    }

    /**
     * The name a COPY source keeps in BuildKit's key: the front end joins it to {@code /} (which cleans {@code dir/.}
     * to {@code dir}) and the file op keys only the base of that path (scenario copy-source-dot-segments). The
     * context root keeps the name {@code .} that earlier baselines recorded for it.
     */
    private static String baseName(String source) {
        String cleaned = GoPath.clean("/" + source);
        return cleaned.equals("/") ? "." : GoPath.base(cleaned);
    }
}
