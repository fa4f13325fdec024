package io.github.dockercache.dockerfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * BuildKit's dispatch of the stages (dockerfile2llb) as far as the build checks need it: what each FROM expands to
 * with the global ARGs, and the state each instruction is dispatched in (the stage's environment where the base
 * image's configuration is known, the ARGs declared so far, whether WORKDIR or SHELL was set, the platform's OS),
 * handed on to the stages built FROM a stage. As BuildKit does, every word of an instruction is expanded before it is
 * dispatched; the variables it finds undefined are kept for UndefinedVar. ONBUILD triggers run in a child stage are
 * not expanded (BuildKit 0.25 does not report them either).
 *
 * @param metaArgs BuildKit's automatic platform args and the global ARG defaults, which FROM lines expand with
 * @param declaredGlobalArgs the global ARG names (and the automatic ones), never reported as undefined in a FROM
 * @param froms each stage's FROM, in order
 * @param steps every instruction but FROM, stage by stage
 */
record CheckDispatch(Map<String, String> metaArgs, Set<String> declaredGlobalArgs, List<From> froms, List<Step> steps) {
    static final String TARGETPLATFORM = "TARGETPLATFORM";
    private static final String SCRATCH = "scratch";
    /** BuildKit's {@code system.DefaultPathEnv("linux")}, set when the base image has no PATH. */
    private static final String DEFAULT_LINUX_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    /** Build arguments BuildKit never puts into the environment, so never reported as undefined. */
    private static final Set<String> NON_ENV_ARGS = Set.of("BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE");

    private static final ShellLexer HEREDOC_BODY_LEXER = ShellLexer.forHeredocBody();

    /**
     * One FROM. Image and platform are empty where they were not expanded: a global ARG default failed to expand
     * (BuildKit fails the build there), the word failed, or no platform is written.
     *
     * @param imageConfig the base image's configuration where the stage is built FROM a known image, else null
     */
    record From(
            Stage stage,
            Optional<ShellLexer.Expansion> image,
            Optional<ShellLexer.Expansion> platform,
            BaseImageConfig imageConfig) {
        SourceLocation location() {
            return stage.from().source().location();
        }
    }

    /**
     * The state an instruction is dispatched in.
     *
     * @param env the environment BuildKit expands words with (ENV and ARG values, on top of the base image's),
     *     or null where the base image's configuration is unknown
     * @param declaredArgs the ARG names declared so far, which are never reported as undefined
     * @param os the stage platform's OS, which decides what an absolute path is; null where the base is unknown
     */
    record State(boolean workdirSet, boolean shellSet, Map<String, String> env, Set<String> declaredArgs, String os) {
        static final State UNKNOWN_BASE = new State(false, false, null, Set.of(), null);
    }

    /** A variable an instruction uses that is neither set nor declared, and the closest name that is. */
    record UndefinedUse(String name, String closest) {}

    /**
     * One instruction, the state it is dispatched in and the undefined variables its words use, in order.
     *
     * @param ports an EXPOSE's words split into ports after expansion (a word with variables only where the
     *     environment is known); empty for other instructions
     */
    record Step(Stage stage, Instruction instruction, State state, List<UndefinedUse> undefined, List<String> ports) {
        SourceLocation location() {
            return instruction.source().location();
        }
    }

    static CheckDispatch of(
            List<ArgInstruction> globalArgs,
            List<Stage> stages,
            Map<Instruction, RawInstruction> raw,
            ShellLexer lexer,
            BaseImageConfigs images) {
        Map<String, String> meta = defaultArgs(stages);
        Set<String> declared = new HashSet<>(meta.keySet());
        boolean metaArgsExpand = true;
        for (ArgInstruction arg : globalArgs) {
            for (ArgDeclaration declaration : arg.args()) {
                declared.add(declaration.name());
                if (declaration.defaultValue() != null && metaArgsExpand) {
                    try {
                        meta.put(declaration.name(), lexer.processWord(declaration.defaultValue(), meta::get));
                    } catch (ExpansionException e) {
                        metaArgsExpand = false; // BuildKit fails the build here; check no FROM
                    }
                }
            }
        }
        List<From> froms = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        Map<String, State> byName = new HashMap<>();
        for (Stage stage : stages) {
            State base = State.UNKNOWN_BASE;
            Optional<ShellLexer.Expansion> image = Optional.empty();
            Optional<ShellLexer.Expansion> platformMatch = Optional.empty();
            BaseImageConfig config = null;
            if (metaArgsExpand) {
                image = expand(lexer, stage.from().image(), meta);
                String platform = stage.from().platform();
                platformMatch =
                        platform == null || platform.isEmpty() ? Optional.empty() : expand(lexer, platform, meta);
                if (image.isPresent()) {
                    String baseName = image.get().result();
                    State stageBase = byName.get(baseName.toLowerCase(Locale.ROOT));
                    if (stageBase != null) {
                        base = stageBase;
                    } else if (platform == null || platform.isEmpty() || platformMatch.isPresent()) {
                        String platformValue =
                                platformMatch.map(ShellLexer.Expansion::result).orElse(null);
                        config = baseName.equals(SCRATCH)
                                ? null
                                : images.config(baseName, platformValue).orElse(null);
                        base = imageBase(baseName, platformValue, config);
                    }
                }
            }
            froms.add(new From(stage, image, platformMatch, config));
            State state = new Walk(lexer, raw, base, meta).stage(stage, steps);
            if (stage.name() != null) {
                byName.put(stage.name().toLowerCase(Locale.ROOT), state);
            }
        }
        return new CheckDispatch(
                Collections.unmodifiableMap(meta), Set.copyOf(declared), List.copyOf(froms), List.copyOf(steps));
    }

