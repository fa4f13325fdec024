package io.github.dockercache.report;

import io.github.dockercache.compare.Cause;
import io.github.dockercache.compare.CauseKind;
import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.DependencyChange;
import io.github.dockercache.compare.FailOn;
import io.github.dockercache.compare.StepResult;
import io.github.dockercache.compare.Verdict;
import io.github.dockercache.model.HistoryEntry;
import io.github.dockercache.model.Secrets;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepSnapshot;
import io.github.dockercache.report.ReportLine.Span;
import io.github.dockercache.report.ReportLine.Style;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** The console text of check and explain: short, one step per line, causes and advice where it matters. */
public final class TextReport {
    private static final Set<CauseKind> SHOWS_VALUES =
            EnumSet.of(CauseKind.BASE_IMAGE, CauseKind.WORKDIR, CauseKind.USER);

    private TextReport() {}

    /**
     * Every step with its verdict, then what {@link #explain} says (changed settings, the causes of each first miss,
     * the summary line), so that explain after check in one build can tell it was printed.
     */
    public static List<ReportLine> check(Comparison comparison, FailOn failOn) {
        List<ReportLine> lines = new ArrayList<>();
        int idWidth = comparison.steps().stream()
                .mapToInt(s -> s.stepId().length())
                .max()
                .orElse(1);
        List<String> texts = comparison.steps().stream()
                .map(s -> Shortened.of(s.text(), Shortened.COLUMN))
                .toList();
        int textWidth = texts.stream().mapToInt(String::length).max().orElse(1);
        HistoryEntry newest = comparison.baseline().builds().get(0);
        for (int i = 0; i < comparison.steps().size(); i++) {
            StepResult step = comparison.steps().get(i);
            lines.add(new ReportLine(
                    ReportLine.Level.INFO,
                    List.of(
                            plain("  "),
                            new Span(pad(step.stepId(), idWidth), Style.STRONG),
                            plain("  " + pad(texts.get(i), textWidth) + "  "),
                            new Span(pad(verdict(step), 7), style(step)),
                            plain((step.stable() ? "  stable" : "") + note(step, newest)))));
        }
        lines.addAll(settingChanges(comparison));
        Set<StepResult> violations = Set.copyOf(failOn.violations(comparison.steps()));
        for (StepResult miss : comparison.firstMisses()) {
            lines.addAll(explainMiss(miss, comparison, violations));
        }
        lines.add(ReportLine.info(summary(comparison)));
        return lines;
    }

    /** The first miss of each chain with every cause and its advice; nothing else. */
    public static List<ReportLine> explain(Comparison comparison) {
        List<ReportLine> lines = new ArrayList<>(settingChanges(comparison));
        List<StepResult> misses = comparison.firstMisses();
        if (misses.isEmpty()) {
            lines.add(ReportLine.info("Every step is cached: nothing differs from the baseline."));
        }
        for (StepResult miss : misses) {
            lines.addAll(explainMiss(miss, comparison, Set.of()));
        }
        lines.add(ReportLine.info(summary(comparison)));
        return lines;
    }

    /** When there is no baseline: the steps, so that the user sees what will be compared. */
    public static List<ReportLine> withoutBaseline(Snapshot snapshot) {
        List<ReportLine> lines = new ArrayList<>();
        int idWidth = snapshot.steps().stream()
                .mapToInt(s -> s.place().id().length())
                .max()
                .orElse(1);
        for (StepSnapshot step : snapshot.steps()) {
            lines.add(ReportLine.info("  " + pad(step.place().id(), idWidth) + "  "
                    + Shortened.of(step.place().text(), Shortened.LINE)));
        }
        return lines;
    }

    /** What differs in how the build is run, before any step: the target and the build args. */
    private static List<ReportLine> settingChanges(Comparison comparison) {
        List<ReportLine> lines = new ArrayList<>();
        Snapshot now = comparison.current();
        Snapshot then = comparison.baseline();
        if (!Objects.equals(now.target(), then.target())) {
            lines.add(ReportLine.info("The baseline was recorded for " + describeTarget(then.target()) + "; this build"
                    + " targets " + describeTarget(now.target()) + ", so other stages may be built."));
        }
        Set<String> names = new TreeSet<>(now.buildArgs().keySet());
        names.addAll(then.buildArgs().keySet());
        List<String> changes = new ArrayList<>();
        for (String name : names) {
            String old = then.buildArgs().get(name);
            String current = now.buildArgs().get(name);
            if (Objects.equals(old, current)) {
                continue;
            }
            if (Secrets.isMasked(old) || Secrets.isMasked(current)) {
                changes.add(name
                        + (old == null
                                ? " added"
                                : current == null
                                        ? " removed"
                                        : Secrets.comparable(old, current) ? " changed" : " cannot be compared")
                        + " (a secret)");
            } else {
                changes.add(name
                        + (old == null
                                ? " added ('" + current + "')"
                                : current == null
                                        ? " removed (was '" + old + "')"
                                        : " '" + old + "' -> '" + current + "'"));
            }
        }
        if (!changes.isEmpty()) {
            lines.add(ReportLine.info("Build args differ from the baseline: " + String.join(", ", changes) + "."));
        }
        DependencyChange dependencies = comparison.dependencies();
        if (dependencies.changed()) {
            lines.add(ReportLine.info(
                    (dependencies.basis() == DependencyChange.Basis.LISTS ? "Dependencies" : "Dependency manifests")
                            + " differ from the baseline: " + String.join(", ", dependencies.changes())
                            + "."));
        }
        return lines;
    }

