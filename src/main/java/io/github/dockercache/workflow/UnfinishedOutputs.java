package io.github.dockercache.workflow;

import io.github.dockercache.context.ContextException;
import io.github.dockercache.model.AnalysisException;
import io.github.dockercache.model.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Refuses to hash what the project's build has not finished: a COPY/ADD source under the build directory that does
 * not exist yet, or that work still to come in the build may rewrite (the jar before it is packaged, a repackaging
 * step after it). The image's keys would then describe files that {@code docker build} after the build never sees.
 */
final class UnfinishedOutputs {
    /** How many files a message names before it says how many more there are. */
    private static final int NAMED = 3;

    private final ImageRequest request;
    private final BuildOutputs outputs;
    private final Hints hints;

    UnfinishedOutputs(ImageRequest request) {
        this.request = request;
        this.outputs = request.invocation().outputs();
        this.hints = request.hints();
    }

    /**
     * The analysis failed on a missing source: when it is a build output, says so and how to make it; else null.
     *
     * @param message the failure's message as the console shows it, starting with the instruction's location
     */
    WorkflowException missingSource(AnalysisException failure, String message) {
        if (!(failure.getCause() instanceof ContextException cause) || cause.missingPath() == null) {
            return null;
        }
        Path missing = request.build()
                .contextDir()
                .resolve(cause.missingPath())
                .toAbsolutePath()
                .normalize();
        String what = show(missing) + ", which the image copies (" + location(message) + "), does not exist";
        for (Map.Entry<Path, String> later : outputs.laterModules().entrySet()) {
            if (missing.startsWith(later.getKey().toAbsolutePath().normalize())) {
                String reason = what + " yet: this build builds " + later.getValue() + " after this goal";
                return WorkflowException.checkLater(
                        reason,
                        "Not checked: " + reason + ". Check the image once the build has finished: "
                                + hints.goal("check") + ".",
                        Set.of(later.getKey()));
            }
        }
        if (outputs.directory() == null
                || !missing.startsWith(outputs.directory().toAbsolutePath().normalize())) {
            return null;
        }
        if (!outputs.pending().isEmpty()) {
            return failure(what + " yet: " + stillToRun() + ". " + hints.runCheckLast());
        }
        if (outputs.artifact() != null && Files.isRegularFile(outputs.artifact())) {
            return failure(what + ", though the project is built (its artifact is " + show(outputs.artifact())
                    + "): correct the path in the Dockerfile, or the build argument that gives it.");
        }
        return failure(what + ": the project is not built yet. Build it first: " + hints.buildProject() + ".");
    }

    /**
     * Throws when the image copies a build output that work still to come in the build may rewrite; does nothing when
     * it copies none. Only what is certain counts: a file's age says nothing here, as a reproducible jar keeps its old
     * time when its content did not change, and a copied dependency keeps the repository's.
     */
    void requireFinished(Snapshot snapshot) throws WorkflowException {
        requireLaterModulesBuilt(snapshot);
        if (outputs.directory() == null || outputs.pending().isEmpty()) {
            return;
        }
        List<Path> copied = copiedOutputs(snapshot, outputs.directory());
        if (!copied.isEmpty()) {
            throw failure("The image copies " + list(copied) + " from the build directory, which this build has not"
                    + " finished: " + stillToRun() + ". " + hints.runCheckLast());
        }
    }

    /**
     * Throws, as a warning, when the image copies the build outputs of a project that this build builds later: an
     * aggregator runs before its modules, so their jars are still the previous build's, and a step keyed on them may
     * be called cached where {@code docker build} after the build sees new ones. Failing would stop the build that
     * makes them.
     */
    private void requireLaterModulesBuilt(Snapshot snapshot) throws WorkflowException {
        List<Path> copied = new ArrayList<>();
        Set<String> modules = new TreeSet<>();
        Set<String> directories = new TreeSet<>();
        Set<Path> awaited = new HashSet<>();
        outputs.laterModules().forEach((directory, module) -> {
            List<Path> files = copiedOutputs(snapshot, directory);
            if (!files.isEmpty()) {
                copied.addAll(files);
                modules.add(module);
                directories.add(show(directory) + "/");
                awaited.add(directory);
            }
        });
        if (!copied.isEmpty()) {
            Collections.sort(copied);
            String reason = "the image copies " + list(copied) + " from the build directory of "
                    + String.join(", ", modules) + ", which this build builds after this goal";
            throw WorkflowException.checkLater(
                    reason,
                    "Not checked: " + reason + ", so these are the previous build's files. If the image does not need"
                            + " them, add " + String.join(", ", directories)
                            + " to .dockerignore; else check the image once the build has finished: "
                            + hints.goal("check") + ".",
                    awaited);
        }
    }

    /** The regular files the steps read from under a build directory, as absolute paths. */
    private List<Path> copiedOutputs(Snapshot snapshot, Path buildDirectory) {
        Path directory = buildDirectory.toAbsolutePath().normalize();
        Path context = request.build().contextDir().toAbsolutePath().normalize();
        return snapshot.files().entrySet().stream()
                .filter(entry -> "file".equals(entry.getValue().type()))
                .map(Map.Entry::getKey)
                .map(path -> context.resolve(path).normalize())
                .filter(path -> path.startsWith(directory))
                .sorted()
                .toList();
    }

    private String stillToRun() {
        return String.join(", ", outputs.pending()) + (outputs.pending().size() == 1 ? " runs" : " run")
                + " after this goal";
    }

    /** Where the failing instruction is ("Dockerfile:3:1"), from the start of the analysis's message. */
    private static String location(String message) {
        int end = message.indexOf(": ");
        return end > 0 ? message.substring(0, end) : "a COPY or ADD";
    }

    private String list(List<Path> files) {
        String named = files.stream().limit(NAMED).map(this::show).collect(Collectors.joining(", "));
        return files.size() <= NAMED ? named : named + " and " + (files.size() - NAMED) + " more";
    }

    private String show(Path path) {
        return request.show(path);
    }

    /** The project's files are not as a build leaves them: the user's to fix, so no cause to print with it. */
    private static WorkflowException failure(String message) {
        return new WorkflowException(message, null, true);
    }
}
