package io.github.dockercache.report;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The console text check printed for one image, so that explain, run after it in the same build, prints each cause
 * once: when check printed explain's explanation (changed settings, the causes of each first miss, the summary and
 * costs) as it stands, explain says so in one line instead of printing it again.
 */
public record Printed(String text) {
    public static Printed of(List<ReportLine> lines) {
        return new Printed(lines.stream().map(ReportLine::text).collect(Collectors.joining("\n")));
    }

    /** True when these lines were printed, together and in this order. */
    public boolean includes(List<ReportLine> lines) {
        return ("\n" + text + "\n").contains("\n" + of(lines).text() + "\n");
    }
}