    private static String describeTarget(String target) {
        return target == null ? "the last stage" : "--target " + target;
    }

    /**
     * @param failing the steps the gate fails on: a chain that holds one is printed as an error, but the own causes of
     *     a later step in it only when that step fails too, so that the error block shows why the build fails
     */
    private static List<ReportLine> explainMiss(StepResult miss, Comparison comparison, Set<StepResult> failing) {
        boolean blocking = comparison.steps().stream()
                .anyMatch(s -> failing.contains(s) && s.rootStepId().equals(miss.stepId()));
        ReportLine.Level level = blocking ? ReportLine.Level.ERROR : ReportLine.Level.INFO;
        List<ReportLine> lines = new ArrayList<>();
        String dockerfile = comparison.current().dockerfile();
        lines.add(new ReportLine(
                level,
                List.of(
                        new Span("Step " + miss.stepId(), Style.STRONG),
                        plain(" (" + dockerfile + ":" + miss.line() + ") " + Shortened.of(miss.text(), Shortened.LINE)
                                + " "),
                        new Span(miss.verdict() == Verdict.UNKNOWN ? "may be rebuilt" : "is rebuilt", style(miss)),
                        plain((miss.stable() ? " [stable]" : "") + (miss.expected() ? " [expected]" : "") + ":"))));
        List<Cause> listed = new ArrayList<>();
        for (Cause cause : miss.causes()) {
            lines.addAll(causeLines(level, "", cause, comparison.dependencies()));
            listed.add(cause);
        }
        if (miss.unknownReason() != null) {
            lines.add(new ReportLine(level, "  ? " + miss.unknownReason()));
        }
        List<StepResult> following = comparison.steps().stream()
                .filter(s -> s != miss
                        && s.verdict() != Verdict.CACHED
                        && s.rootStepId().equals(miss.stepId()))
                .toList();
        for (StepResult step : following) {
            for (Cause cause : step.ownCauses()) {
                if (!listed.contains(cause)) { // a build arg that several steps use is said once
                    lines.addAll(causeLines(
                            failing.contains(step) ? level : ReportLine.Level.INFO,
                            "step " + step.stepId() + " itself: ",
                            cause,
                            comparison.dependencies()));
                    listed.add(cause);
                }
            }
        }
        List<String> downstream = following.stream().map(StepResult::stepId).toList();
        if (!downstream.isEmpty()) {
            lines.add(new ReportLine(level, "  and with it: " + String.join(", ", downstream)));
        }
        return lines;
    }

    /**
     * One cause: its sentence, the edit or the values where the sentence does not show them, and its fix. The
     * dependency changes are listed above the causes, so that a cause refers to them rather than repeat them.
     */
    private static List<ReportLine> causeLines(
            ReportLine.Level level, String prefix, Cause cause, DependencyChange dependencies) {
        List<ReportLine> lines = new ArrayList<>();
        lines.add(new ReportLine(
                level,
                "  - " + prefix + cause.detail()
                        + (cause.expected()
                                ? " (expected: " + dependencies.listedAbove(cause.expectedBecause()) + ")"
                                : "")));
        if (cause.kind() == CauseKind.INSTRUCTION
                && cause.before() != null
                && cause.after() != null
                && !cause.before().equals(cause.after())) {
            lines.add(new ReportLine(level, "      " + WordDiff.of(cause.before(), cause.after())));
        } else if (SHOWS_VALUES.contains(cause.kind())
                && cause.before() != null
                && cause.after() != null
                && !(cause.detail().contains(cause.before()) && cause.detail().contains(cause.after()))) {
            lines.add(new ReportLine(level, "      was: " + cause.before()));
            lines.add(new ReportLine(level, "      now: " + cause.after()));
        }
        if (cause.advice() != null) {
            lines.add(new ReportLine(level, "    fix: " + cause.advice()));
        }
        return lines;
    }

    static String summary(Comparison comparison) {
        long stableRebuilt = comparison.steps().stream()
                .filter(s -> s.stable() && s.verdict() == Verdict.REBUILT)
                .count();
        return comparison.steps().size() + " steps: " + comparison.count(Verdict.CACHED) + " cached, "
                + comparison.count(Verdict.REBUILT) + " rebuilt (" + stableRebuilt + " stable), "
                + comparison.count(Verdict.UNKNOWN) + " unknown";
    }

    private static Span plain(String text) {
        return new Span(text, Style.PLAIN);
    }

    /** Green for cached, red for an unexpected rebuild, yellow for an expected rebuild or an unknown. */
    private static Style style(StepResult step) {
        if (step.verdict() == Verdict.CACHED) {
            return Style.SUCCESS;
        }
        return step.verdict() == Verdict.REBUILT && !step.expected() ? Style.FAILURE : Style.WARNING;
    }

    private static String verdict(StepResult step) {
        return step.verdict().name().toLowerCase(Locale.ROOT);
    }

    private static String note(StepResult step, HistoryEntry newest) {
        if (step.verdict() == Verdict.CACHED) {
            boolean older = step.matchedBuild() != null && !step.matchedBuild().equals(newest);
            return older ? "  (as built at " + step.matchedBuild().describe() + ")" : "";
        }
        if (!step.isFirstMiss()) {
            return "  after " + step.rootStepId() + (step.expected() ? " (expected)" : "");
        }
        return step.expected() ? "  (expected)" : "";
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
