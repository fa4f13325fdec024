package io.github.dockercache.workflow;

import io.github.dockercache.compare.StabilityPolicy;
import io.github.dockercache.report.ReportLine;
import java.util.List;

/**
 * What a goal printed and decided.
 *
 * @param lines the console output
 * @param failure the failure message when the goal must fail the build, else null
 * @param unmatched the stability overrides that match nothing in this image (a project of several images may mean
 *     them for another)
 */
public record Outcome(List<ReportLine> lines, String failure, List<StabilityPolicy.Unmatched> unmatched) {
    public Outcome(List<ReportLine> lines, String failure) {
        this(lines, failure, List.of());
    }

    public boolean failed() {
        return failure != null;
    }
}