    /** The word expanded with {@code env}, or empty where the expansion fails (BuildKit fails the build there). */
    static Optional<ShellLexer.Expansion> expand(ShellLexer lexer, String word, Map<String, String> env) {
        try {
            return Optional.of(lexer.expand(word, env::get));
        } catch (ExpansionException e) {
            return Optional.empty();
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
     * The state a stage starts from when it is built FROM scratch or an image: the image config's environment
     * (with BuildKit's default PATH where it has none), when the config is known.
     */
    private static State imageBase(String baseName, String platform, BaseImageConfig config) {
        // an explicit platform is the stage's; without one BuildKit keeps the target's (the only build platform)
        String os = platform == null || platform.isEmpty() ? "linux" : platform.split("/", -1)[0];
        if (baseName.equals(SCRATCH)) {
            return new State(false, false, Map.of("PATH", DEFAULT_LINUX_PATH), Set.of(), os);
        }
        if (config == null) {
            return State.UNKNOWN_BASE;
        }
        Map<String, String> env = Variables.entryMap(config.env());
        if (!env.containsKey("PATH") && !os.equals("windows")) {
            env.put("PATH", DEFAULT_LINUX_PATH);
        }
        return new State(false, false, Collections.unmodifiableMap(env), Set.of(), os);
    }

    /** One stage's instructions, dispatched in order from its base's state. */
    private static final class Walk {
        private final ShellLexer lexer;
        private final Map<Instruction, RawInstruction> raw;
        /** The global ARG values (and BuildKit's automatic ones) a stage ARG without a default takes. */
        private final Map<String, String> globalValues;

        private boolean workdirSet;
        private boolean shellSet;
        private Map<String, String> env;
        private Set<String> declaredArgs;
        private final String os;
        private List<UndefinedUse> undefined;

        Walk(ShellLexer lexer, Map<Instruction, RawInstruction> raw, State base, Map<String, String> globalValues) {
            this.lexer = lexer;
            this.raw = raw;
            this.globalValues = globalValues;
            this.workdirSet = base.workdirSet();
            this.shellSet = base.shellSet();
            this.env = base.env();
            this.declaredArgs = base.declaredArgs();
            this.os = base.os();
        }

        /** Adds each instruction of the stage to {@code steps}; returns the state a child stage starts from. */
        State stage(Stage stage, List<Step> steps) {
            for (Instruction instruction : stage.instructions()) {
                undefined = new ArrayList<>();
                if (env != null) {
                    expandWords(instruction);
                }
                steps.add(new Step(stage, instruction, state(), List.copyOf(undefined), ports(instruction)));
                switch (instruction.source().keyword()) {
                    case "WORKDIR" -> workdirSet = true;
                    case "SHELL" -> shellSet = true;
                    default -> {}
                }
            }
            return state();
        }

        private List<String> ports(Instruction instruction) {
            if (!instruction.source().keyword().equals("EXPOSE")) {
                return List.of();
            }
            List<String> ports = new ArrayList<>();
            for (String word : raw.get(instruction).args()) {
                if (env == null) {
                    if (!word.contains("$")) {
                        ports.add(word);
                    }
                    continue;
                }
                try {
                    ports.addAll(lexer.processWords(word, env::get));
                } catch (ExpansionException e) {
                    // BuildKit fails the build on it
                }
            }
            return List.copyOf(ports);
        }

        private State state() {
            return new State(workdirSet, shellSet, env, declaredArgs, os);
        }

        /** Expands the words BuildKit expands before it dispatches the instruction; then ENV and ARG set variables. */
        private void expandWords(Instruction instruction) {
            RawInstruction node = raw.get(instruction);
            if (instruction instanceof EnvInstruction envInstruction) {
                Map<String, String> set = new LinkedHashMap<>();
                for (KeyValue pair : envInstruction.pairs()) {
                    String key = word(lexer, pair.key());
                    String value = word(lexer, pair.value());
                    if (key != null && value != null) {
                        set.put(key, value);
                    }
                }
                // every pair expands with the environment from before the instruction
                Map<String, String> next = new LinkedHashMap<>(env);
                next.putAll(set);
                env = Collections.unmodifiableMap(next);
            } else if (instruction instanceof ArgInstruction arg) {
                for (ArgDeclaration declaration : arg.args()) {
                    String value = declaration.defaultValue() == null
                            ? globalValues.get(declaration.name())
                            : word(lexer, declaration.defaultValue());
                    if (value != null && !NON_ENV_ARGS.contains(declaration.name())) {
                        Map<String, String> next = new LinkedHashMap<>(env);
                        next.put(declaration.name(), value);
                        env = Collections.unmodifiableMap(next);
                    }
                    Set<String> names = new HashSet<>(declaredArgs);
                    names.add(declaration.name());
                    declaredArgs = Set.copyOf(names);
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
            } else if (Set.of("VOLUME", "STOPSIGNAL")
                    .contains(instruction.source().keyword())) {
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

        /** Expands one word as BuildKit does, notes its undefined variables, and returns it (null if it fails). */
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
                    undefined.add(new UndefinedUse(name, Suggestions.closest(name, env.keySet(), true)));
                }
            }
            return expansion.result();
        }
    }
}
