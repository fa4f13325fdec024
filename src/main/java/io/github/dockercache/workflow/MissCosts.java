package io.github.dockercache.workflow;

import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.StepResult;
import io.github.dockercache.compare.Verdict;
import io.github.dockercache.cost.CostLogException;
import io.github.dockercache.cost.StepCosts;
import io.github.dockercache.report.ReportLine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What misses cost, from the step times of a real build's log, when the user gives one. */
final class MissCosts {
    private MissCosts() {}

    /** The step times of the build log, or null when none is given. */
    static StepCosts read(Path buildLog) throws WorkflowException {
        if (buildLog == null) {
            return null;
        }
        try {
            return StepCosts.read(buildLog);
        } catch (CostLogException e) {
            throw new WorkflowException(e.getMessage(), e, true);
        }
    }

    /** What each chain of misses costs; nothing without a build log. */
    static List<ReportLine> of(Path buildLog, Comparison comparison) throws WorkflowException {
        if (buildLog == null) {
            return List.of();
        }
        StepCosts costs = read(buildLog);
        List<ReportLine> lines = new ArrayList<>();
        for (StepResult miss : comparison.firstMisses()) {
            List<String> chain = comparison.steps().stream()
                    .filter(s -> s.verdict() != Verdict.CACHED && s.rootStepId().equals(miss.stepId()))
                    .map(StepResult::stepId)
                    .toList();
            Duration cost = costs.costOf(chain);
            boolean partial = !costs.unmeasured(chain).isEmpty();
            // a step only a real build can judge is no miss: what it would cost, if it is rebuilt
            lines.add(new ReportLine(
                    ReportLine.Level.INFO,
                    (miss.verdict() == Verdict.UNKNOWN
                                    ? "If " + miss.stepId() + " is rebuilt, that costs "
                                    : "Rebuilding from " + miss.stepId() + " costs ")
                            + (partial ? "at least " : "about ") + StepCosts.format(cost) + " (" + chain.size()
                            + " step"
                            + (chain.size() == 1 ? "" : "s") + ", times from "
                            + buildLog.getFileName() + ")."));
        }
        return lines;
    }
}
