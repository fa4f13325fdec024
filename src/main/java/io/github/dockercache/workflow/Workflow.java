package io.github.dockercache.workflow;

import io.github.dockercache.advice.Advisor;
import io.github.dockercache.advice.Finding;
import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.FailOn;
import io.github.dockercache.compare.Impact;
import io.github.dockercache.compare.StepResult;
import io.github.dockercache.compare.Verdict;
import io.github.dockercache.model.Analysis;
import io.github.dockercache.model.ImageDigests;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepSnapshot;
import io.github.dockercache.report.Goal;
import io.github.dockercache.report.HtmlReport;
import io.github.dockercache.report.JsonReport;
import io.github.dockercache.report.Printed;
import io.github.dockercache.report.ReportLine;
import io.github.dockercache.report.TextReport;
import io.github.dockercache.store.DamagedTableException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The goals that compare the image with its baseline, check and explain, and explain's impact of one path, as plain
 * Java: the mojos only map configuration and log. The baseline, verify and history goals have their own classes.
 */
public final class Workflow {
    private Workflow() {}

    /**
     * Computes the snapshot, compares it with the baseline and decides whether the build fails.
     *
     * @param report an extra path for the JSON report, or null
     */
    public static Outcome check(CompareRequest request, Path report) throws WorkflowException {
        return compareWithBaseline(request, Goal.CHECK, report, null);
    }

    /** The first miss of each chain with every cause; never fails on a miss. */
    public static Outcome explain(CompareRequest request) throws WorkflowException {
        return explain(request, null);
    }

    /**
     * As {@link #explain(CompareRequest)}, after check has run for the same image in the same build: what check
     * printed is not printed again, only what check does not print (the advice in full, the report's place).
     *
     * @param byCheck what check printed for this image ({@link Outcome#lines()}), or null when it has not run
     */
    public static Outcome explain(CompareRequest request, Printed byCheck) throws WorkflowException {
        return compareWithBaseline(request, Goal.EXPLAIN, null, byCheck);
    }

    private static Outcome compareWithBaseline(CompareRequest request, Goal goal, Path report, Printed byCheck)
            throws WorkflowException {
        try {
            return compareWithBaselineOrFail(request, goal, report, byCheck);
        } catch (DamagedTableException e) {
            throw Baselines.unusable(
                    request.baselineSource(), e.problem(), request.image().hints());
        }
    }

    private static Outcome compareWithBaselineOrFail(CompareRequest request, Goal goal, Path report, Printed byCheck)
            throws WorkflowException {
        ImageRequest image = request.image();
        Hints hints = image.hints();
        List<ReportLine> lines = new ArrayList<>();
        Snapshot baseline =
                Baselines.read(request.baselineSource(), hints, why -> missingBaseline(request, lines, why));
        Analysis analysis = ImageAnalysis.analyseAndStore(image, ImageAnalysis.imageDigests(image, baseline, lines));
        lines.addAll(
                0,
                ImageAnalysis.ownOutputCopied(
                        analysis.snapshot(), image, Baselines.localFile(request.baselineSource())));
        // reports and the console name the Dockerfile from the reactor root; the stored snapshot keeps its own name
        Snapshot snapshot = analysis.snapshot().withDockerfile(image.shownDockerfile());
        List<String> warnings = image.warnings(analysis.snapshot());
        List<Finding> advice = advise(analysis, request);
        String baselineName = request.baselineSource().describe();
        if (baseline != null) {
            Baselines.recoverableSecrets(
                    baseline, snapshot, baselineName, "record it again with " + hints.goal("baseline"), lines);
        }
        Path output = image.outputDirectory();
        if (baseline == null) {
            if (request.onMissingBaseline() != OnMissingBaseline.SKIP) {
                lines.addAll(TextReport.withoutBaseline(snapshot));
            }
            lines.addAll(adviceLines(advice, goal == Goal.EXPLAIN, image));
            ReportFiles.write(
                    output,
                    report,
                    goal,
                    JsonReport.withoutBaseline(goal, snapshot),
                    HtmlReport.withoutBaseline(goal, snapshot, baselineName, hints.goal("baseline"), advice));
            if (goal == Goal.EXPLAIN) {
                lines.add(ReportFiles.htmlPointer(output));
            }
            return new Outcome(
                    warnings, lines, null, Tally.uncompared(snapshot), ImageAnalysis.unmatched(image, analysis));
        }
        Comparison comparison = Comparison.compareWithContext(snapshot, baseline, image.policy(), analysis.context());
        // what both goals print to explain the comparison; explain leaves it out when check printed it already
        List<ReportLine> costs = MissCosts.of(request.buildLog(), comparison);
        List<ReportLine> explanation = new ArrayList<>(TextReport.explain(comparison));
        explanation.addAll(costs);
        List<StepResult> violations = goal == Goal.CHECK ? request.failOn().violations(comparison.steps()) : List.of();
        if (goal == Goal.CHECK) {
            lines.addAll(TextReport.check(comparison, request.failOn()));
            lines.addAll(costs);
        } else if (byCheck == null || !byCheck.includes(explanation)) {
            lines.addAll(explanation);
        } else if (!comparison.firstMisses().isEmpty()) {
            lines.add(new ReportLine(ReportLine.Level.INFO, "The causes are as check printed them above."));
        }
        lines.addAll(adviceLines(advice, goal == Goal.EXPLAIN, image));
        ReportFiles.write(
                output,
                report,
                goal,
                JsonReport.of(goal, comparison, baselineName, !violations.isEmpty()),
                HtmlReport.of(goal, comparison, request.failOn(), baselineName, advice));
        String failure = null;
        if (goal == Goal.CHECK) {
            ReportFiles.writeCi(output, image.build().dockerfile(), request.failOn(), comparison);
            failure = violations.isEmpty() ? null : failureMessage(violations, request.failOn(), hints);
        } else {
            lines.add(ReportFiles.htmlPointer(output));
        }
        return new Outcome(warnings, lines, failure, Tally.of(comparison), ImageAnalysis.unmatched(image, analysis));
    }

