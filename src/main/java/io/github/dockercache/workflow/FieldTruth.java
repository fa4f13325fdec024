package io.github.dockercache.workflow;

import io.github.dockercache.compare.Comparison;
import io.github.dockercache.cost.CostLogException;
import io.github.dockercache.cost.StepCosts;
import io.github.dockercache.files.IoReasons;
import io.github.dockercache.model.Analysis;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.report.ReportLine;
import io.github.dockercache.store.SnapshotStore;
import io.github.dockercache.verify.Bundle;
import io.github.dockercache.verify.LogMismatchException;
import io.github.dockercache.verify.Verification;
import io.github.dockercache.verify.Verification.Cache;
import io.github.dockercache.verify.VerificationReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The verify goal: the log of a real build against the plugin's prediction for the same files, both against the
 * baseline (docs/verify.md).
 */
public final class FieldTruth {
    /** The report verify writes into the output directory. */
    public static final String JSON_FILE = "verify.json";

    private FieldTruth() {}

    /**
     * What verify printed and decided, and the word the reactor's roll-up gives it.
     *
     * @param verdict {@code agrees}, {@code disagrees} or {@code not verified}
     */
    public record Verified(Outcome outcome, String verdict) {}

    /**
     * Reads the request's build log, predicts every step against the baseline and lines the two up. A disagreement
     * writes {@link Bundle#FILE}, and fails the goal when {@code failOnDisagreement}.
     */
    public static Verified verify(Request request, boolean failOnDisagreement) throws WorkflowException {
        Hints hints = request.invocation().hints();
        if (request.buildLog() == null) {
            throw new WorkflowException(
                    "No build log to verify: give the log of the real build with "
                            + hints.setting("buildLog", "FILE")
                            + " (docker buildx build --progress=rawjson . 2> build.json,"
                            + " or --progress=plain).",
                    null,
                    true);
        }
        StepCosts log;
        try {
            log = StepCosts.read(request.buildLog());
        } catch (CostLogException e) {
            throw new WorkflowException("Cannot verify: " + e.getMessage(), e, true);
        }
        Snapshot baseline = Workflow.readBaseline(request, why -> {
            throw new WorkflowException(
                    why + " verify compares the real build with the plugin's prediction against the"
                            + " baseline whose cache it was built from: record one with " + hints.goal("baseline")
                            + ".",
                    null,
                    true);
        });
        List<ReportLine> lines = new ArrayList<>();
        Analysis analysis = Workflow.analyseAndStore(request, Workflow.imageDigests(request, baseline, lines));
        Snapshot snapshot = analysis.snapshot().withDockerfile(Workflow.shownDockerfile(request));
        Comparison comparison = Comparison.compare(
                snapshot, baseline, request.policy(), request.build().contextDir());
        String logName = Workflow.show(request, request.buildLog());
        Verification verification;
        try {
            verification = Verification.of(comparison.steps(), snapshot, log);
        } catch (LogMismatchException e) {
            throw new WorkflowException(
                    logName + " is not a log of this build: " + e.getMessage() + ". Verify the log of"
                            + " the build of this Dockerfile, target and commit.",
                    e,
                    true);
        }
        String json = VerificationReport.json(
                verification,
                request.build().buildkitVersion().toString(),
                request.build().builder().settingName());
        Path output = request.outputDirectory();
        try {
            SnapshotStore.writeAtomically(output.resolve(JSON_FILE), json);
        } catch (IOException e) {
            throw new WorkflowException(
                    "Cannot write " + output.resolve(JSON_FILE) + ": " + IoReasons.describe(e), e, false);
        }
        lines.addAll(VerificationReport.lines(verification, logName, Workflow.shownDockerfile(request)));
        String failure = null;
        List<Verification.Row> disagreements = verification.disagreements();
        if (!disagreements.isEmpty()) {
            Path bundle;
            try {
                bundle = Bundle.write(output, request.build(), snapshot, baseline, json);
            } catch (IOException e) {
                throw new WorkflowException(
                        "Cannot write the bundle in " + output + ": " + IoReasons.describe(e), e, false);
            }
            String bundleName = Workflow.show(request, bundle);
            lines.add(new ReportLine(
                    ReportLine.Level.ERROR,
                    "The plugin's model disagrees with this engine. "
                            + bundleName
                            + " holds what a bug report needs (no file contents, no secret values): please attach"
                            + " it to an issue."));
            if (failOnDisagreement) {
                failure = disagreements.size() + " step" + (disagreements.size() == 1 ? "" : "s")
                        + " disagree with the engine: "
                        + disagreements.stream()
                                .map(row -> row.prediction().stepId())
                                .collect(Collectors.joining(", ")) + ". The bundle for a bug report is " + bundleName
                        + "; to report without failing, set " + hints.setting("failOnDisagreement", "false") + ".";
            }
        }
        String verdict = !disagreements.isEmpty()
                ? "disagrees"
                : verification.cache() != Cache.BASELINE ? "not verified" : "agrees";
        return new Verified(
                new Outcome(Workflow.warnings(analysis.snapshot(), request), lines, failure, Tally.of(comparison)),
                verdict);
    }
}
