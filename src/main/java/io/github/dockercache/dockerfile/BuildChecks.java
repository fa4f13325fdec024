package io.github.dockercache.dockerfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * BuildKit 0.25's build checks (the Dockerfile linter of {@code docker build --check}) that are on by default, with
 * BuildKit's rule names and messages; the build context is never needed.
 *
 * <p>As in {@code --check} without a target, every stage is checked, not only those the target needs.
 * Warnings come sorted by line as {@code --check} prints them. UndefinedVar and InvalidBaseImagePlatform need the
 * base image's configuration: they are made for {@code FROM scratch}, for stages built FROM another stage and for
 * images {@link BaseImageConfigs} knows, and not at all elsewhere. Likewise where BuildKit looks at a value after
 * expanding it with the stage's environment (WORKDIR, EXPOSE), a word that depends on a variable is judged only
 * where that environment is known, so that no warning is given that BuildKit might not give.
 */
final class BuildChecks {
    static final String CONSISTENT_INSTRUCTION_CASING = "ConsistentInstructionCasing";
    static final String FROM_AS_CASING = "FromAsCasing";
    static final String STAGE_NAME_CASING = "StageNameCasing";
    static final String DUPLICATE_STAGE_NAME = "DuplicateStageName";
    static final String RESERVED_STAGE_NAME = "ReservedStageName";
    static final String JSON_ARGS_RECOMMENDED = "JSONArgsRecommended";
    static final String MAINTAINER_DEPRECATED = "MaintainerDeprecated";
    static final String LEGACY_KEY_VALUE_FORMAT = "LegacyKeyValueFormat";
    static final String WORKDIR_RELATIVE_PATH = "WorkdirRelativePath";
    static final String UNDEFINED_ARG_IN_FROM = "UndefinedArgInFrom";
    static final String REDUNDANT_TARGET_PLATFORM = "RedundantTargetPlatform";
    static final String SECRETS_USED_IN_ARG_OR_ENV = "SecretsUsedInArgOrEnv";
    static final String MULTIPLE_INSTRUCTIONS_DISALLOWED = "MultipleInstructionsDisallowed";
    static final String EXPOSE_PROTO_CASING = "ExposeProtoCasing";
    static final String EXPOSE_INVALID_FORMAT = "ExposeInvalidFormat";
    static final String FROM_PLATFORM_FLAG_CONST_DISALLOWED = "FromPlatformFlagConstDisallowed";
    static final String INVALID_DEFAULT_ARG_IN_FROM = "InvalidDefaultArgInFrom";
    static final String UNDEFINED_VAR = "UndefinedVar";
    static final String INVALID_BASE_IMAGE_PLATFORM = "InvalidBaseImagePlatform";
    /** Experimental in BuildKit 0.25: given only when {@code # check=experimental=} asks for it. */
    static final String INVALID_DEFINITION_DESCRIPTION = "InvalidDefinitionDescription";
    private static final Set<String> EXPERIMENTAL = Set.of(INVALID_DEFINITION_DESCRIPTION);

    private static final Set<String> RESERVED_STAGE_NAMES = Set.of("context", "scratch");
    private static final String SECRET_TOKENS = "apikey|auth|credential|credentials|key|password|pword|passwd|secret|token";
    private static final Pattern SECRET = Pattern.compile("(?:_|^)(?:" + SECRET_TOKENS + ")(?:_|$)", Pattern.CASE_INSENSITIVE);
    /** BuildKit 0.25 allows only "public"; later releases added more words. */
    private static final Pattern SECRET_ALLOWED = Pattern.compile("(?:_|^)public(?:_|$)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:");
    private static final String TARGETPLATFORM = "TARGETPLATFORM";
    private static final String SCRATCH = "scratch";
    /** BuildKit's {@code system.DefaultPathEnv("linux")}, set when the base image has no PATH. */
    private static final String DEFAULT_LINUX_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    /** Build arguments BuildKit never puts into the environment, so never reported as undefined. */
    private static final Set<String> NON_ENV_ARGS = Set.of("BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE");
    private static final ShellLexer HEREDOC_BODY_LEXER = ShellLexer.forHeredocBody();

