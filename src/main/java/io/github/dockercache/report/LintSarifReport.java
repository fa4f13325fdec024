package io.github.dockercache.report;

import io.github.dockercache.lint.Level;
import io.github.dockercache.lint.LintFinding;
import io.github.dockercache.lint.LintResult;
import io.github.dockercache.report.SarifReport.ArtifactLocation;
import io.github.dockercache.report.SarifReport.Configuration;
import io.github.dockercache.report.SarifReport.Driver;
import io.github.dockercache.report.SarifReport.Location;
import io.github.dockercache.report.SarifReport.Log;
import io.github.dockercache.report.SarifReport.Message;
import io.github.dockercache.report.SarifReport.PhysicalLocation;
import io.github.dockercache.report.SarifReport.Region;
import io.github.dockercache.report.SarifReport.ReportingDescriptor;
import io.github.dockercache.report.SarifReport.Result;
import io.github.dockercache.report.SarifReport.Run;
import io.github.dockercache.report.SarifReport.Tool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lint as SARIF 2.1.0, in the shape of {@link SarifReport}: one result per finding at its line and column, the
 * rules that have a result described with a link to their documentation. Levels: error, warning, and note for info.
 */
public final class LintSarifReport {
    private LintSarifReport() {}

    public static String of(LintResult result) {
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        List<ReportingDescriptor> rules = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        for (LintFinding finding : result.findings()) {
            int index = ruleIndex.computeIfAbsent(finding.rule(), rule -> {
                rules.add(new ReportingDescriptor(
                        rule,
                        rule,
                        new Message(rule),
                        null,
                        null,
                        finding.link(),
                        new Configuration(level(finding.level()))));
                return rules.size() - 1;
            });
            String text = finding.message() + (finding.fix() == null ? "" : "\nFix: " + finding.fix());
            Location location = new Location(
                    null,
                    new PhysicalLocation(
                            new ArtifactLocation(SarifReport.uriReference(finding.file())),
                            new Region(finding.line(), finding.column())),
                    null);
            results.add(new Result(
                    finding.rule(), index, level(finding.level()), new Message(text), List.of(location), null, null));
        }
        Run run = new Run(new Tool(new Driver("dockercache", SarifReport.INFORMATION_URI, rules)), results);
        return JsonText.of(new Log(SarifReport.SCHEMA, "2.1.0", List.of(run)));
    }

    private static String level(Level level) {
        return switch (level) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }
}
