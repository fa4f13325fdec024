package io.github.dockercache.report;

import io.github.dockercache.compare.Cause;
import io.github.dockercache.cost.StepCost;
import io.github.dockercache.cost.StepCosts;
import io.github.dockercache.history.CommitResult;
import io.github.dockercache.history.ImageHistory;
import io.github.dockercache.history.StepOutcome;
import io.github.dockercache.history.StepRate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the history goal prints and writes: the commits that rebuilt a stable layer with the cause explain
 * gives, each step's rebuild rate and the time it cost where a build log measured the step ({@code history.json},
 * docs/history.md; {@code history.html}, commits by layers).
 */
public final class HistoryReport {
    /** The subject column of the console table. */
    private static final int SUBJECT_WIDTH = 40;

    private HistoryReport() {}

    /**
     * The console lines: a heading, the table of busting commits, the rates, and what was not compared.
     *
     * @param costs the step times of a real build, or null
     */
    public static List<ReportLine> console(ImageHistory history, StepCosts costs) {
        List<ReportLine> lines = new ArrayList<>();
        List<CommitResult> busting = history.busting();
        int compared = history.compared().size();
        lines.add(ReportLine.info("History of " + history.dockerfile() + " over " + history.range() + ": "
                + count(history.commits().size(), "commit") + ", " + compared + " compared, " + busting.size()
                + " rebuilt a stable layer."));
        if (!busting.isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"commit", "subject", "first stable step rebuilt", "cause"});
            for (CommitResult commit : busting) {
                StepOutcome step = commit.firstStableRebuilt().orElseThrow();
                rows.add(new String[] {
                    commit.commit().shortId(),
                    Shortened.of(commit.commit().subject(), SUBJECT_WIDTH),
                    step.stepId() + " " + Shortened.of(step.text(), Shortened.COLUMN),
                    cause(step)
                });
            }
            table(rows).forEach(line -> lines.add(ReportLine.info("  " + line)));
        }
        if (compared > 0) {
            lines.add(ReportLine.info("Rebuild rate per step over the " + count(compared, "commit") + " compared:"));
            for (StepRate rate : history.rates()) {
                lines.add(ReportLine.info("  " + rate.stepId() + " " + Shortened.of(rate.text(), Shortened.COLUMN)
                        + (rate.stable() ? " [stable]" : "") + ": " + rateWords(rate, costs)));
            }
        }
        for (CommitResult commit : history.commits()) {
            if (commit.problem() != null) {
                lines.add(ReportLine.info("Not compared: " + commit.commit().shortId() + " "
                        + Printable.flat(commit.commit().subject()) + " (" + commit.problem() + ")."));
            }
        }
        if (history.untrackedNote() != null) {
            lines.add(ReportLine.info("Note: " + history.untrackedNote() + "."));
        }
        return lines;
    }

    /** The first cause of the miss the step goes back to, as explain says it, and the step it starts at. */
    private static String cause(StepOutcome step) {
        String detail = step.cause() == null
                ? "its inputs differ"
                : Printable.flat(step.cause().detail());
        return step.rootStepId().equals(step.stepId()) ? detail : detail + " (at step " + step.rootStepId() + ")";
    }

    private static String rateWords(StepRate rate, StepCosts costs) {
        StringBuilder words =
                new StringBuilder("rebuilt by " + rate.rebuilt() + " of " + count(rate.compared(), "commit"));
        if (rate.unknown() > 0) {
            words.append(", unknown in ").append(rate.unknown());
        }
        Optional<Duration> each = duration(rate, costs);
        if (each.isPresent() && rate.rebuilt() > 0) {
            words.append(", about ")
                    .append(StepCosts.format(each.get().multipliedBy(rate.rebuilt())))
                    .append(" lost (")
                    .append(StepCosts.format(each.get()))
                    .append(" each)");
        }
        return words.toString();
    }

    /** The step's time in the logged build, when it ran there (a cached step's time says nothing). */
    private static Optional<Duration> duration(StepRate rate, StepCosts costs) {
        return costs == null
                ? Optional.empty()
                : costs.step(rate.stepId()).filter(step -> !step.cached()).map(StepCost::duration);
    }

    // ---- history.json (docs/history.md) ----

    record Report(
            String format,
            int version,
            String dockerfile,
            String range,
            int commitCount,
            int compared,
            List<CommitEntry> commits,
            List<RateEntry> steps,
            String untracked,
            long filesHashed,
            long treesRead) {}

    record CommitEntry(
            String id,
            String shortId,
            String subject,
            String problem,
            BustEntry firstStableRebuilt,
            List<StepEntry> steps) {}

    record BustEntry(String step, String text, String rootStep, String causeKind, String cause) {}

    record StepEntry(
            String id,
            String verdict,
            boolean stable,
            String rootStep,
            String causeKind,
            String cause,
            String unknownReason) {}

    record RateEntry(
            String id,
            String text,
            boolean stable,
            int rebuilt,
            int unknown,
            int compared,
            Double seconds,
            Double lostSeconds) {}

    /** {@code history.json}; the schema is in docs/history.md. */
    public static String json(ImageHistory history, StepCosts costs) {
        List<CommitEntry> commits = history.commits().stream()
                .map(commit -> new CommitEntry(
                        commit.commit().id(),
                        commit.commit().shortId(),
                        commit.commit().subject(),
                        commit.problem(),
                        commit.firstStableRebuilt()
                                .map(step -> new BustEntry(
                                        step.stepId(),
                                        step.text(),
                                        step.rootStepId(),
                                        kind(step.cause()),
                                        detail(step.cause())))
                                .orElse(null),
                        commit.steps().stream()
                                .map(step -> new StepEntry(
                                        step.stepId(),
                                        verdict(step),
                                        step.stable(),
                                        step.cause() == null ? null : step.rootStepId(),
                                        kind(step.cause()),
                                        detail(step.cause()),
                                        step.unknownReason()))
                                .toList()))
                .toList();
        List<RateEntry> rates = history.rates().stream()
                .map(rate -> {
                    Double seconds = duration(rate, costs)
                            .map(d -> d.toMillis() / 1000.0)
                            .orElse(null);
                    return new RateEntry(
                            rate.stepId(),
                            rate.text(),
                            rate.stable(),
                            rate.rebuilt(),
                            rate.unknown(),
                            rate.compared(),
                            seconds,
                            seconds == null ? null : seconds * rate.rebuilt());
                })
                .toList();
        return JsonText.of(new Report(
                "dockercache-history",
                1,
                history.dockerfile(),
                history.range(),
                history.commits().size(),
                history.compared().size(),
                commits,
                rates,
                history.untrackedNote(),
                history.filesHashed(),
                history.treesRead()));
    }

    private static String kind(Cause cause) {
        return cause == null ? null : cause.kind().name();
    }

    private static String detail(Cause cause) {
        return cause == null ? null : cause.detail();
    }

    private static String verdict(StepOutcome step) {
        return step.verdict().name().toLowerCase(Locale.ROOT);
    }

    // ---- history.html ----

    /** {@code history.html}: one row per layer, one column per commit, each cell rebuilt, cached or unknown. */
    public static String html(ImageHistory history) {
        HtmlWriter out = new HtmlWriter();
        out.head("Docker cache history: " + history.dockerfile(), STYLE);
        out.open("body");
        out.open("header");
        out.element("h1", "Docker cache history: " + history.dockerfile());
        out.element(
                "p",
                history.range() + ": " + count(history.commits().size(), "commit") + ", "
                        + history.compared().size() + " compared, "
                        + history.busting().size() + " rebuilt a stable layer.");
        out.close("header");
        out.open("main");
        out.open("table", "class", "history");
        out.open("thead");
        out.open("tr");
        out.element("th", "step", "class", "step");
        for (CommitResult commit : history.commits()) {
            out.open("th", "class", "commit", "title", commit.commit().subject());
            out.element("code", commit.commit().shortId());
            out.close("th");
        }
        out.element("th", "rebuilt", "class", "rate");
        out.close("tr");
        out.close("thead");
        out.open("tbody");
        for (StepRate rate : history.rates()) {
            out.open("tr", "class", rate.stable() ? "stable" : null);
            out.open("th", "class", "step", "scope", "row");
            out.element("code", rate.stepId() + " " + Shortened.of(rate.text(), Shortened.COLUMN));
            out.close("th");
            for (CommitResult commit : history.commits()) {
                Optional<StepOutcome> step = commit.steps().stream()
                        .filter(s -> s.stepId().equals(rate.stepId()))
                        .findFirst();
                if (step.isEmpty()) {
                    out.element(
                            "td",
                            commit.problem() == null ? "" : "–",
                            "class",
                            "none",
                            "title",
                            commit.problem() == null ? "no such step at this commit" : commit.problem());
                } else {
                    String verdict = verdict(step.get());
                    String title = step.get().unknownReason() != null
                            ? step.get().unknownReason()
                            : step.get().cause() != null ? cause(step.get()) : verdict;
                    out.element(
                            "td", verdict.substring(0, 1).toUpperCase(Locale.ROOT), "class", verdict, "title", title);
                }
            }
            out.element("td", rate.rebuilt() + " / " + rate.compared(), "class", "rate");
            out.close("tr");
        }
        out.close("tbody");
        out.close("table");
        out.open("ul", "class", "legend");
        out.element("li", "R rebuilt", "class", "rebuilt");
        out.element("li", "C cached", "class", "cached");
        out.element("li", "U unknown", "class", "unknown");
        out.close("ul");
        if (!history.busting().isEmpty()) {
            out.element("h2", "Commits that rebuilt a stable layer");
            out.open("ol", "class", "busting");
            for (CommitResult commit : history.busting()) {
                StepOutcome step = commit.firstStableRebuilt().orElseThrow();
                out.open("li");
                out.element("code", commit.commit().shortId());
                out.text(" " + commit.commit().subject() + ": step " + step.stepId() + " " + step.text() + ", "
                        + cause(step));
                out.close("li");
            }
            out.close("ol");
        }
        if (history.untrackedNote() != null) {
            out.element("p", "Note: " + history.untrackedNote() + ".", "class", "note");
        }
        out.close("main");
        out.close("body");
        out.close("html");
        return out.toString();
    }

    private static final String STYLE = """
            body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #1f2328; }
            table.history { border-collapse: collapse; }
            table.history th, table.history td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: center; }
            table.history th.step { text-align: left; font-weight: normal; white-space: nowrap; }
            tr.stable th.step { font-weight: bold; }
            td.rebuilt, li.rebuilt { background: #c81e1e; color: #fff; }
            td.cached, li.cached { background: #15803d; color: #fff; }
            td.unknown, li.unknown { background: #b7791f; color: #fff; }
            td.none { background: #f6f8fa; color: #57606a; }
            ul.legend { list-style: none; padding: 0; display: flex; gap: 8px; }
            ul.legend li { padding: 2px 8px; }
            """;

    // ---- text helpers ----

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Columns padded to their widest cell; the last one is not padded. */
    private static List<String> table(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row[i] : row[i] + " ".repeat(widths[i] - row[i].length() + 2));
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