    private final String displayName;
    private final CheckOptions options;
    private final ShellLexer lexer;
    private final Map<Instruction, RawInstruction> raw;
    private final BaseImageConfigs images;
    private final List<ParseWarning> warnings = new ArrayList<>();

    private BuildChecks(String displayName, CheckOptions options, char escape, Map<Instruction, RawInstruction> raw,
            BaseImageConfigs images) {
        this.displayName = displayName;
        this.options = options;
        this.lexer = ShellLexer.forOneDockerfile(escape);
        this.raw = raw;
        this.images = images;
    }

    /**
     * The parser's warnings and the build checks' warnings for a parsed file, minus the rules the
     * {@code # check=} directive skips, sorted by line.
     *
     * @param raw each instruction's raw parse (identity map: records compare by value)
     * @param images the base images' configurations that are known
     * @param buildArgOptions the {@code BUILDKIT_DOCKERFILE_CHECK} build argument's options, which replace the
     *     directive's (then not even read), or null
     */
    static Result run(
            String content,
            RawDockerfile rawFile,
            List<ArgInstruction> globalArgs,
            List<Stage> stages,
            Map<Instruction, RawInstruction> raw,
            BaseImageConfigs images,
            CheckOptions buildArgOptions)
            throws DockerfileException {
        CheckOptions options = buildArgOptions != null ? buildArgOptions : topLevelOptions(content, rawFile.displayName());
        BuildChecks checks = new BuildChecks(rawFile.displayName(), options, rawFile.escapeChar(), raw, images);
        for (ParseWarning warning : rawFile.warnings()) {
            if (options.reports(warning.rule(), false)) {
                checks.warnings.add(warning);
            }
        }
        checks.parseTimeChecks(globalArgs, stages);
        checks.stageNames(stages);
        checks.commandCasing(stages);
        checks.dispatch(globalArgs, stages);
        List<ParseWarning> sorted = new ArrayList<>(checks.warnings);
        sorted.sort(Comparator.comparingInt(w -> w.location().line())); // stable: emission order within a line
        return new Result(List.copyOf(sorted), options.error());
    }

    /** The warnings, and whether {@code error=true} turns them into a failed build. */
    record Result(List<ParseWarning> warnings, boolean warningsFailBuild) {}

    private static CheckOptions topLevelOptions(String content, String displayName) throws DockerfileException {
        Optional<ParserDirectives.Found> found = ParserDirectives.find(ParserDirectives.CHECK, content);
        if (found.isEmpty()) {
            return CheckOptions.NONE;
        }
        try {
            return CheckOptions.parse(found.get().value());
        } catch (CheckOptions.InvalidException e) {
            throw new DockerfileException(new SourceLocation(displayName, Math.max(found.get().line(), 1), 1),
                    "failed to parse check options: " + e.getMessage());
        }
    }

    private void warn(SourceLocation location, String rule, String message) {
        if (options.reports(rule, EXPERIMENTAL.contains(rule))) {
            warnings.add(new ParseWarning(new SourceLocation(displayName, location.line(), location.column()), rule, message));
        }
    }

    // ---- while BuildKit parses instructions (instructions.ParseInstructionWithLinter)

    private void parseTimeChecks(List<ArgInstruction> globalArgs, List<Stage> stages) {
        globalArgs.forEach(this::argDescription);
        for (Stage stage : stages) {
            from(stage.from());
            if (stage.name() != null) {
                definitionDescription(stage.from(), "FROM", List.of(stage.name()));
            }
            for (Instruction instruction : stage.instructions()) {
                if (instruction.source().keyword().equals("MAINTAINER")) {
                    warn(instruction.source().location(), MAINTAINER_DEPRECATED,
                            "Maintainer instruction is deprecated in favor of using label");
                } else if (instruction instanceof ArgInstruction arg) {
                    argDescription(arg);
                }
            }
        }
    }

