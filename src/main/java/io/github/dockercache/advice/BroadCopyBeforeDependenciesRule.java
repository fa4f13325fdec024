package io.github.dockercache.advice;

import io.github.dockercache.context.EntryType;
import io.github.dockercache.context.FileEntry;
import io.github.dockercache.context.GoPath;
import io.github.dockercache.dockerfile.CopyInstruction;
import io.github.dockercache.dockerfile.Instruction;
import io.github.dockercache.dockerfile.RunInstruction;
import io.github.dockercache.dockerfile.Stage;
import io.github.dockercache.dockerfile.WorkdirInstruction;
import io.github.dockercache.model.StepSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * DC101: a COPY of a whole directory ({@code COPY . .}) above the RUN that downloads dependencies. The
 * COPY's key covers every file it copies (cache-model §3.4) and a miss is sticky (cache-model §1.2), so any edit re-runs
 * the download; copying the manifests first lets the download stay cached until they change.
 */
final class BroadCopyBeforeDependenciesRule implements Rule.OfStage {
    static final String ID = "DC101";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void check(AdviceInput input, Stage stage, List<Finding> findings) {
        List<Instruction> instructions = stage.instructions();
        for (Ecosystem ecosystem : Ecosystem.values()) {
            Instructions.firstRun(instructions, ecosystem::downloads)
                    .flatMap(run -> check(input, instructions, ecosystem, run))
                    .ifPresent(findings::add);
        }
    }

