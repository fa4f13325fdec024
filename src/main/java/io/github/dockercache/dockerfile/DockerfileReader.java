package io.github.dockercache.dockerfile;

import io.github.dockercache.files.BoundedFile;
import io.github.dockercache.files.FileLimitException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Reads a Dockerfile into stages and typed instructions, as BuildKit's Dockerfile frontend does. */
public final class DockerfileReader {
    /**
     * The largest Dockerfile read (docs/limits.md). BuildKit's built-in frontend reads any size; a {@code # syntax=}
     * frontend receives the file in one gRPC message of at most 16 MiB. Real Dockerfiles are a few KiB.
     */
    public static final long MAX_BYTES = 1L << 20;

    private DockerfileReader() {}

    /** Reads {@code file}; messages name it {@code displayName}. */
    public static Dockerfile read(Path file, String displayName)
            throws IOException, FileLimitException, DockerfileException {
        return parse(readText(file), displayName);
    }

    /** Parses Dockerfile text; messages name it {@code displayName}. No base image configuration is known. */
    public static Dockerfile parse(String content, String displayName) throws DockerfileException {
        return parse(content, displayName, BaseImageConfigs.NONE);
    }

    /**
     * Parses Dockerfile text; messages name it {@code displayName}. The build checks that depend on a base
     * image's configuration are made where {@code images} knows it.
     */
    public static Dockerfile parse(String content, String displayName, BaseImageConfigs images)
            throws DockerfileException {
        return parse(content, displayName, images, null);
    }

    /**
     * As {@link #parse(String, String, BaseImageConfigs)}, with the build checks configured by the
     * {@code BUILDKIT_DOCKERFILE_CHECK} build argument ({@link CheckOptions#fromBuildArg}) instead of the
     * {@code # check=} directive when {@code checkOptions} is not null.
     */
    public static Dockerfile parse(
            String content, String displayName, BaseImageConfigs images, CheckOptions checkOptions)
            throws DockerfileException {
        return parse(content, displayName, images, checkOptions, BuildKitVersion.NEWEST);
    }

    /**
     * As {@link #parse(String, String, BaseImageConfigs, CheckOptions)}, by the built-in frontend of BuildKit
     * {@code version}.
     */
    public static Dockerfile parse(
            String content,
            String displayName,
            BaseImageConfigs images,
            CheckOptions checkOptions,
            BuildKitVersion version)
            throws DockerfileException {
        if (content.isEmpty()) {
            throw new DockerfileException(new SourceLocation(displayName, 1, 1), "the Dockerfile cannot be empty");
        }
        RawDockerfile raw = RawParser.parse(content, displayName);
        boolean externalFrontend = ParserDirectives.detectSyntax(content).isPresent();
        List<ArgInstruction> globalArgs = new ArrayList<>();
        List<StageBuilder> stages = new ArrayList<>();
        Map<Instruction, RawInstruction> rawOf = new IdentityHashMap<>();
        ShellLexer lexer = new ShellLexer(raw.escapeChar());
        for (RawInstruction rawInstruction : raw.instructions()) {
            Instruction instruction = convert(rawInstruction, displayName, externalFrontend, version, lexer);
            rawOf.put(instruction, rawInstruction);
            if (stages.isEmpty() && instruction instanceof ArgInstruction arg) {
                globalArgs.add(arg);
            } else if (instruction instanceof FromInstruction from) {
                stages.add(new StageBuilder(from));
            } else if (stages.isEmpty()) {
                throw new DockerfileException(instruction.source().location(), "no build stage in current context");
            } else {
                stages.get(stages.size() - 1).instructions.add(instruction);
            }
        }
        if (stages.isEmpty()) {
            throw new DockerfileException(
                    new SourceLocation(displayName, raw.endLine(), 1), "dockerfile contains no stages to build");
        }
        List<Stage> built = new ArrayList<>();
        for (StageBuilder stage : stages) {
            built.add(stage.build(built.size()));
        }
        BuildChecks.Result checks = BuildChecks.run(content, raw, globalArgs, built, rawOf, images, checkOptions);
        return new Dockerfile(
                displayName,
                raw.escapeChar(),
                List.copyOf(globalArgs),
                List.copyOf(built),
                checks.warnings(),
                checks.warningsFailBuild());
    }

