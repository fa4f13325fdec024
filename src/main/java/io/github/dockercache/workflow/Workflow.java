package io.github.dockercache.workflow;

import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.FailOn;
import io.github.dockercache.compare.StepResult;
import io.github.dockercache.model.AnalysisException;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.report.JsonReport;
import io.github.dockercache.report.ReportLine;
import io.github.dockercache.report.TextReport;
import io.github.dockercache.store.BaselineHistory;
import io.github.dockercache.store.Provenance;
import io.github.dockercache.store.SnapshotFormatException;
import io.github.dockercache.store.SnapshotStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The three goals, check, explain and baseline, as plain Java: the mojos only map configuration and log. */
public final class Workflow {
    public static final String SNAPSHOT_FILE = "snapshot.json";
    public static final String REPORT_FILE = "report.json";
    public static final String STAT_CACHE_FILE = "stat-cache.json";

    private Workflow() {}

    /** Computes the snapshot, compares it with the baseline and decides whether the build fails. */
    public static Outcome check(Request request) throws WorkflowException {
        Snapshot snapshot = snapshotAndStore(request);
        List<ReportLine> lines = new ArrayList<>(warnings(snapshot, request));
        Snapshot baseline = readBaseline(request);
        if (baseline == null) {
            lines.addAll(TextReport.withoutBaseline(snapshot, display(request.baseline())));
            writeReports(request, JsonReport.withoutBaseline(snapshot));
            return new Outcome(lines, null);
        }
        Comparison comparison = Comparison.compare(snapshot, baseline, request.policy());
        List<StepResult> violations = request.failOn().violations(comparison.steps());
        lines.addAll(TextReport.check(comparison, request.failOn()));
        writeReports(request, JsonReport.of(comparison, display(request.baseline()), !violations.isEmpty()));
        return new Outcome(lines, violations.isEmpty() ? null : failureMessage(violations, request.failOn()));
    }

    /** The first miss of each chain with every cause; never fails on a miss. */
    public static Outcome explain(Request request) throws WorkflowException {
        Snapshot snapshot = snapshotAndStore(request);
        List<ReportLine> lines = new ArrayList<>(warnings(snapshot, request));
        Snapshot baseline = readBaseline(request);
        if (baseline == null) {
            lines.addAll(TextReport.withoutBaseline(snapshot, display(request.baseline())));
            writeReports(request, JsonReport.withoutBaseline(snapshot));
            return new Outcome(lines, null);
        }
        Comparison comparison = Comparison.compare(snapshot, baseline, request.policy());
        lines.addAll(TextReport.explain(comparison));
        writeReports(request, JsonReport.of(comparison, display(request.baseline()), false));
        return new Outcome(lines, null);
    }

    /** Records the current state as the baseline; refuses to replace a file it cannot read unless forced. */
    public static Outcome baseline(Request request) throws WorkflowException {
        Snapshot snapshot = snapshotAndStore(request);
        List<ReportLine> lines = new ArrayList<>(warnings(snapshot, request));
        Path file = request.baseline();
        Snapshot previous = null;
        if (Files.exists(file)) {
            try {
                previous = SnapshotStore.read(file);
            } catch (SnapshotFormatException e) {
                if (!request.force()) {
                    throw new WorkflowException("Refusing to overwrite " + display(file) + ": " + e.getMessage()
                            + " To replace it anyway, run again with -Ddockercache.force=true.", e, true);
                }
            } catch (IOException e) {
                throw new WorkflowException("Cannot read " + display(file) + ": " + e.getMessage(), e, false);
            }
        }
        String commit = Provenance.commit(request.build().contextDir(), System.getenv()).orElse(null);
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Snapshot merged = BaselineHistory.merge(snapshot, request.fresh() ? null : previous, now, commit,
                request.historySize());
        try {
            SnapshotStore.write(file, merged);
        } catch (IOException e) {
            throw new WorkflowException("Cannot write the baseline " + display(file) + ": " + e.getMessage(), e, false);
        }
        String change = previous == null ? "new" : changedSteps(previous, snapshot) + " of " + snapshot.steps().size()
                + " step keys are new";
        lines.add(new ReportLine(ReportLine.Level.INFO, "Recorded the baseline " + display(file) + " with "
                + snapshot.steps().size() + " steps (" + change + "; it remembers " + merged.history().size()
                + " build" + (merged.history().size() == 1 ? "" : "s") + ")."));
        if (!file.toAbsolutePath().startsWith(request.outputDirectory().toAbsolutePath())) {
            lines.add(new ReportLine(ReportLine.Level.INFO, "Commit it, so that every build compares with it."));
        }
        return new Outcome(lines, null);
    }

