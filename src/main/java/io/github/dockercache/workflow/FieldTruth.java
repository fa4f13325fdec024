package io.github.dockercache.workflow;

import io.github.dockercache.compare.Comparison;
import io.github.dockercache.cost.CostLogException;
import io.github.dockercache.cost.StepCosts;
import io.github.dockercache.files.IoReasons;
import io.github.dockercache.model.Analysis;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.report.ReportLine;
import io.github.dockercache.store.DamagedTableException;
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
    public static Verified verify(VerifyRequest request) throws WorkflowException {
        try {
            return verifyOrFail(request);
        } catch (DamagedTableException e) {
            throw Baselines.unusable(
                    request.baselineSource(), e.problem(), request.image().hints());
        }
    }

    private static Verified verifyOrFail(VerifyRequest request) throws WorkflowException {
        ImageRequest image = request.image();
        Hints hints = image.hints();
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
        Snapshot baseline = Baselines.read(request.baselineSource(), hints, why -> {
            throw new WorkflowException(
                    why + " verify compares the real build with the plugin's prediction against the"
                            + " baseline whose cache it was built from: record one with " + hints.goal("baseline")
                            + ".",
                    null,
                    true);
        });
        List<ReportLine> lines = new ArrayList<>();
        Analysis analysis = ImageAnalysis.analyseAndStore(image, ImageAnalysis.imageDigests(image, baseline, lines));
        Snapshot snapshot = analysis.snapshot().withDockerfile(image.shownDockerfile());
        Comparison comparison = Comparison.compareWithContext(snapshot, baseline, image.policy(), analysis.context());
        String logName = image.show(request.buildLog());
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
                image.build().buildkitVersion().toString(),
                image.build().builder().settingName());
        Path output = image.outputDirectory();
        try {
            SnapshotStore.writeAtomically(output.resolve(JSON_FILE), json);
        } catch (IOException e) {
            throw new WorkflowException(
                    "Cannot write " + output.resolve(JSON_FILE) + ": " + IoReasons.describe(e), e, false);
        }
        lines.addAll(VerificationReport.lines(verification, logName, image.shownDockerfile()));
        String failure = null;
        List<Verification.Row> disagreements = verification.disagreements();
        if (!disagreements.isEmpty()) {
            Path bundle;
            try {
                bundle = Bundle.write(output, image.build(), snapshot, baseline, json);
            } catch (IOException e) {
                throw new WorkflowException(
                        "Cannot write the bundle in " + output + ": " + IoReasons.describe(e), e, false);
            }
            String bundleName = image.show(bundle);
            lines.add(new ReportLine(
                    ReportLine.Level.ERROR,
                    "The plugin's model disagrees with this engine. "
                            + bundleName
                            + " holds what a bug report needs (no file contents, no secret values): please attach"
                            + " it to an issue."));
            if (request.failOnDisagreement()) {
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
                new Outcome(image.warnings(analysis.snapshot()), lines, failure, Tally.of(comparison)), verdict);
    }
}