    private void argDescription(ArgInstruction arg) {
        definitionDescription(arg, "ARG", arg.args().stream().map(ArgDeclaration::name).toList());
    }

    /**
     * A comment right above a named stage or an ARG (blank lines between do not detach it in BuildKit 0.25) is
     * taken as its description, so its first word should be the name.
     */
    private void definitionDescription(Instruction instruction, String keyword, List<String> names) {
        List<String> comments = instruction.source().comments();
        if (comments.isEmpty() || names.isEmpty() || names.contains(comments.get(comments.size() - 1).split(" ", -1)[0])) {
            return;
        }
        String example = names.size() == 1 ? names.get(0) : "<arg_key>";
        warn(instruction.source().location(), INVALID_DEFINITION_DESCRIPTION,
                "Comment for " + keyword + " should follow the format: `# " + example + " <description>`");
    }

    private void from(FromInstruction from) {
        RawInstruction node = raw.get(from);
        List<String> args = node.args();
        SourceLocation at = from.source().location();
        if (args.size() == 3 && !args.get(2).equals(args.get(2).toLowerCase(Locale.ROOT))) {
            warn(at, STAGE_NAME_CASING, "Stage name '" + args.get(2) + "' should be lowercase");
        }
        String command = node.keyword();
        if (args.size() >= 3 && isSelfConsistentCasing(command)) {
            String as = args.get(1);
            boolean lower = command.equals(command.toLowerCase(Locale.ROOT));
            String expected = lower ? as.toLowerCase(Locale.ROOT) : as.toUpperCase(Locale.ROOT);
            if (!as.equals(expected)) {
                warn(at, FROM_AS_CASING, "'" + as + "' and '" + command + "' keywords' casing do not match");
            }
        }
    }

    // ---- after parsing (validateStageNames, validateCommandCasing): the file's options only

    private void stageNames(List<Stage> stages) {
        Set<String> seen = new HashSet<>();
        for (Stage stage : stages) {
            if (stage.name() == null) {
                continue;
            }
            String name = stage.name().toLowerCase(Locale.ROOT);
            SourceLocation at = stage.from().source().location();
            if (RESERVED_STAGE_NAMES.contains(name)) {
                warn(at, RESERVED_STAGE_NAME,
                        "Stage name should not use the same name as reserved stage " + GoText.quote(name));
            }
            if (!seen.add(name)) {
                warn(at, DUPLICATE_STAGE_NAME,
                        "Duplicate stage name " + GoText.quote(name) + ", stage names should be unique");
            }
        }
    }

    private void commandCasing(List<Stage> stages) {
        int lower = 0;
        int upper = 0;
        for (Stage stage : stages) {
            for (Instruction instruction : stageInstructions(stage)) {
                String name = raw.get(instruction).keyword();
                if (isSelfConsistentCasing(name)) {
                    if (name.equals(name.toLowerCase(Locale.ROOT))) {
                        lower++;
                    } else {
                        upper++;
                    }
                }
            }
        }
        boolean majorityLower = lower > upper;
        for (Stage stage : stages) {
            for (Instruction instruction : stageInstructions(stage)) {
                String name = raw.get(instruction).keyword();
                String casing = null;
                if (majorityLower && !name.equals(name.toLowerCase(Locale.ROOT))) {
                    casing = "lowercase";
                } else if (!majorityLower && !name.equals(name.toUpperCase(Locale.ROOT))) {
                    casing = "uppercase";
                }
                if (casing != null) {
                    warn(instruction.source().location(), CONSISTENT_INSTRUCTION_CASING,
                            "Command '" + name + "' should match the case of the command majority (" + casing + ")");
                }
            }
        }
    }