    /** Which steps a change to {@code path} (relative to the context) would rebuild, ignoring .dockerignore'd paths. */
    public static Outcome impact(ImageRequest request, String path) throws WorkflowException {
        Analysis analysis = ImageAnalysis.analyseAndStore(request, ImageDigests.NONE);
        List<ReportLine> lines = new ArrayList<>();
        boolean ignored = analysis.context().isIgnored(path);
        Map<StepSnapshot, Verdict> affected = ignored ? Map.of() : Impact.of(analysis.snapshot(), path);
        // the Dockerfile and the ignore file are read by the build itself, not by a step: "no step reads" would be
        // wrong
        String buildFile = path.equals(analysis.snapshot().dockerfile())
                ? " is the Dockerfile: an edited instruction rebuilds its step and the steps after it"
                : path.equals(analysis.context().ignoreFile())
                        ? " decides which files the steps see: an edit rebuilds every step whose files it adds or"
                                + " drops"
                        : null;
        if (buildFile != null) {
            lines.add(new ReportLine(
                    ReportLine.Level.INFO,
                    path + buildFile + "; edit it, then run explain without dockercache.path to see which."));
        }
        if (buildFile == null && ignored) {
            lines.add(new ReportLine(
                    ReportLine.Level.INFO, path + " is excluded by .dockerignore: a change to it rebuilds nothing."));
        } else if (buildFile == null && affected.isEmpty()) {
            lines.add(new ReportLine(
                    ReportLine.Level.INFO, "No step reads " + path + ": a change to it rebuilds nothing."));
        } else if (!affected.isEmpty()) {
            lines.add(new ReportLine(ReportLine.Level.INFO, "A change to " + path + " would rebuild:"));
            affected.forEach((step, verdict) -> lines.add(new ReportLine(
                    ReportLine.Level.INFO,
                    "  " + step.place().id() + "  " + step.place().text()
                            + (verdict == Verdict.UNKNOWN ? "  (if the files it copies change)" : ""))));
        }
        return new Outcome(List.of(), lines, null, null);
    }

    /** Cache-hygiene advice with rule ids (docs/rules.md). */
    private static List<Finding> advise(Analysis analysis, CompareRequest request) throws WorkflowException {
        ImageRequest image = request.image();
        try {
            return Advisor.advise(analysis, image.build(), image.outputDirectory(), request.disabledRules());
        } catch (IllegalArgumentException e) {
            throw new WorkflowException(image.hints().parameter("disabledRules") + ": " + e.getMessage(), e, true);
        }
    }

    /** The advice in full for explain, as a one-line hint for check. */
    private static List<ReportLine> adviceLines(List<Finding> findings, boolean full, ImageRequest image) {
        List<ReportLine> lines = new ArrayList<>();
        if (findings.isEmpty()) {
            return lines;
        }
        if (!full) {
            String hints = findings.size() + " hint" + (findings.size() == 1 ? "" : "s") + " to keep the cache ("
                    + findings.stream().map(Finding::ruleId).distinct().collect(Collectors.joining(", ")) + ")";
            lines.add(new ReportLine(
                    ReportLine.Level.INFO,
                    hints + ": run " + image.hints().goal("explain") + ".",
                    new ReportLine.Topic(ReportLine.Kind.ADVICE, hints)));
            return lines;
        }
        lines.add(new ReportLine(ReportLine.Level.INFO, "Advice:"));
        for (Finding finding : findings) {
            lines.add(new ReportLine(
                    ReportLine.Level.INFO,
                    "  [" + finding.ruleId() + "] " + image.shown(finding.location()) + ": " + finding.message()));
            finding.fix().lines().forEach(fix -> lines.add(new ReportLine(ReportLine.Level.INFO, "      " + fix)));
        }
        return lines;
    }

    /** No baseline to compare with: a warning in warn mode (the build is not checked), a failure, or one line. */
    private static Snapshot missingBaseline(CompareRequest request, List<ReportLine> lines, String why)
            throws WorkflowException {
        Hints hints = request.image().hints();
        switch (request.onMissingBaseline()) {
            case FAIL ->
                throw new WorkflowException(
                        why + " Record one with " + hints.goal("baseline") + ", or set "
                                + hints.setting("onMissingBaseline", "warn") + " to go on without it.",
                        null,
                        true);
            case SKIP ->
                lines.add(new ReportLine(ReportLine.Level.INFO, why + " Comparison skipped (onMissingBaseline=skip)."));
            default -> {
                lines.add(new ReportLine(ReportLine.Level.WARN, why));
                lines.add(new ReportLine(
                        ReportLine.Level.INFO,
                        "Record one with " + hints.goal("baseline")
                                + " and commit it; later builds are then checked against it.",
                        new ReportLine.Topic(ReportLine.Kind.RECORD_BASELINE, "")));
            }
        }
        return null;
    }

    private static String failureMessage(List<StepResult> violations, FailOn failOn, Hints hints) {
        String steps = violations.stream()
                .map(s -> s.stepId() + " (" + s.instruction() + ", line " + s.line() + ")")
                .collect(Collectors.joining(", "));
        String what = failOn == FailOn.STABLE ? " stable step" : " step";
        return violations.size() + what + (violations.size() == 1 ? "" : "s") + " would be rebuilt: " + steps
                + ". The causes are listed above. If the change is intended, record a new baseline with "
                + hints.sharedGoal("baseline") + "; to report without failing, set " + hints.setting("failOn", "never")
                + ".";
    }
}
