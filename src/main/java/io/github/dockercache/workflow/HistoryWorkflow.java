package io.github.dockercache.workflow;

import io.github.dockercache.cost.StepCosts;
import io.github.dockercache.history.HistoryException;
import io.github.dockercache.history.ImageHistory;
import io.github.dockercache.history.Replay;
import io.github.dockercache.report.HistoryReport;
import io.github.dockercache.report.ReportLine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The history goal: which commits of a range rebuilt which layers, from git objects, with reports. */
public final class HistoryWorkflow {
    /** The JSON report in the output directory (docs/history.md). */
    public static final String JSON_FILE = "history.json";
    /** The HTML picture of commits by layers in the output directory. */
    public static final String HTML_FILE = "history.html";

    private HistoryWorkflow() {}

    /**
     * What the goal printed for one image, and its verdict for a reactor's roll-up.
     *
     * @param verdict how many of the commits compared rebuilt a stable layer
     */
    public record Run(Outcome outcome, String verdict) {}

    /**
     * Replays the request's range ({@code FROM..TO}), or its last {@code count} commits when it has none; prints the busting commits and the rates, and writes {@link #JSON_FILE} and {@link #HTML_FILE}.
     */
    public static Run run(HistoryRequest request) throws WorkflowException {
        StepCosts costs = MissCosts.read(request.buildLog());
        ImageHistory history;
        try {
            history = Replay.of(request.build(), request.policy(), request.range(), request.count());
        } catch (HistoryException e) {
            throw new WorkflowException(e.getMessage(), e, true);
        }
        Path json = request.outputDirectory().resolve(JSON_FILE);
        Path html = request.outputDirectory().resolve(HTML_FILE);
        ReportFiles.write(json, HistoryReport.json(history, costs));
        ReportFiles.write(html, HistoryReport.html(history));
        List<ReportLine> lines = new ArrayList<>(HistoryReport.console(history, costs));
        lines.add(new ReportLine(ReportLine.Level.INFO, "Commits by layers: " + html.toUri()));
        return new Run(
                new Outcome(List.of(), lines, null, null),
                history.busting().size() + " of " + history.compared().size() + " commits rebuilt a stable layer");
    }
}
