package io.github.dockercache.advice;

import io.github.dockercache.context.EntryType;
import io.github.dockercache.context.FileEntry;
import io.github.dockercache.context.GoPath;
import io.github.dockercache.dockerfile.CopyInstruction;
import io.github.dockercache.dockerfile.Instruction;
import io.github.dockercache.model.StepSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * DC202: VCS data, build output, IDE folders or logs that a step copies along with a directory. They
 * change all the time, and every change is a new checksum for the step (cache-model §3.4, §9 "COPY . . rebuilds
 * on every commit").
 */
final class NoisyPathsCopiedRule implements Rule {
    static final String ID = "DC202";
    private static final String LOG_PATTERN = "**/*.log";

    @Override
    public String id() {
        return ID;
    }

    /**
     * Something that should not be in the context.
     *
     * @param path the directory, or {@link #LOG_PATTERN} for the log files
     * @param reason what it is and when it changes
     * @param covers the context paths it stands for
     */
    private record Noise(String path, boolean directory, String reason, Predicate<String> covers) {
        String ignoreLine() {
            return directory ? IgnoreLines.forPath(path, true) : LOG_PATTERN;
        }

        /** The {@code --exclude} pattern for a COPY of {@code root}, which contains the noise. */
        String excludePattern(String root) {
            return directory ? IgnoreLines.forPath(ContextPaths.relative(path, root), false) : LOG_PATTERN;
        }

        /** How the message names what {@code step} copies of it: the directory, or the log files that step reads. */
        String display(StepSnapshot step) {
            if (directory) {
                return path + "/";
            }
            List<String> logs =
                    step.reads().files().stream().filter(covers).sorted().toList();
            String shown =
                    String.join(", ", logs.subList(0, Math.min(3, logs.size()))) + (logs.size() > 3 ? ", ..." : "");
            return logs.size() + " log file" + (logs.size() == 1 ? "" : "s") + " (" + shown + ")";
        }
    }

    @Override
    public List<Finding> check(AdviceInput input) {
        ContextReads reads = new ContextReads(input.snapshot());
        ContextNeeds needs = input.needs();
        List<Finding> findings = new ArrayList<>();
        for (Noise noise : noises(input.context().entries())) {
            reads.readers(noise.covers()).stream()
                    .filter(step -> !ContextReads.asksFor(step, noise.covers()))
                    .findFirst()
                    .flatMap(step -> finding(input, needs, noise, step))
                    .ifPresent(findings::add);
        }
        return findings;
    }

    /** The noisy directories (outermost only) in path order, then the log files outside them. */
    private static List<Noise> noises(Map<String, FileEntry> entries) {
        List<Noise> noises = new ArrayList<>();
        for (FileEntry entry : entries.values()) {
            String path = entry.path();
            if (noises.stream().anyMatch(noise -> noise.covers().test(path))) {
                continue;
            }
            reason(entries, entry)
                    .ifPresent(
                            reason -> noises.add(new Noise(path, true, reason, p -> ContextPaths.isWithin(p, path))));
        }
        List<String> logs = entries.values().stream()
                .filter(entry -> entry.type() == EntryType.FILE && entry.path().endsWith(".log"))
                .map(FileEntry::path)
                .filter(path ->
                        noises.stream().noneMatch(noise -> noise.covers().test(path)))
                .toList();
        if (!logs.isEmpty()) {
            noises.add(new Noise(LOG_PATTERN, false, "logs, which change whenever something runs", logs::contains));
        }
        return noises;
    }

    /** Why an entry is noise, or empty; {@code target} and {@code build} only next to their build file. */
    private static Optional<String> reason(Map<String, FileEntry> entries, FileEntry entry) {
        String name = GoPath.base(entry.path());
        String parent = ContextPaths.prefix(entry.path().contains("/") ? GoPath.dir(entry.path()) : "");
        boolean directory = entry.type() == EntryType.DIRECTORY;
        return Optional.ofNullable(
                switch (name) {
                    case ".git" -> "git data, which changes with every commit";
                    case ".idea", ".vscode" -> directory ? "IDE settings, which change while you work" : null;
                    case "node_modules" ->
                        directory ? "installed packages, which change whenever the host installs" : null;
                    case "target" ->
                        directory && entries.containsKey(parent + "pom.xml")
                                ? "Maven build output, which changes with every build"
                                : null;
                    case "build" ->
                        directory
                                        && (entries.containsKey(parent + "build.gradle")
                                                || entries.containsKey(parent + "build.gradle.kts"))
                                ? "Gradle build output, which changes with every build"
                                : null;
                    default -> null;
                });
    }

    /**
     * The finding at the first step that copies the noise with a directory: ignore it, unless a source (of any stage,
     * or of another Dockerfile reading the same ignore file) names it; then leave it out of this COPY only, or, where
     * that cannot be written, ignore all of it but what the sources name. Nothing when no fix keeps every source.
     */
    private static Optional<Finding> finding(AdviceInput input, ContextNeeds needs, Noise noise, StepSnapshot step) {
        Instruction instruction = input.instruction(step);
        String message = Instructions.describe(instruction.source()) + " copies " + noise.display(step) + ": "
                + noise.reason() + ", and each change rebuilds this step and the ones after it";
        boolean named = noise.directory()
                ? needs.names(noise.path())
                : step.reads().files().stream().filter(noise.covers()).anyMatch(needs::names);
        // the legacy builder ignores --exclude (Docker 28) or rejects it (Docker 26)
        if (named
                && !input.classic()
                && instruction instanceof CopyInstruction copy
                && step.reads().sources().size() == 1) {
            String exclude = "--exclude="
                    + noise.excludePattern(
                            ContextPaths.of(step.reads().sources().get(0)));
            String excluding = Instructions.withFlag(copy.source(), exclude);
            Edit edit = Instructions.replace(copy.source(), excluding);
            if (Rewrites.keepsBuilding(input, List.of(edit))) { // --exclude needs dockerfile 1.19 (BuildKit 0.25)
                return Optional.of(Finding.at(
                                ID,
                                Severity.WARNING,
                                instruction.source(),
                                noise.path(),
                                message,
                                Fixes.of(
                                        "leave it out of this COPY (another step copies it on purpose; dockerfile syntax 1.19 or"
                                                + " later)",
                                        excluding))
                        .withEdits(edit));
            }
        }
        return needs.exclude(List.of(noise.ignoreLine()))
                .map(exclusion -> Finding.at(
                                ID,
                                Severity.WARNING,
                                instruction.source(),
                                noise.path(),
                                message,
                                Fixes.of(exclusion.addTo(input.ignoreFileName(), null), exclusion.lines()))
                        .withEdits(new Edit.IgnoreLines(input.ignoreFileName(), exclusion.lines())));
    }
}