    /**
     * Parses the text of the ONBUILD trigger at {@code line} of the Dockerfile {@code displayName} as BuildKit's
     * built-in frontend of {@code version} does when a stage built FROM the trigger's stage runs it: on its own, so
     * that no parser directive of the Dockerfile applies (the escape character is {@code \\}). Messages place the
     * trigger on the ONBUILD's line.
     */
    public static List<Instruction> parseTrigger(String text, String displayName, int line, BuildKitVersion version)
            throws DockerfileException {
        ShellLexer lexer = new ShellLexer('\\');
        List<Instruction> instructions = new ArrayList<>();
        for (RawInstruction raw : RawParser.parseTrigger(text, displayName, line)) {
            instructions.add(convert(raw, displayName, false, version, lexer));
        }
        return List.copyOf(instructions);
    }

    /**
     * The raw parse tree of a file in the format of BuildKit's parser tests ({@code Node.Dump()} plus a
     * final newline), for a parse-only goal.
     */
    public static String dump(String content, String displayName) throws DockerfileException {
        return DockerfileBytes.coerced(RawParser.parse(content, displayName).dump() + "\n");
    }

    /**
     * The file's text, every byte kept ({@link DockerfileBytes}).
     *
     * @throws FileLimitException it is not a regular file (symlinks followed), or larger than {@link #MAX_BYTES}
     */
    public static String readText(Path file) throws IOException, FileLimitException {
        return DockerfileBytes.decode(BoundedFile.read(file, MAX_BYTES));
    }

    /** The typed instruction; {@code lexer} expands words with the file's escape character. */
    private static Instruction convert(
            RawInstruction raw, String displayName, boolean externalFrontend, BuildKitVersion version, ShellLexer lexer)
            throws DockerfileException {
        Instruction instruction;
        try {
            instruction = InstructionParser.parse(raw, displayName, externalFrontend, version);
        } catch (LineError e) {
            throw e.at(new SourceLocation(displayName, raw.startLine(), raw.column()));
        }
        if (instruction instanceof CopyInstruction copy && copy.from() != null) {
            checkCopyFrom(copy, lexer, version);
        }
        return instruction;
    }

    /**
     * {@code COPY --from} names a stage or an image literally: BuildKit 0.24 and later refuse a word that variable
     * expansion would change, in every stage, built or not; earlier releases take it for an image name, which
     * cannot parse (a reference has no {@code $}, quote or escape).
     */
    private static void checkCopyFrom(CopyInstruction copy, ShellLexer lexer, BuildKitVersion version)
            throws DockerfileException {
        String expanded;
        try {
            expanded = lexer.processWord(copy.from(), name -> null);
        } catch (ExpansionException e) {
            expanded = null;
        }
        if (copy.from().equals(expanded)) {
            return;
        }
        throw new DockerfileException(
                copy.source().location(),
                version.rejectsVariablesInCopyFrom()
                        ? "variable expansion is not supported for --from, define a new stage with FROM using ARG from global"
                                + " scope as a workaround"
                        : "BuildKit " + version
                                + " expands no variable in --from and takes the word for an image name (define a"
                                + " new stage with FROM using ARG from global scope instead): failed to parse stage name \""
                                + copy.from() + "\": invalid reference format");
    }

    private static final class StageBuilder {
        private final FromInstruction from;
        private final List<Instruction> instructions = new ArrayList<>();

        StageBuilder(FromInstruction from) {
            this.from = from;
        }

        Stage build(int index) {
            return new Stage(index, from.stageName(), from, List.copyOf(instructions));
        }
    }
}
