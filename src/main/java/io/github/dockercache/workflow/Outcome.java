package io.github.dockercache.workflow;

import io.github.dockercache.compare.StabilityPolicy;
import io.github.dockercache.report.ReportLine;
import java.util.List;

/**
 * What a goal printed and decided.
 *
 * @param warnings the Dockerfile's own warnings (parser, build checks): the same for every image built from it, so a
 *     reactor shows them once per Dockerfile
 * @param lines the rest of the console output
 * @param failure the failure message when the goal must fail the build, else null
 * @param tally how the steps came out, or null when the goal computed none
 * @param unmatched the stability overrides that match nothing in this image (a project of several images may mean
 *     them for another)
 */
public record Outcome(
        List<String> warnings,
        List<ReportLine> lines,
        String failure,
        Tally tally,
        List<StabilityPolicy.Unmatched> unmatched) {
    public Outcome(List<String> warnings, List<ReportLine> lines, String failure, Tally tally) {
        this(warnings, lines, failure, tally, List.of());
    }

    public boolean failed() {
        return failure != null;
    }
}