    private static List<Instruction> stageInstructions(Stage stage) {
        List<Instruction> all = new ArrayList<>();
        all.add(stage.from());
        all.addAll(stage.instructions());
        return all;
    }

    private static boolean isSelfConsistentCasing(String s) {
        return s.equals(s.toLowerCase(Locale.ROOT)) || s.equals(s.toUpperCase(Locale.ROOT));
    }

    // ---- while BuildKit sets up and dispatches the stages (dockerfile2llb)

    /**
     * What a stage hands on to a stage built FROM it.
     *
     * @param env the environment BuildKit expands words with (ENV and ARG values, on top of the base image's),
     *     or null where the base image's configuration is unknown
     * @param declaredArgs the ARG names declared so far, which are never reported as undefined
     * @param os the stage platform's OS, which decides what an absolute path is; null where the base is unknown
     */
    private record StageState(
            boolean workdirSet, boolean shellSet, Map<String, String> env, Set<String> declaredArgs, String os) {
        static final StageState UNKNOWN_BASE = new StageState(false, false, null, Set.of(), null);
    }

    private void dispatch(List<ArgInstruction> globalArgs, List<Stage> stages) {
        Map<String, String> env = defaultArgs(stages);
        Set<String> declared = new HashSet<>(env.keySet());
        boolean metaArgsExpand = true;
        for (ArgInstruction arg : globalArgs) {
            for (ArgDeclaration declaration : arg.args()) {
                declared.add(declaration.name());
                if (declaration.defaultValue() != null && metaArgsExpand) {
                    try {
                        env.put(declaration.name(), lexer.processWord(declaration.defaultValue(), env::get));
                    } catch (ExpansionException e) {
                        metaArgsExpand = false; // BuildKit fails the build here; check no FROM
                    }
                }
            }
        }
        Map<String, StageState> byName = new HashMap<>();
        for (Stage stage : stages) {
            StageState base = StageState.UNKNOWN_BASE;
            SourceLocation at = stage.from().source().location();
            if (metaArgsExpand) {
                Optional<ShellLexer.Expansion> image = expand(stage.from().image(), env);
                // BuildKit reports an unusable default base name before the undeclared args in it
                image.ifPresent(name -> invalidDefaultBaseName(at, stage.from().image(), name));
                image.ifPresent(name -> undefinedArgs(at, name, declared));
                String platform = stage.from().platform();
                Optional<ShellLexer.Expansion> platformMatch = platform == null || platform.isEmpty()
                        ? Optional.empty() : expand(platform, env);
                platformMatch.ifPresent(match -> {
                    undefinedArgs(at, match, declared);
                    constantPlatform(at, stage.name(), match);
                    if (match.matched().equals(Set.of(TARGETPLATFORM)) && match.unmatched().isEmpty()
                            && match.result().equals(env.get(TARGETPLATFORM))) {
                        warn(at, REDUNDANT_TARGET_PLATFORM, "Setting platform to predefined " + platform
                                + " in FROM is redundant as this is the default behavior");
                    }
                });
                if (image.isPresent()) {
                    String baseName = image.get().result();
                    StageState stageBase = byName.get(baseName.toLowerCase(Locale.ROOT));
                    if (stageBase != null) {
                        base = stageBase;
                    } else if (platform == null || platform.isEmpty() || platformMatch.isPresent()) {
                        base = imageBase(at, baseName, platformMatch.map(ShellLexer.Expansion::result).orElse(null));
                    }
                }
            }
            StageState state = dispatchStage(stage, base, env);
            if (stage.name() != null) {
                byName.put(stage.name().toLowerCase(Locale.ROOT), state);
            }
        }
    }

