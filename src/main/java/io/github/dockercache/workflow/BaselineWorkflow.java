package io.github.dockercache.workflow;

import io.github.dockercache.compare.Comparison;
import io.github.dockercache.files.IoReasons;
import io.github.dockercache.model.Analysis;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.report.ReportLine;
import io.github.dockercache.store.BaselineHistory;
import io.github.dockercache.store.FileLocks;
import io.github.dockercache.store.Provenance;
import io.github.dockercache.store.SnapshotFormatException;
import io.github.dockercache.store.SnapshotStore;
import io.github.dockercache.store.UnusableDirectoryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The baseline goal: the current state recorded as the baseline, merged into the builds it already remembers. */
public final class BaselineWorkflow {
    private BaselineWorkflow() {}

    /** Records the current state as the baseline; refuses to replace a file it cannot read unless forced. */
    public static Outcome record(BaselineRequest request) throws WorkflowException {
        ImageRequest image = request.image();
        List<ReportLine> lines = new ArrayList<>();
        Path file = request.file();
        // resolving records what the tags stand for now; offline, the digests the baseline knew are carried over
        Snapshot known = image.resolve() ? null : readLeniently(file);
        Analysis analysis = ImageAnalysis.analyseAndStore(image, ImageAnalysis.imageDigests(image, known, lines));
        Snapshot snapshot = analysis.snapshot();
        lines.addAll(0, ImageAnalysis.ownOutputCopied(snapshot, image, file));
        String commit =
                Provenance.commit(image.build().contextDir(), System.getenv()).orElse(null);
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Recorded recorded;
        try {
            // read, merge and write under one lock, so that two builds recording at once both stay in the history
            recorded = FileLocks.withLock(file, () -> {
                Snapshot previous = readForUpdate(request);
                boolean leaky = previous != null
                        && Baselines.recoverableSecrets(
                                previous,
                                snapshot,
                                image.show(file),
                                "it is recorded afresh, without the history computed from them",
                                lines);
                Snapshot merged = BaselineHistory.merge(
                        snapshot, request.fresh() || leaky ? null : previous, now, commit, request.historySize());
                SnapshotStore.write(file, merged);
                return new Recorded(previous, merged);
            });
        } catch (IOException e) {
            String remedy = e instanceof UnusableDirectoryException
                    ? ", or set " + image.hints().jvmOption(UnusableDirectoryException.JVM_OPTION)
                    : "";
            throw new WorkflowException(
                    "Cannot update the baseline " + image.show(file) + ": " + IoReasons.describe(e) + remedy, e, false);
        }
        String change = recorded.previous() == null
                ? "new"
                : changedSteps(recorded.previous(), snapshot) + " of "
                        + snapshot.steps().size() + " step keys are new";
        int builds = recorded.merged().history().size();
        lines.add(new ReportLine(
                ReportLine.Level.INFO,
                "Recorded the baseline " + image.show(file) + " with "
                        + snapshot.steps().size() + " steps (" + change + "; it remembers " + builds
                        + " build" + (builds == 1 ? "" : "s") + ")."));
        if (!file.toAbsolutePath().startsWith(image.outputDirectory().toAbsolutePath())) {
            lines.add(new ReportLine(
                    ReportLine.Level.INFO,
                    "Commit it, so that every build compares with it.",
                    new ReportLine.Topic(ReportLine.Kind.COMMIT_BASELINE, image.show(file))));
        }
        // the roll-up of a reactor shows what this recording changed: steps whose keys the baseline knew count as
        // cached
        Tally tally = recorded.previous() == null
                ? Tally.uncompared(snapshot)
                : Tally.of(Comparison.compare(
                        snapshot,
                        recorded.previous(),
                        image.policy(),
                        image.build().contextDir()));
        return new Outcome(image.warnings(snapshot), lines, null, tally, ImageAnalysis.unmatched(image, analysis));
    }

    private record Recorded(Snapshot previous, Snapshot merged) {}

    /** The baseline about to be replaced, null when there is none; one that cannot be read is kept unless forced. */
    private static Snapshot readForUpdate(BaselineRequest request) throws WorkflowException, IOException {
        Path file = request.file();
        if (!Files.exists(file)) {
            return null;
        }
        String reason;
        Exception cause;
        try {
            return SnapshotStore.read(file);
        } catch (SnapshotFormatException e) {
            reason = Baselines.reason(e, request.image().hints());
            cause = e;
        } catch (IOException e) {
            reason = "it cannot be read (" + IoReasons.describe(e) + ")";
            cause = e;
        }
        if (!request.force()) {
            throw new WorkflowException(
                    "Refusing to overwrite " + request.image().show(file) + ": " + reason
                            + ". To replace it anyway, run again with "
                            + request.image().hints().setting("force", "true")
                            + ".",
                    cause,
                    true);
        }
        return null;
    }

    private static long changedSteps(Snapshot previous, Snapshot snapshot) {
        Set<String> keys =
                previous.builds().stream().flatMap(b -> b.keys().stream()).collect(Collectors.toSet());
        return snapshot.steps().stream()
                .filter(s -> s.keys().key() == null || !keys.contains(s.keys().key()))
                .count();
    }

    private static Snapshot readLeniently(Path file) {
        try {
            return Files.exists(file) ? SnapshotStore.read(file) : null;
        } catch (IOException | SnapshotFormatException e) {
            return null; // the locked read before writing reports it
        }
    }
}
