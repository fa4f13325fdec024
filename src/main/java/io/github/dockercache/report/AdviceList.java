package io.github.dockercache.report;

import io.github.dockercache.advice.Finding;
import java.util.List;
import java.util.Locale;

/**
 * The cache-hygiene advice (docs/rules.md) as the console's {@code Advice:} lists it: each rule id, where, what
 * is wrong, and the fix, with the lines to write as they are to be written.
 */
final class AdviceList {
    private AdviceList() {}

    static void write(HtmlWriter out, List<Finding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        out.open("section", "class", "rules", "aria-labelledby", "rules-title");
        out.element("h2", "Advice to keep the cache", "id", "rules-title", "class", "section-title");
        out.open("ul", "class", "rule-list");
        for (Finding finding : findings) {
            out.open("li", "class", "rule rule-" + finding.severity().name().toLowerCase(Locale.ROOT));
            out.open("p", "class", "rule-line")
                    .element("span", finding.ruleId(), "class", "rule-id")
                    .text(" ")
                    .element("code", finding.location(), "class", "rule-location")
                    .text(" ")
                    .element("span", finding.message(), "class", "rule-message")
                    .close("p");
            writeFix(out, finding.fix());
            out.close("li");
        }
        out.close("ul");
        out.close("section");
    }

    /** The fix's first line is a sentence; the lines after it, indented by two spaces, are the lines to write. */
    private static void writeFix(HtmlWriter out, String fix) {
        List<String> lines = fix.lines().toList();
        if (lines.isEmpty()) {
            return;
        }
        out.open("div", "class", "advice");
        out.open("p").element("strong", "Fix: ").text(lines.get(0)).close("p");
        if (lines.size() > 1) {
            String toWrite = String.join(
                    "\n",
                    lines.subList(1, lines.size()).stream()
                            .map(line -> line.startsWith("  ") ? line.substring(2) : line)
                            .toList());
            out.open("pre").open("code").lines(toWrite).close("code").close("pre");
        }
        out.close("div");
    }
}