    /**
     * The state a stage starts from when it is built FROM scratch or an image: the image config's environment
     * (with BuildKit's default PATH where it has none), when the config is known.
     */
    private StageState imageBase(SourceLocation at, String baseName, String platform) {
        // an explicit platform is the stage's; without one BuildKit keeps the target's (the only build platform)
        String os = platform == null || platform.isEmpty() ? "linux" : platform.split("/", -1)[0];
        if (baseName.equals(SCRATCH)) {
            return new StageState(false, false, Map.of("PATH", DEFAULT_LINUX_PATH), Set.of(), os);
        }
        Optional<BaseImageConfig> config = images.config(baseName, platform);
        if (config.isEmpty()) {
            return StageState.UNKNOWN_BASE;
        }
        invalidBaseImagePlatform(at, baseName, platform, config.get());
        Map<String, String> env = Variables.entryMap(config.get().env());
        if (!env.containsKey("PATH") && !os.equals("windows")) {
            env.put("PATH", DEFAULT_LINUX_PATH);
        }
        return new StageState(false, false, env, Set.of(), os);
    }

    /**
     * The image's platform must be the one the stage asks for, else the build's target platform (linux/amd64,
     * the platform the checks assume, which is also the only build platform).
     */
    private void invalidBaseImagePlatform(SourceLocation at, String baseName, String platform,
            BaseImageConfig config) {
        String[] expected = normalizedPlatform(platform == null || platform.isEmpty() ? "linux/amd64" : platform);
        String[] actual = normalizedPlatform(config.os() + "/" + config.architecture()
                + (config.variant().isEmpty() ? "" : "/" + config.variant()));
        if (expected == null || actual == null) {
            return; // not a platform: the build fails on it before any check
        }
        if (!expected[0].equals(actual[0]) || !expected[1].equals(actual[1])) {
            warn(at, INVALID_BASE_IMAGE_PLATFORM, "Base image " + baseName + " was pulled with platform "
                    + GoText.quote(String.join("/", actual)) + ", expected " + GoText.quote(String.join("/", expected))
                    + " for current build");
        }
    }