    /** A broad copy before the download, and the fix, when the fix can be written out. */
    private static Optional<Finding> check(
            AdviceInput input, List<Instruction> instructions, Ecosystem ecosystem, RunInstruction run) {
        List<Instruction> before = instructions.subList(0, instructions.indexOf(run));
        String command = Instructions.command(run);
        if (prefetchesItsOwnWay(input, before, ecosystem)) {
            return Optional.empty();
        }
        for (Instruction instruction : before) {
            if (instruction instanceof CopyInstruction copy && copy.from() == null) {
                Optional<BroadCopy> broad = BroadCopy.of(input, copy, ecosystem, command);
                if (broad.isPresent()) {
                    List<Instruction> between = before.subList(before.indexOf(copy) + 1, before.size());
                    return finding(input, broad.get(), run, ecosystem, command, between);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * True when, before the download, the stage copies a manifest and then runs the tool on its own: a task of the
     * project's ({@code ./gradlew downloadRepos}) that the rule cannot recognise fetches the dependencies there.
     */
    private static boolean prefetchesItsOwnWay(AdviceInput input, List<Instruction> before, Ecosystem ecosystem) {
        boolean manifestCopied = false;
        for (Instruction instruction : before) {
            if (instruction instanceof CopyInstruction copy && copy.from() == null) {
                manifestCopied |= input.step(copy)
                        .map(step -> step.reads().files().stream()
                                .anyMatch(path -> ecosystem.isRootManifestName(GoPath.base(path))))
                        .orElse(false);
            } else if (manifestCopied
                    && instruction instanceof RunInstruction earlier
                    && ecosystem.runsTool(Instructions.command(earlier))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A single-source COPY of a directory that holds the manifests the command needs and other files too.
     *
     * @param directory the copied directory as a context path
     * @param files how many regular files it copies
     * @param manifests the manifests the command needs, relative to that directory
     */
    private record BroadCopy(
            CopyInstruction copy, StepSnapshot step, String directory, int files, Set<String> manifests) {
        static Optional<BroadCopy> of(AdviceInput input, CopyInstruction copy, Ecosystem ecosystem, String command) {
            Optional<StepSnapshot> step = input.step(copy);
            if (step.isEmpty() || step.get().reads().sources().size() != 1) {
                return Optional.empty();
            }
            String directory = ContextPaths.of(step.get().reads().sources().get(0));
            FileEntry entry = input.context().entries().get(directory);
            if (!directory.isEmpty() && (entry == null || entry.type() != EntryType.DIRECTORY)) {
                return Optional.empty();
            }
            List<String> files = step.get().reads().files().stream()
                    .filter(path -> input.isRegularFile(path) && ContextPaths.isWithin(path, directory))
                    .map(path -> ContextPaths.relative(path, directory))
                    .toList();
            Set<String> manifests = new TreeSet<>();
            ecosystem.manifests(files).stream()
                    .filter(m -> ecosystem.needs(m, command))
                    .forEach(manifests::add);
            boolean copiesMore = files.stream().anyMatch(file -> !ecosystem.isManifest(file));
            return manifests.isEmpty() || !copiesMore
                    ? Optional.empty()
                    : Optional.of(new BroadCopy(copy, step.get(), directory, files.size(), manifests));
        }
    }

    private static Optional<Finding> finding(
            AdviceInput input,
            BroadCopy broad,
            RunInstruction run,
            Ecosystem ecosystem,
            String command,
            List<Instruction> between) {
        CopyInstruction copy = broad.copy();
        List<String> manifestLines = ManifestCopies.lines(
                copy,
                ContextPaths.prefix(broad.directory()),
                ManifestCopies.destinationDirectory(copy),
                broad.manifests());
        int copyLine = copy.source().location().line();
        List<String> copyLines = input.lines(copyLine, copy.source().endLine());
        String copies = Instructions.describe(copy.source()) + " copies " + broad.files() + " files before "
                + Instructions.describe(run.source());
        Optional<String> prefetch =
                ecosystem.builds(command) ? ecosystem.prefetch(command, broad.manifests()) : Optional.empty();
        if (prefetch.isPresent()) {
            if (!prefetchRunsWhereTheBuildRuns(input, broad, run, between)) {
                return Optional.empty();
            }
            List<String> replacement = new ArrayList<>(manifestLines);
            replacement.add("RUN " + prefetch.get());
            replacement.addAll(copyLines);
            String message = copies + " downloads the dependencies: every edit to any of them downloads them again";
            String alsoDrop = ecosystem.installs(command)
                    ? " (then drop the install from the RUN at line "
                            + run.source().location().line() + ")"
                    : "";
            return Optional.of(Finding.at(
                            ID,
                            Severity.WARNING,
                            copy.source(),
                            message,
                            Fixes.of(
                                    "copy the manifests and download the dependencies first" + alsoDrop + "; replace "
                                            + Fixes.lineRange(
                                                    copyLine, copy.source().endLine()) + " with",
                                    replacement))
                    .withEdits(
                            Edit.DockerfileLines.replace(copyLine, copy.source().endLine(), replacement)));
        }
        if (ecosystem.builds(command) || between.stream().anyMatch(RunInstruction.class::isInstance)) {
            return Optional.empty(); // the RUN, or one before it, may need the other files
        }
        List<String> replacement = new ArrayList<>(manifestLines);
        replacement.addAll(input.lines(copy.source().endLine() + 1, run.source().endLine()));
        replacement.addAll(copyLines);
        String message = copies + ", which needs only " + String.join(", ", broad.manifests())
                + ": every edit to any of them re-runs the install";
        return Optional.of(Finding.at(
                        ID,
                        Severity.WARNING,
                        copy.source(),
                        message,
                        Fixes.of(
                                "copy the manifests before the install and the rest after it; replace "
                                        + Fixes.lineRange(copyLine, run.source().endLine()) + " with",
                                replacement))
                .withEdits(Edit.DockerfileLines.replace(copyLine, run.source().endLine(), replacement)));
    }

    /**
     * The download RUN is inserted where the COPY was: it must run in the directory the build runs in,
     * and that directory must be where the COPY puts the manifests.
     */
    private static boolean prefetchRunsWhereTheBuildRuns(
            AdviceInput input, BroadCopy broad, RunInstruction run, List<Instruction> between) {
        if (between.stream().anyMatch(WorkdirInstruction.class::isInstance)) {
            return false;
        }
        String destination = broad.step().reads().inputs().getOrDefault("dest", "");
        String workdir = input.step(run)
                .map(step -> step.reads().inputs().get("workdir"))
                .orElse(null);
        return destination.equals(workdir + "/") || destination.equals(workdir);
    }
}
