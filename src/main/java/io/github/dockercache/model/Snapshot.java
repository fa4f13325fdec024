package io.github.dockercache.model;

import java.util.List;
import java.util.Objects;
import java.util.SortedMap;

/**
 * The keys and inputs of every step of one build, as written to {@code snapshot.json} and to baselines.
 * Paths are relative: the same context in another directory gives the same snapshot.
 *
 * @param format always {@link #FORMAT}
 * @param version the format version, {@link #VERSION}
 * @param dockerfile the Dockerfile, relative to the context when inside it
 * @param target the {@code --target} stage, or null for the last stage
 * @param buildArgs the build arguments given, secrets as digests
 * @param steps every step of the reachable stages, in stage order then step order
 * @param files every context entry a step reads, by relative path
 * @param warnings what the user should know about this build (plugin files inside the context, ...)
 * @param history in a baseline, the keys of the builds recorded so far, newest first (BuildKit keeps
 *     every earlier result, so a step whose key matches any of them is cached); empty in a snapshot
 * @param builder the builder whose rules computed the keys; BuildKit in files written before it was recorded
 * @param stages every stage of {@code steps}, in stage order, with where it starts; empty in files written before
 *     they were recorded
 * @param dependencies the project's dependencies, or null when not known (a file written before they were recorded)
 */
public record Snapshot(
        String format,
        int version,
        String dockerfile,
        String target,
        SortedMap<String, String> buildArgs,
        List<StepSnapshot> steps,
        SortedMap<String, FileInfo> files,
        List<String> warnings,
        List<HistoryEntry> history,
        Builder builder,
        List<StageSnapshot> stages,
        Dependencies dependencies) {
    public static final String FORMAT = "dockercache-snapshot";
    /** Context entries in a compact table (docs/snapshot-format.md). */
    public static final int VERSION = 2;
    /** Every context entry as a JSON object with whole digests: still read, no longer written. */
    public static final int PLAIN_VERSION = 1;

    /** The builds this snapshot knows: its history, or, for a plain snapshot, itself as one entry of unknown date. */
    public List<HistoryEntry> builds() {
        if (!history.isEmpty()) {
            return history;
        }
        return List.of(new HistoryEntry(
                null,
                null,
                steps.stream()
                        .map(step -> step.keys().key())
                        .filter(Objects::nonNull)
                        .toList(),
                steps.stream().map(step -> step.keys().optimisticKey()).toList()));
    }

    /** The same snapshot naming its Dockerfile otherwise (as reports show it). */
    public Snapshot withDockerfile(String name) {
        return new Snapshot(
                format,
                version,
                name,
                target,
                buildArgs,
                steps,
                files,
                warnings,
                history,
                builder,
                stages,
                dependencies);
    }

    /** The same snapshot with another history. */
    public Snapshot withHistory(List<HistoryEntry> entries) {
        return new Snapshot(
                format,
                version,
                dockerfile,
                target,
                buildArgs,
                steps,
                files,
                warnings,
                List.copyOf(entries),
                builder,
                stages,
                dependencies);
    }

    /** The same snapshot with other steps. */
    public Snapshot withSteps(List<StepSnapshot> replaced) {
        return new Snapshot(
                format,
                version,
                dockerfile,
                target,
                buildArgs,
                replaced,
                files,
                warnings,
                history,
                builder,
                stages,
                dependencies);
    }

    /** The same snapshot with other context entries. */
    public Snapshot withFiles(SortedMap<String, FileInfo> replaced) {
        return new Snapshot(
                format,
                version,
                dockerfile,
                target,
                buildArgs,
                steps,
                replaced,
                warnings,
                history,
                builder,
                stages,
                dependencies);
    }

    /** The same snapshot with the project's dependencies. */
    public Snapshot withDependencies(Dependencies recorded) {
        return new Snapshot(
                format,
                version,
                dockerfile,
                target,
                buildArgs,
                steps,
                files,
                warnings,
                history,
                builder,
                stages,
                recorded);
    }
}
