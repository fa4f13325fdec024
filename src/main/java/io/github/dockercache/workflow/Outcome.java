package io.github.dockercache.workflow;

import io.github.dockercache.report.ReportLine;
import java.util.List;

/**
 * What a goal printed and decided.
 *
 * @param lines the console output
 * @param failure the failure message when the goal must fail the build, else null
 */
public record Outcome(List<ReportLine> lines, String failure) {
    public boolean failed() {
        return failure != null;
    }
}
