package io.github.dockercache.advice;

import io.github.dockercache.context.EntryType;
import io.github.dockercache.context.GoPath;
import io.github.dockercache.dockerfile.CopyInstruction;
import io.github.dockercache.dockerfile.Instruction;
import io.github.dockercache.dockerfile.RunInstruction;
import io.github.dockercache.dockerfile.Stage;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * DC102: a dependency install that runs before some of its manifests are copied. The install's key
 * covers only what was copied before it (cache-model §1.1, §3.4), so a change to a missing manifest (a lock file,
 * a module's pom.xml, .mvn/) leaves the install cached with stale dependencies.
 */
final class ManifestsAfterInstallRule implements Rule.OfStage {
    static final String ID = "DC102";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void check(AdviceInput input, Stage stage, List<Finding> findings) {
        for (Ecosystem ecosystem : Ecosystem.values()) {
            Instructions.firstRun(stage.instructions(), ecosystem::installs)
                    .flatMap(run -> check(input, stage.instructions(), ecosystem, run))
                    .ifPresent(findings::add);
        }
    }

    private static Optional<Finding> check(
            AdviceInput input, List<Instruction> instructions, Ecosystem ecosystem, RunInstruction run) {
        Map<String, Instruction> provided =
                providedBefore(input, instructions.subList(0, instructions.indexOf(run)), run);
        // the shallowest manifest the stage brings in tells where the project is; none: the manifests come
        // from somewhere the context does not show (a base stage, COPY --from), so there is nothing to say
        Optional<String> rootManifest = provided.keySet().stream()
                .filter(path -> input.isRegularFile(path) && ecosystem.isRootManifestName(GoPath.base(path)))
                .min(Comparator.comparingInt((String path) -> path.split("/").length)
                        .thenComparing(path -> path));
        if (rootManifest.isEmpty()) {
            return Optional.empty();
        }
        String project = rootManifest.get().contains("/") ? GoPath.dir(rootManifest.get()) : "";
        String command = Instructions.command(run);
        List<String> projectFiles = input.context().entries().values().stream()
                .filter(entry -> entry.type() == EntryType.FILE && ContextPaths.isWithin(entry.path(), project))
                .map(entry -> ContextPaths.relative(entry.path(), project))
                .toList();
        List<String> missing = ecosystem.manifests(projectFiles).stream()
                .filter(manifest -> ecosystem.needs(manifest, command))
                .filter(manifest -> !isProvided(provided.keySet(), ContextPaths.prefix(project) + manifest))
                .toList();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        String message = Instructions.describe(run.source()) + " installs before " + String.join(", ", missing)
                + (missing.size() == 1 ? " is" : " are") + " copied: a change to "
                + (missing.size() == 1 ? "it" : "them")
                + " does not re-run the install, which keeps stale dependencies";
        int runLine = run.source().location().line();
        if (!(provided.get(rootManifest.get()) instanceof CopyInstruction copy)) {
            return Optional.of(Finding.at(
                    ID,
                    Severity.WARNING,
                    run.source(),
                    message,
                    "bind-mount "
                            + String.join(", ", missing) + " into the RUN at line " + runLine
                            + " as well, next to the manifests it already mounts"));
        }
        List<String> lines = ManifestCopies.lines(
                copy, ContextPaths.prefix(project), ManifestCopies.destinationDirectory(copy), missing);
        return Optional.of(Finding.at(
                        ID,
                        Severity.WARNING,
                        run.source(),
                        message,
                        Fixes.of(
                                "copy " + (missing.size() == 1 ? "it" : "them")
                                        + " with the other manifests; insert above line " + runLine,
                                lines))
                .withEdits(Edit.DockerfileLines.insertAbove(runLine, lines)));
    }

    /** Every context path the stage has before the install, with the instruction that brought it. */
    private static Map<String, Instruction> providedBefore(
            AdviceInput input, List<Instruction> before, RunInstruction run) {
        Map<String, Instruction> provided = new LinkedHashMap<>();
        for (Instruction instruction : before) {
            if (instruction instanceof CopyInstruction copy && copy.from() == null) {
                input.step(copy)
                        .ifPresent(step -> step.reads().files().forEach(path -> provided.putIfAbsent(path, copy)));
            }
        }
        input.step(run)
                .ifPresent(
                        step -> step.reads().files().forEach(path -> provided.putIfAbsent(path, run))); // bind mounts
        return provided;
    }

    /** A file is provided when copied; a manifest directory when anything in it is. */
    private static boolean isProvided(Set<String> provided, String manifest) {
        if (!manifest.endsWith("/")) {
            return provided.contains(manifest);
        }
        return provided.stream().anyMatch(path -> path.startsWith(manifest));
    }
}
