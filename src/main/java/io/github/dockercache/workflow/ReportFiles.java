package io.github.dockercache.workflow;

import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.FailOn;
import io.github.dockercache.files.IoReasons;
import io.github.dockercache.report.Goal;
import io.github.dockercache.report.JUnitReport;
import io.github.dockercache.report.MarkdownReport;
import io.github.dockercache.report.ReportLine;
import io.github.dockercache.report.SarifReport;
import io.github.dockercache.store.Provenance;
import io.github.dockercache.store.SnapshotStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The report files check and explain write into the output directory, and where the console points to them. */
public final class ReportFiles {
    public static final String JUNIT_FILE = "dockercache-junit.xml";
    public static final String SARIF_FILE = "dockercache.sarif";
    public static final String SUMMARY_FILE = "summary.md";

    private ReportFiles() {}

    /** The JSON report a goal writes into the output directory: {@code check.json}, {@code explain.json}. */
    private static String jsonFile(Goal goal) {
        return goal.label() + ".json";
    }

    /** The HTML report a goal writes into the output directory: {@code check.html}, {@code explain.html}. */
    private static String htmlFile(Goal goal) {
        return goal.label() + ".html";
    }

    /**
     * The goal's JSON and HTML reports in the output directory, each goal its own, so that explain never overwrites
     * what check decided; check's JSON also to {@code extraJson} when it is not null.
     */
    static void write(Path output, Path extraJson, Goal goal, String json, String html) throws WorkflowException {
        Map<Path, String> reports = new LinkedHashMap<>();
        reports.put(output.resolve(jsonFile(goal)), json);
        if (extraJson != null) {
            reports.put(extraJson, json);
        }
        reports.put(output.resolve(htmlFile(goal)), html);
        for (Map.Entry<Path, String> report : reports.entrySet()) {
            write(report.getKey(), report.getValue());
        }
    }

    /** Writes one report atomically. */
    static void write(Path file, String text) throws WorkflowException {
        try {
            SnapshotStore.writeAtomically(file, text);
        } catch (IOException e) {
            throw new WorkflowException("Cannot write the report " + file + ": " + IoReasons.describe(e), e, false);
        }
    }

    /** Where the console points to explain's HTML report. */
    static ReportLine htmlPointer(Path output) {
        return new ReportLine(
                ReportLine.Level.INFO,
                "The chain of steps, with every cause and the advice: "
                        + output.resolve(htmlFile(Goal.EXPLAIN)).toUri());
    }

    /** JUnit XML, SARIF and a Markdown summary, which CI systems show; the summary also goes to GitHub's step summary. */
    static void writeCi(Path output, Path dockerfile, FailOn failOn, Comparison comparison) throws WorkflowException {
        String markdown = MarkdownReport.of(comparison, failOn);
        String sarifPath = Provenance.repositoryRoot(dockerfile)
                .map(root -> root.relativize(dockerfile.toAbsolutePath().normalize())
                        .toString()
                        .replace('\\', '/'))
                .orElse(comparison.current().dockerfile());
        try {
            SnapshotStore.writeAtomically(output.resolve(JUNIT_FILE), JUnitReport.of(comparison, failOn));
            SnapshotStore.writeAtomically(output.resolve(SARIF_FILE), SarifReport.of(comparison, failOn, sarifPath));
            SnapshotStore.writeAtomically(output.resolve(SUMMARY_FILE), markdown);
            MarkdownReport.appendToStepSummary(System.getenv(MarkdownReport.STEP_SUMMARY_VARIABLE), markdown);
        } catch (IOException e) {
            throw new WorkflowException(
                    "Cannot write the CI reports in " + output + ": " + IoReasons.describe(e), e, false);
        }
    }
}
