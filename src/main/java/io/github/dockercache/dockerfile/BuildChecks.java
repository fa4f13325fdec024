package io.github.dockercache.dockerfile;

import java.util.ArrayList;
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
 * BuildKit's build checks (the Dockerfile linter of {@code docker build --check}) that need neither the
 * base image nor the build context, with BuildKit's rule names and messages.
 *
 * <p>As in {@code --check} without a target, every stage is checked, not only those the target needs.
 * Warnings come sorted by line as {@code --check} prints them. Where BuildKit looks at a value after
 * expanding it with the stage's environment (WORKDIR, EXPOSE), a word that starts with or depends on a
 * variable is not judged, so that no warning is given that BuildKit might not give.
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

    private static final Set<String> RESERVED_STAGE_NAMES = Set.of("context", "scratch");
    private static final String SECRET_TOKENS = "apikey|auth|credential|credentials|key|password|pword|passwd|secret|token";
    private static final Pattern SECRET = Pattern.compile("(?:_|^)(?:" + SECRET_TOKENS + ")(?:_|$)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SECRET_ALLOWED = Pattern.compile("(?:_|^)(?:public|file|version)(?:_|$)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:");
    private static final String TARGETPLATFORM = "TARGETPLATFORM";

    private final String displayName;
    private final CheckOptions options;
    private final ShellLexer lexer;
    private final Map<Instruction, RawInstruction> raw;
    private final List<ParseWarning> warnings = new ArrayList<>();

    private BuildChecks(String displayName, CheckOptions options, char escape, Map<Instruction, RawInstruction> raw) {
        this.displayName = displayName;
        this.options = options;
        this.lexer = new ShellLexer(escape);
        this.raw = raw;
    }

    /**
     * The parser's warnings and the build checks' warnings for a parsed file, minus the rules the
     * {@code # check=} directive skips, sorted by line.
     *
     * @param raw each instruction's raw parse (identity map: records compare by value)
     */
    static List<ParseWarning> run(
            String content,
            RawDockerfile rawFile,
            List<ArgInstruction> globalArgs,
            List<Stage> stages,
            Map<Instruction, RawInstruction> raw)
            throws DockerfileException {
        CheckOptions options = topLevelOptions(content, rawFile.displayName());
        BuildChecks checks = new BuildChecks(rawFile.displayName(), options, rawFile.escapeChar(), raw);
        for (ParseWarning warning : rawFile.warnings()) {
            if (!options.skips(warning.rule())) {
                checks.warnings.add(warning);
            }
        }
        checks.parseTimeChecks(stages);
        checks.stageNames(stages);
        checks.commandCasing(stages);
        checks.dispatch(globalArgs, stages);
        List<ParseWarning> sorted = new ArrayList<>(checks.warnings);
        sorted.sort(Comparator.comparingInt(w -> w.location().line())); // stable: emission order within a line
        return List.copyOf(sorted);
    }

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

    private void warn(CheckOptions in, SourceLocation location, String rule, String message) {
        if (!in.skips(rule)) {
            warnings.add(new ParseWarning(new SourceLocation(displayName, location.line(), location.column()), rule, message));
        }
    }

    private CheckOptions optionsFor(Instruction instruction) {
        return options.withComments(instruction.source().comments());
    }

    // ---- while BuildKit parses instructions (instructions.ParseInstructionWithLinter)

    private void parseTimeChecks(List<Stage> stages) {
        for (Stage stage : stages) {
            from(stage.from());
            for (Instruction instruction : stage.instructions()) {
                if (instruction.source().keyword().equals("MAINTAINER")) {
                    warn(optionsFor(instruction), instruction.source().location(), MAINTAINER_DEPRECATED,
                            "Maintainer instruction is deprecated in favor of using label");
                }
            }
        }
    }

    private void from(FromInstruction from) {
        RawInstruction node = raw.get(from);
        List<String> args = node.args();
        CheckOptions in = optionsFor(from);
        SourceLocation at = from.source().location();
        if (args.size() == 3 && !args.get(2).equals(args.get(2).toLowerCase(Locale.ROOT))) {
            warn(in, at, STAGE_NAME_CASING, "Stage name '" + args.get(2) + "' should be lowercase");
        }
        String command = node.keyword();
        if (args.size() >= 3 && isSelfConsistentCasing(command)) {
            String as = args.get(1);
            boolean lower = command.equals(command.toLowerCase(Locale.ROOT));
            String expected = lower ? as.toLowerCase(Locale.ROOT) : as.toUpperCase(Locale.ROOT);
            if (!as.equals(expected)) {
                warn(in, at, FROM_AS_CASING, "'" + as + "' and '" + command + "' keywords' casing do not match");
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
                warn(options, at, RESERVED_STAGE_NAME,
                        "Stage name should not use the same name as reserved stage " + GoText.quote(name));
            }
            if (!seen.add(name)) {
                warn(options, at, DUPLICATE_STAGE_NAME,
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
                    warn(options, instruction.source().location(), CONSISTENT_INSTRUCTION_CASING,
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

    /** What a stage hands on to a stage built FROM it. */
    private record StageState(boolean workdirSet, boolean shellSet) {}

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
            StageState base = new StageState(false, false);
            CheckOptions in = optionsFor(stage.from());
            SourceLocation at = stage.from().source().location();
            if (metaArgsExpand) {
                Optional<ShellLexer.Expansion> image = expand(stage.from().image(), env);
                // BuildKit reports an unusable default base name before the undeclared args in it
                image.ifPresent(name -> invalidDefaultBaseName(in, at, stage.from().image(), name));
                image.ifPresent(name -> undefinedArgs(in, at, name, declared));
                String baseName = image.map(e -> e.result().toLowerCase(Locale.ROOT)).orElse(null);
                if (baseName != null && byName.containsKey(baseName)) {
                    base = byName.get(baseName);
                }
                String platform = stage.from().platform();
                if (platform != null && !platform.isEmpty()) {
                    expand(platform, env).ifPresent(match -> {
                        undefinedArgs(in, at, match, declared);
                        constantPlatform(in, at, stage.name(), match);
                        if (match.matched().equals(Set.of(TARGETPLATFORM)) && match.unmatched().isEmpty()
                                && match.result().equals(env.get(TARGETPLATFORM))) {
                            warn(in, at, REDUNDANT_TARGET_PLATFORM, "Setting platform to predefined " + platform
                                    + " in FROM is redundant as this is the default behavior");
                        }
                    });
                }
            }
            StageState state = dispatchStage(stage, base);
            if (stage.name() != null) {
                byName.put(stage.name().toLowerCase(Locale.ROOT), state);
            }
        }
    }

    /** A constant {@code --platform} pins the stage, unless the stage's name says which platform it is for. */
    private void constantPlatform(CheckOptions in, SourceLocation at, String stageName, ShellLexer.Expansion match) {
        if (!match.matched().isEmpty() || !match.unmatched().isEmpty()) {
            return;
        }
        String[] parts = match.result().split("/");
        if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return; // not a platform: the build fails on it later
        }
        String name = stageName == null ? "" : stageName.toLowerCase(Locale.ROOT);
        if (!name.contains(parts[0].toLowerCase(Locale.ROOT)) && !name.contains(parts[1].toLowerCase(Locale.ROOT))) {
            warn(in, at, FROM_PLATFORM_FLAG_CONST_DISALLOWED,
                    "FROM --platform flag should not use constant value \"" + match.result() + "\"");
        }
    }

    /** A base name built from global ARG defaults alone must still name an image (build args are not looked at). */
    private void invalidDefaultBaseName(CheckOptions in, SourceLocation at, String written, ShellLexer.Expansion match) {
        if (match.matched().isEmpty() && match.unmatched().isEmpty()) {
            return;
        }
        String name = match.result();
        boolean invalid = name.isEmpty() || name.startsWith(":") || name.startsWith("@") || name.startsWith("/")
                || name.endsWith(":") || name.endsWith("/") || name.endsWith("@") || name.contains("//");
        if (invalid) {
            warn(in, at, INVALID_DEFAULT_ARG_IN_FROM,
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

    private void undefinedArgs(CheckOptions in, SourceLocation at, ShellLexer.Expansion match, Set<String> declared) {
        for (String name : match.unmatched()) {
            if (!declared.contains(name)) {
                warn(in, at, UNDEFINED_ARG_IN_FROM, Suggestions.withSuggestion(
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

    private StageState dispatchStage(Stage stage, StageState base) {
        boolean workdirSet = base.workdirSet();
        boolean shellSet = base.shellSet();
        Map<String, Instruction> usedOnce = new HashMap<>();
        for (Instruction instruction : stage.instructions()) {
            RawInstruction node = raw.get(instruction);
            CheckOptions in = optionsFor(instruction);
            SourceLocation at = instruction.source().location();
            String keyword = instruction.source().keyword();
            String name = node.keyword();
            switch (keyword) {
                case "ENV", "LABEL" -> {
                    List<String> args = node.args();
                    for (int i = 0; i + 2 < args.size(); i += 3) {
                        if (args.get(i + 2).isEmpty()) {
                            warn(in, at, LEGACY_KEY_VALUE_FORMAT, "\"" + name + " key=value\" should be used instead of legacy \""
                                    + name + " key value\" format");
                        }
                        if (keyword.equals("ENV")) {
                            secret(in, at, "ENV", args.get(i));
                        }
                    }
                }
                case "ARG" -> {
                    for (ArgDeclaration declaration : ((ArgInstruction) instruction).args()) {
                        secret(in, at, "ARG", declaration.name());
                    }
                }
                case "WORKDIR" -> {
                    Optional<ShellLexer.Expansion> path = expand(((WorkdirInstruction) instruction).path(), Map.of());
                    // with variables the stage's environment decides; judged only when no variable is used
                    if (!workdirSet && path.isPresent() && path.get().matched().isEmpty()
                            && path.get().unmatched().isEmpty() && !isAbsolute(path.get().result())) {
                        warn(in, at, WORKDIR_RELATIVE_PATH, "Relative workdir " + GoText.quote(path.get().result())
                                + " can have unexpected results if the base image changes");
                    }
                    workdirSet = true;
                }
                case "SHELL" -> shellSet = true;
                case "CMD", "ENTRYPOINT", "HEALTHCHECK" -> {
                    Instruction previous = usedOnce.put(keyword, instruction);
                    if (previous != null) {
                        // BuildKit reports the earlier instruction: that is the one without effect
                        warn(in, previous.source().location(), MULTIPLE_INSTRUCTIONS_DISALLOWED, "Multiple " + name
                                + " instructions should not be used in the same stage because only the last one will be used");
                    }
                    if (!keyword.equals("HEALTHCHECK") && !node.json() && !shellSet) {
                        warn(in, at, JSON_ARGS_RECOMMENDED, "JSON arguments recommended for " + name
                                + " to prevent unintended behavior related to OS signals");
                    }
                }
                case "EXPOSE" -> {
                    for (String port : node.args()) {
                        expose(in, at, port);
                    }
                }
                default -> { }
            }
        }
        return new StageState(workdirSet, shellSet);
    }

    private void secret(CheckOptions in, SourceLocation at, String instruction, String key) {
        if (SECRET.matcher(key).find() && !SECRET_ALLOWED.matcher(key).find()) {
            warn(in, at, SECRETS_USED_IN_ARG_OR_ENV,
                    "Do not use ARG or ENV instructions for sensitive data (" + instruction + " " + GoText.quote(key) + ")");
        }
    }

    /**
     * BuildKit's {@code system.IsAbs} for the platform the file is written for: a leading slash, or on
     * Windows a drive letter or backslash (a file that uses those is built for Windows).
     */
    private static boolean isAbsolute(String path) {
        String p = DRIVE_LETTER.matcher(path).find() ? path.substring(2) : path;
        return p.startsWith("/") || p.startsWith("\\");
    }

    /** {@code [ip:][hostPort:]containerPort[/proto]}; words with variables are not judged. */
    private void expose(CheckOptions in, SourceLocation at, String port) {
        if (port.contains("$")) {
            return;
        }
        String[] parts = port.split(":", -1);
        String containerPort = parts[parts.length - 1];
        int slash = containerPort.indexOf('/');
        String proto = slash < 0 ? "" : containerPort.substring(slash + 1);
        if (slash == 0 || !Set.of("", "tcp", "udp", "sctp").contains(proto.toLowerCase(Locale.ROOT))) {
            return; // BuildKit fails on this port before it checks it
        }
        if (!proto.equals(proto.toLowerCase(Locale.ROOT))) {
            warn(in, at, EXPOSE_PROTO_CASING, "Defined protocol '" + port + "' in EXPOSE instruction should be lowercase");
        }
        boolean mapped = false;
        for (int i = 0; i < parts.length - 1; i++) {
            mapped |= !parts[i].isEmpty();
        }
        if (mapped) {
            warn(in, at, EXPOSE_INVALID_FORMAT, "EXPOSE instruction should not define an IP address or host-port mapping, found '"
                    + port + "'");
        }
    }
}