    private static long changedSteps(Snapshot previous, Snapshot snapshot) {
        Set<String> keys = previous.builds().stream().flatMap(b -> b.keys().stream()).collect(Collectors.toSet());
        return snapshot.steps().stream().filter(s -> s.key() == null || !keys.contains(s.key())).count();
    }

    private static Snapshot snapshotAndStore(Request request) throws WorkflowException {
        Snapshot snapshot;
        try {
            snapshot = CacheModel.snapshot(request.build(), request.outputDirectory().resolve(STAT_CACHE_FILE));
        } catch (AnalysisException e) {
            throw new WorkflowException(e.getMessage(), e, true);
        }
        Path file = request.outputDirectory().resolve(SNAPSHOT_FILE);
        try {
            SnapshotStore.write(file, snapshot);
        } catch (IOException e) {
            throw new WorkflowException("Cannot write the snapshot " + file + ": " + e.getMessage(), e, false);
        }
        return snapshot;
    }

    private static Snapshot readBaseline(Request request) throws WorkflowException {
        try {
            return SnapshotStore.read(request.baseline());
        } catch (NoSuchFileException e) {
            return null;
        } catch (SnapshotFormatException e) {
            throw new WorkflowException(e.getMessage(), e, true);
        } catch (IOException e) {
            throw new WorkflowException("Cannot read the baseline " + display(request.baseline()) + ": " + e.getMessage(), e, false);
        }
    }

    private static void writeReports(Request request, String json) throws WorkflowException {
        List<Path> targets = new ArrayList<>(List.of(request.outputDirectory().resolve(REPORT_FILE)));
        if (request.report() != null) {
            targets.add(request.report());
        }
        for (Path target : targets) {
            try {
                SnapshotStore.writeAtomically(target, json);
            } catch (IOException e) {
                throw new WorkflowException("Cannot write the report " + target + ": " + e.getMessage(), e, false);
            }
        }
    }

    /** Parser warnings, and the plugin's own output inside what a COPY sends (spec 4). */
    private static List<ReportLine> warnings(Snapshot snapshot, Request request) {
        List<ReportLine> lines = new ArrayList<>();
        snapshot.warnings().forEach(w -> lines.add(new ReportLine(ReportLine.Level.WARN, w)));
        Path context = request.build().contextDir().toAbsolutePath().normalize();
        Path output = request.outputDirectory().toAbsolutePath().normalize();
        if (output.startsWith(context) && !output.equals(context)) {
            String prefix = context.relativize(output).toString().replace('\\', '/') + "/";
            snapshot.steps().stream()
                    .filter(step -> step.files().stream().anyMatch(path -> (path + "/").startsWith(prefix)))
                    .findFirst()
                    .ifPresent(step -> lines.add(new ReportLine(ReportLine.Level.WARN, "Step " + step.id() + " ("
                            + step.text() + ") copies " + prefix + ", the plugin's own output, which changes on every"
                            + " build; add " + prefix.substring(0, prefix.indexOf('/') + 1) + " to .dockerignore")));
        }
        return lines;
    }

    private static String failureMessage(List<StepResult> violations, FailOn failOn) {
        String steps = violations.stream().map(s -> s.stepId() + " (" + s.instruction() + ", line " + s.line() + ")")
                .collect(Collectors.joining(", "));
        String what = failOn == FailOn.STABLE ? " stable step" : " step";
        return violations.size() + what + (violations.size() == 1 ? "" : "s") + " would be rebuilt: " + steps
                + ". The causes are listed above. If the change is intended, record a new baseline with"
                + " 'mvn dockercache:baseline'; to report without failing, set -Ddockercache.failOn=never.";
    }

    private static String display(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
    }
}
