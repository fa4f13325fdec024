package io.github.dockercache.workflow;

import io.github.dockercache.files.IoReasons;
import io.github.dockercache.model.Secrets;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.report.ReportLine;
import io.github.dockercache.store.SnapshotFormatException;
import io.github.dockercache.store.SnapshotStore;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reading the baseline a goal compares with, and what every goal says about one that holds reversible secrets. */
final class Baselines {
    private Baselines() {}

    /** What a goal does when there is no baseline, told why: returns what to compare with, or throws. */
    interface MissingBaseline {
        Snapshot handle(String why) throws WorkflowException;
    }

    /** The baseline; when there is none, what {@code missing} makes of it. */
    static Snapshot read(BaselineSource source, Hints hints, MissingBaseline missing) throws WorkflowException {
        Path file;
        try {
            file = source.locate();
        } catch (BaselineUnavailableException e) {
            return missing.handle(e.getMessage());
        }
        try {
            return SnapshotStore.readForComparison(file);
        } catch (NoSuchFileException e) {
            return missing.handle("No baseline at " + source.describe() + ": nothing to compare with yet.");
        } catch (SnapshotFormatException e) {
            throw unusable(source, e, hints);
        } catch (IOException e) {
            throw new WorkflowException(
                    "Cannot read the baseline " + source.describe() + ": " + IoReasons.describe(e), e, false);
        }
    }

    /** The baseline's file in this project, or null for one fetched from a repository. */
    static Path localFile(BaselineSource source) {
        try {
            return source.remote() ? null : source.locate();
        } catch (BaselineUnavailableException e) {
            return null;
        }
    }

    /**
     * A baseline that cannot be used, with how to replace it: found when it is read, or when its file table, decoded
     * only once an explanation needs it ({@link SnapshotStore#readForComparison}), turns out damaged.
     */
    static WorkflowException unusable(BaselineSource source, SnapshotFormatException e, Hints hints) {
        return new WorkflowException(
                "The baseline " + source.describe() + " cannot be used: " + reason(e, hints)
                        + ". Record it again with " + hints.goal("baseline") + " " + hints.setting("force", "true")
                        + " (which replaces a file it cannot read), or delete it.",
                e,
                true);
    }

    /** What is wrong with a baseline file, with how to read a genuine one that is over a limit of the heap. */
    static String reason(SnapshotFormatException e, Hints hints) {
        return e.heapBound()
                ? e.reason() + " (docs/limits.md; if the file is genuine, give the build more heap, as with "
                        + hints.jvmOption("-Xmx1g") + ")"
                : e.reason();
    }

    /**
     * Warns when {@code baseline} holds secrets in a form a guess reverses (written by an earlier version, or before
     * a build arg was secret); true when it does.
     */
    static boolean recoverableSecrets(
            Snapshot baseline, Snapshot current, String name, String remedy, List<ReportLine> lines) {
        List<String> found = Secrets.recoverableIn(baseline, current);
        if (!found.isEmpty()) {
            lines.add(new ReportLine(
                    ReportLine.Level.WARN,
                    "The baseline " + name + " holds secret values in a form"
                            + " that can be reversed by guessing (" + String.join(", ", found)
                            + "), written by an earlier"
                            + " dockercache or before these build args were secret: " + remedy
                            + ", and rotate those secrets,"
                            + " since the file and its history in version control keep them (docs/secrets.md)."));
        }
        return !found.isEmpty();
    }
}
