package io.github.dockercache.advice;

import io.github.dockercache.context.BuildContext;
import io.github.dockercache.context.EntryType;
import io.github.dockercache.context.FileEntry;
import io.github.dockercache.dockerfile.Dockerfile;
import io.github.dockercache.dockerfile.Instruction;
import io.github.dockercache.dockerfile.Stage;
import io.github.dockercache.model.Analysis;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.SecretExposure;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the rules look at: the parsed Dockerfile and its text, the context as sent, the computed steps, and the
 * build they are for.
 */
final class AdviceInput {
    private final Dockerfile dockerfile;
    private final String text;
    private final List<String> lines;
    private final BuildContext context;
    private final Snapshot snapshot;
    private final List<SecretExposure> secretExposures;
    private final BuildSettings build;
    private final String outputDirectory;
    private ContextNeeds needs;
    private final Map<Integer, StepSnapshot> stepsByLine = new HashMap<>();
    private final Map<Integer, Instruction> instructionsByLine = new HashMap<>();

    /**
     * @param outputDirectory where the plugin writes its own files, or null; they never draw advice
     */
    AdviceInput(Analysis analysis, BuildSettings build, Path outputDirectory) {
        this.dockerfile = analysis.dockerfile();
        this.text = analysis.dockerfileText();
        this.lines = text.lines().toList();
        this.context = analysis.context();
        this.snapshot = analysis.snapshot();
        this.secretExposures = analysis.secretExposures();
        this.build = build;
        this.outputDirectory = outputDirectory == null ? null : contextPath(context.root(), outputDirectory);
        // a stage is converted once, so one instruction is at most one step
        snapshot.steps().forEach(step -> stepsByLine.put(step.place().line(), step));
        indexInstructions();
    }

    /**
     * The Dockerfile alone, for the rules that read nothing else ({@link Advisor#DOCKERFILE_ONLY}): no context or
     * snapshot, and no step for any instruction, so a rule judges the instructions as written; {@code build} gives
     * the BuildKit release and check options a suggested rewrite is parsed with.
     */
    AdviceInput(Dockerfile dockerfile, String text, BuildSettings build) {
        this.dockerfile = dockerfile;
        this.text = text;
        this.lines = text.lines().toList();
        this.context = null;
        this.snapshot = null;
        this.secretExposures = List.of();
        this.build = build;
        this.outputDirectory = null;
        indexInstructions();
    }

    private void indexInstructions() {
        for (Stage stage : dockerfile.stages()) {
            instructionsByLine.put(stage.from().source().location().line(), stage.from());
            stage.instructions()
                    .forEach(i -> instructionsByLine.put(i.source().location().line(), i));
        }
    }

    Dockerfile dockerfile() {
        return dockerfile;
    }

    /** The Dockerfile text the parse came from. */
    String text() {
        return text;
    }

    BuildContext context() {
        return context;
    }

    Snapshot snapshot() {
        return snapshot;
    }

    /** Where secrets reach a layer, in build order. */
    List<SecretExposure> secretExposures() {
        return secretExposures;
    }

    /** What docker build is given: the Dockerfile on disk, the build args, the target, the builder and its release. */
    BuildSettings build() {
        return build;
    }

    /** What the context must keep for every stage, target and Dockerfile sharing the ignore file; made once. */
    ContextNeeds needs() {
        if (needs == null) {
            needs = ContextNeeds.of(this);
        }
        return needs;
    }

    /** True when the legacy builder builds, which uploads the whole context on every build (cache-model §10). */
    boolean classic() {
        return build.builder() == Builder.CLASSIC;
    }

    /** True for the plugin's own output directory and what is inside it, when it lies in the context. */
    boolean isPluginOutput(String path) {
        return outputDirectory != null && ContextPaths.isWithin(path, outputDirectory);
    }

    /** The step an instruction became; empty for instructions that are no step or are in an unbuilt stage. */
    Optional<StepSnapshot> step(Instruction instruction) {
        return Optional.ofNullable(
                stepsByLine.get(instruction.source().location().line()));
    }

    /** The instruction a step was made from. */
    Instruction instruction(StepSnapshot step) {
        return instructionsByLine.get(step.place().line());
    }

    /** The ignore file fixes should name: the one that applies, else the one BuildKit would read. */
    String ignoreFileName() {
        return context.ignoreFile() != null ? context.ignoreFile() : ContextNeeds.NEW_IGNORE_FILE;
    }

    /** True for a regular file of the context as sent. */
    boolean isRegularFile(String path) {
        FileEntry entry = context.entries().get(path);
        return entry != null && entry.type() == EntryType.FILE;
    }

    /** Lines {@code first} to {@code last} (1-based, inclusive) exactly as written. */
    List<String> lines(int first, int last) {
        return lines.subList(first - 1, last);
    }

    /** {@code directory} as a context path, or null when it is not inside the context (or is the context itself). */
    private static String contextPath(Path root, Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        Path real = absolute;
        try {
            real = absolute.toRealPath(); // the root is a real path
        } catch (IOException e) {
            // not created yet: compare as given
        }
        if (!real.startsWith(root) || real.equals(root)) {
            return null;
        }
        return root.relativize(real).toString().replace('\\', '/');
    }
}