    /**
     * containerd's {@code platforms.Normalize} for the common spellings: {@code os/arch[/variant]} with the
     * architecture's aliases folded and its default variant dropped (or added for 32-bit arm). Null if not a platform.
     */
    private static String[] normalizedPlatform(String platform) {
        String[] parts = platform.toLowerCase(Locale.ROOT).split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return null;
        }
        String arch = parts[1];
        String variant = parts.length == 3 ? parts[2] : "";
        switch (arch) {
            case "i386" -> arch = "386";
            case "x86_64", "x86-64", "amd64" -> {
                arch = "amd64";
                variant = variant.equals("v1") ? "" : variant;
            }
            case "aarch64", "arm64" -> {
                arch = "arm64";
                variant = variant.equals("8") || variant.equals("v8") || variant.equals("v8.0") ? "" : variant;
            }
            case "armhf" -> {
                arch = "arm";
                variant = "v7";
            }
            case "armel" -> {
                arch = "arm";
                variant = "v6";
            }
            case "arm" -> variant = switch (variant) {
                case "", "7" -> "v7";
                case "5", "6", "8" -> "v" + variant;
                default -> variant;
            };
            default -> { }
        }
        return variant.isEmpty() ? new String[] {parts[0], arch} : new String[] {parts[0], arch, variant};
    }

    /** A constant {@code --platform} pins the stage, unless the stage's name says which platform it is for. */
    private void constantPlatform(SourceLocation at, String stageName, ShellLexer.Expansion match) {
        if (!match.matched().isEmpty() || !match.unmatched().isEmpty()) {
            return;
        }
        String[] parts = match.result().split("/");
        if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return; // not a platform: the build fails on it later
        }
        String name = stageName == null ? "" : stageName.toLowerCase(Locale.ROOT);
        if (!name.contains(parts[0].toLowerCase(Locale.ROOT)) && !name.contains(parts[1].toLowerCase(Locale.ROOT))) {
            warn(at, FROM_PLATFORM_FLAG_CONST_DISALLOWED,
                    "FROM --platform flag should not use constant value \"" + match.result() + "\"");
        }
    }

    /** A base name built from global ARG defaults alone must still name an image (build args are not looked at). */
    private void invalidDefaultBaseName(SourceLocation at, String written, ShellLexer.Expansion match) {
        if (match.matched().isEmpty() && match.unmatched().isEmpty()) {
            return;
        }
        String name = match.result();
        boolean invalid = name.isEmpty() || name.startsWith(":") || name.startsWith("@") || name.startsWith("/")
                || name.endsWith(":") || name.endsWith("/") || name.endsWith("@") || name.contains("//");
        if (invalid) {
            warn(at, INVALID_DEFAULT_ARG_IN_FROM,
                    "Default value for ARG " + written + " results in empty or invalid base image name");
        }
    }

    private Optional<ShellLexer.Expansion> expand(String word, Map<String, String> env) {
        try {
            return Optional.of(lexer.expand(word, env::get));
        } catch (ExpansionException e) {
            return Optional.empty();
        }
    }

    private void undefinedArgs(SourceLocation at, ShellLexer.Expansion match, Set<String> declared) {
        for (String name : match.unmatched()) {
            if (!declared.contains(name)) {
                warn(at, UNDEFINED_ARG_IN_FROM, Suggestions.withSuggestion(
                        "FROM argument '" + name + "' is not declared", name, declared, true));
            }
        }
    }

    /** BuildKit's {@code defaultArgs} for a linux/amd64 build with no build arguments. */
    private static Map<String, String> defaultArgs(List<Stage> stages) {
        String target = stages.get(stages.size() - 1).name();
        Map<String, String> env = new LinkedHashMap<>();
        for (String prefix : List.of("BUILD", "TARGET")) {
            env.put(prefix + "PLATFORM", "linux/amd64");
            env.put(prefix + "OS", "linux");
            env.put(prefix + "OSVERSION", "");
            env.put(prefix + "ARCH", "amd64");
            env.put(prefix + "VARIANT", "");
        }
        env.put("TARGETSTAGE", target == null ? "default" : target.toLowerCase(Locale.ROOT));
        return env;
    }

    /**
     * @param globalValues the global ARG values (and BuildKit's automatic ones) a stage ARG without a default takes
     */
    private StageState dispatchStage(Stage stage, StageState base, Map<String, String> globalValues) {
        boolean workdirSet = base.workdirSet();
        boolean shellSet = base.shellSet();
        Map<String, String> env = base.env() == null ? null : new LinkedHashMap<>(base.env());
        Set<String> declaredArgs = new HashSet<>(base.declaredArgs());
        Map<String, Instruction> usedOnce = new HashMap<>();
        for (Instruction instruction : stage.instructions()) {
            RawInstruction node = raw.get(instruction);
            SourceLocation at = instruction.source().location();
            String keyword = instruction.source().keyword();
            String name = node.keyword();
            if (env != null) {
                new Expansions(at, env, declaredArgs).dispatch(instruction, node, globalValues);
            }
            switch (keyword) {
                case "ENV", "LABEL" -> {
                    List<String> args = node.args();
                    for (int i = 0; i + 2 < args.size(); i += 3) {
                        if (args.get(i + 2).isEmpty()) {
                            warn(at, LEGACY_KEY_VALUE_FORMAT, "\"" + name + " key=value\" should be used instead of legacy \""
                                    + name + " key value\" format");
                        }
                        if (keyword.equals("ENV")) {
                            secret(at, "ENV", args.get(i));
                        }
                    }
                }
                case "ARG" -> {
                    for (ArgDeclaration declaration : ((ArgInstruction) instruction).args()) {
                        secret(at, "ARG", declaration.name());
                    }
                }
                case "WORKDIR" -> {
                    // with variables the stage's environment decides: judged where it is known or none is used
                    Optional<ShellLexer.Expansion> path = expand(((WorkdirInstruction) instruction).path(),
                            env == null ? Map.of() : env);
                    boolean judged = env != null
                            || path.isPresent() && path.get().matched().isEmpty() && path.get().unmatched().isEmpty();
                    if (!workdirSet && path.isPresent() && judged && !isAbsolute(path.get().result(), base.os())) {
                        warn(at, WORKDIR_RELATIVE_PATH, "Relative workdir " + GoText.quote(path.get().result())
                                + " can have unexpected results if the base image changes");
                    }
                    workdirSet = true;
                }
                case "SHELL" -> shellSet = true;
                case "CMD", "ENTRYPOINT", "HEALTHCHECK" -> {
                    Instruction previous = usedOnce.put(keyword, instruction);
                    if (previous != null) {
                        // BuildKit reports the earlier instruction: that is the one without effect
                        warn(previous.source().location(), MULTIPLE_INSTRUCTIONS_DISALLOWED, "Multiple " + name
                                + " instructions should not be used in the same stage because only the last one will be used");
                    }
                    if (!keyword.equals("HEALTHCHECK") && !node.json() && !shellSet) {
                        warn(at, JSON_ARGS_RECOMMENDED, "JSON arguments recommended for " + name
                                + " to prevent unintended behavior related to OS signals");
                    }
                }
                case "EXPOSE" -> {
                    for (String word : node.args()) {
                        exposeWord(at, word, env);
                    }
                }
                default -> { }
            }
        }
        return new StageState(workdirSet, shellSet, env, Set.copyOf(declaredArgs), base.os());
    }

    /**
     * UndefinedVar for one instruction in a stage whose environment is known: every word BuildKit expands before
     * it dispatches the instruction, each reported on its own as BuildKit does, then the environment as ENV and
     * ARG change it. ONBUILD triggers run in a child stage are not reported (BuildKit 0.25 does not either).
     */
    private final class Expansions {
        private final SourceLocation at;
        private final Map<String, String> env;
        private final Set<String> declaredArgs;

        Expansions(SourceLocation at, Map<String, String> env, Set<String> declaredArgs) {
            this.at = at;
            this.env = env;
            this.declaredArgs = declaredArgs;
        }

        void dispatch(Instruction instruction, RawInstruction node, Map<String, String> globalValues) {
            if (instruction instanceof EnvInstruction envInstruction) {
                Map<String, String> set = new LinkedHashMap<>();
                for (KeyValue pair : envInstruction.pairs()) {
                    String key = word(lexer, pair.key());
                    String value = word(lexer, pair.value());
                    if (key != null && value != null) {
                        set.put(key, value);
                    }
                }
                env.putAll(set); // every pair expands with the environment from before the instruction
            } else if (instruction instanceof ArgInstruction arg) {
                for (ArgDeclaration declaration : arg.args()) {
                    String value = declaration.defaultValue() == null
                            ? globalValues.get(declaration.name())
                            : word(lexer, declaration.defaultValue());
                    if (value != null && !NON_ENV_ARGS.contains(declaration.name())) {
                        env.put(declaration.name(), value);
                    }
                    declaredArgs.add(declaration.name());
                }
            } else if (instruction instanceof CopyInstruction copy) {
                for (String flag : Arrays.asList(copy.chown(), copy.chmod(), copy.checksum())) {
                    word(lexer, flag);
                }
                copy.sourcePaths().forEach(path -> word(lexer, path));
                word(lexer, copy.destination());
                copy.heredocs().stream().filter(Heredoc::expand).forEach(h -> word(HEREDOC_BODY_LEXER, h.content()));
            } else if (instruction instanceof WorkdirInstruction workdir) {
                word(lexer, workdir.path());
            } else if (instruction instanceof UserInstruction user) {
                word(lexer, user.user());
            } else if (instruction instanceof RunInstruction run) {
                run.mounts().forEach(this::mountValues);
            } else if (instruction.source().keyword().equals("LABEL")) {
                for (int i = 0; i + 1 < node.args().size(); i += 3) {
                    word(lexer, node.args().get(i));
                    word(lexer, node.args().get(i + 1));
                }
            } else if (Set.of("VOLUME", "STOPSIGNAL").contains(instruction.source().keyword())) {
                node.args().forEach(w -> word(lexer, w));
            }
        }

        /** Every {@code key=value} field of a {@code --mount} has its value expanded. */
        private void mountValues(String mount) {
            try {
                for (String field : RunFlagValues.csvFields(mount, "mount")) {
                    int equals = field.indexOf('=');
                    if (equals >= 0) {
                        word(lexer, field.substring(equals + 1));
                    }
                }
            } catch (LineError e) {
                // rejected while parsing already
            }
        }

        /** Expands one word as BuildKit does, reports its undefined variables, and returns it (null if it fails). */
        private String word(ShellLexer with, String word) {
            if (word == null || word.isEmpty()) {
                return word;
            }
            ShellLexer.Expansion expansion;
            try {
                expansion = with.expand(word, env::get);
            } catch (ExpansionException e) {
                return null; // BuildKit fails the build on it
            }
            for (String name : expansion.unmatched()) {
                if (!declaredArgs.contains(name) && !NON_ENV_ARGS.contains(name)) {
                    String match = Suggestions.closest(name, env.keySet(), true);
                    warn(at, UNDEFINED_VAR, "Usage of undefined variable '$" + name + "'"
                            + (match == null ? "" : " (did you mean $" + match + "?)"));
                }
            }
            return expansion.result();
        }
    }

    private void secret(SourceLocation at, String instruction, String key) {
        if (SECRET.matcher(key).find() && !SECRET_ALLOWED.matcher(key).find()) {
            warn(at, SECRETS_USED_IN_ARG_OR_ENV,
                    "Do not use ARG or ENV instructions for sensitive data (" + instruction + " " + GoText.quote(key) + ")");
        }
    }

    /**
     * BuildKit's {@code system.IsAbs} for the stage's OS: a leading slash, or on Windows a drive letter or
     * backslash. Where the OS is unknown, a file that uses those is taken as built for Windows.
     */
    private static boolean isAbsolute(String path, String os) {
        if (os != null && !os.equals("windows")) {
            return path.startsWith("/");
        }
        String p = DRIVE_LETTER.matcher(path).find() ? path.substring(2) : path;
        return p.startsWith("/") || p.startsWith("\\");
    }

    /** {@code [ip:][hostPort:]containerPort[/proto]}, after expansion. */
    /** BuildKit splits each EXPOSE word into ports after expansion; a word with variables needs the environment. */
    private void exposeWord(SourceLocation at, String word, Map<String, String> env) {
        if (env == null) {
            if (!word.contains("$")) {
                expose(at, word);
            }
            return;
        }
        try {
            for (String port : lexer.processWords(word, env::get)) {
                expose(at, port);
            }
        } catch (ExpansionException e) {
            // BuildKit fails the build on it
        }
    }

    private void expose(SourceLocation at, String port) {
        String[] parts = port.split(":", -1);
        String containerPort = parts[parts.length - 1];
        int slash = containerPort.indexOf('/');
        String proto = slash < 0 ? "" : containerPort.substring(slash + 1);
        if (slash == 0 || !Set.of("", "tcp", "udp", "sctp").contains(proto.toLowerCase(Locale.ROOT))) {
            return; // BuildKit fails on this port before it checks it
        }
        if (!proto.equals(proto.toLowerCase(Locale.ROOT))) {
            warn(at, EXPOSE_PROTO_CASING, "Defined protocol '" + port + "' in EXPOSE instruction should be lowercase");
        }
        boolean mapped = false;
        for (int i = 0; i < parts.length - 1; i++) {
            mapped |= !parts[i].isEmpty();
        }
        if (mapped) {
            warn(at, EXPOSE_INVALID_FORMAT, "EXPOSE instruction should not define an IP address or host-port mapping, found '"
                    + port + "'");
        }
    }
}
