package io.github.dockercache.workflow;

import io.github.dockercache.report.ReportLine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** One table for a whole reactor: every image of every module, how its steps compare, and what the goal decided. */
public final class RollUp {
    private static final String NONE = "-";
    private static final List<String> HEADINGS =
            List.of("module", "image", "steps", "cached", "rebuilt", "unknown", "stable rebuilt", "verdict");

    private RollUp() {}

    /**
     * One image, or one module without one.
     *
     * @param module the module's name
     * @param image the image's name, or its Dockerfile for a module's only image; null for a module without an image
     * @param tally how its steps came out, or null when none were computed
     * @param verdict what the goal decided: passes, fails, recorded, error, no image...
     */
    public record Row(String module, String image, Tally tally, String verdict) {}

    public static List<ReportLine> table(String title, List<Row> rows) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(HEADINGS);
        for (Row row : rows) {
            Tally tally = row.tally();
            Function<Function<Tally, Integer>, String> count =
                    field -> tally == null || !tally.compared() ? NONE : String.valueOf(field.apply(tally));
            cells.add(List.of(
                    row.module(),
                    row.image() == null ? NONE : row.image(),
                    tally == null ? NONE : String.valueOf(tally.steps()),
                    count.apply(Tally::cached),
                    count.apply(Tally::rebuilt),
                    count.apply(Tally::unknown),
                    count.apply(Tally::stableRebuilt),
                    row.verdict()));
        }
        int[] widths = new int[HEADINGS.size()];
        cells.forEach(line -> {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        });
        List<ReportLine> lines = new ArrayList<>();
        lines.add(new ReportLine(ReportLine.Level.INFO, title));
        for (List<String> line : cells) {
            StringBuilder text = new StringBuilder(" ");
            for (int i = 0; i < widths.length; i++) {
                String cell = line.get(i);
                // names read from the left, counts from the right
                boolean number = i >= 2 && i < widths.length - 1;
                String padding = " ".repeat(widths[i] - cell.length());
                text.append("  ").append(number ? padding + cell : i == widths.length - 1 ? cell : cell + padding);
            }
            lines.add(new ReportLine(ReportLine.Level.INFO, text.toString()));
        }
        return lines;
    }
}
