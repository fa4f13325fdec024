package io.github.dockercache.report;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The explanation check printed for one image (changed settings, the causes of each first miss, the summary and
 * costs), so that explain, run after it in the same build, prints each cause once: when its own explanation
 * would be the same text, it says so in one line instead of printing it again.
 */
public record Explained(String text) {
    public static Explained of(List<ReportLine> lines) {
        return new Explained(lines.stream().map(ReportLine::text).collect(Collectors.joining("\n")));
    }

    /** True when these lines say exactly what was printed. */
    public boolean sameAs(List<ReportLine> lines) {
        return text.equals(of(lines).text());
    }
}
