package io.github.dockercache.report;

import io.github.dockercache.advice.Finding;
import io.github.dockercache.compare.Cause;
import io.github.dockercache.compare.FailOn;
import io.github.dockercache.compare.StepResult;
import io.github.dockercache.compare.Verdict;
import io.github.dockercache.model.Secrets;
import io.github.dockercache.model.Snapshot;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The top of the report: which build, against which baseline, the outcome in one sentence, the counts,
 * the snapshot's warnings, and the first misses that explain every other one.
 */
final class Header {
    /** The outcome as a banner: a style, a word, and a sentence. */
    private record Outcome(String cssClass, String title, String sentence) {}

    private final Goal goal;
    private final Snapshot current;
    private final String baseline;
    private final String failOn;
    private final Outcome outcome;
    private final List<StepResult> steps;
    private final List<Finding> advice;

    private Header(
            Goal goal,
            Snapshot current,
            String baseline,
            String failOn,
            Outcome outcome,
            List<StepResult> steps,
            List<Finding> advice) {
        this.goal = goal;
        this.current = current;
        this.baseline = baseline;
        this.failOn = failOn;
        this.outcome = outcome;
        this.steps = steps;
        this.advice = advice;
    }

    static Header compared(
            Goal goal,
            Snapshot current,
            String baseline,
            FailOn failOn,
            List<StepResult> steps,
            Set<String> violations,
            List<Finding> advice) {
        return new Header(
                goal,
                current,
                baseline,
                failOn.name().toLowerCase(Locale.ROOT),
                outcome(goal, failOn, steps, violations),
                steps,
                advice);
    }

    static Header withoutBaseline(
            Goal goal,
            Snapshot current,
            String baselineName,
            String recordCommand,
            List<StepResult> steps,
            List<Finding> advice) {
        return new Header(
                goal,
                current,
                baselineName == null ? "none" : "none at " + baselineName,
                null,
                new Outcome(
                        "outcome-none",
                        "No baseline",
                        "Nothing to compare with yet: every verdict is unknown."
                                + " Record a baseline with " + recordCommand + " and commit it; later builds are then"
                                + " checked against it."),
                steps,
                advice);
    }

    /**
     * What the gate decides, as the goal that wrote the report can say it: check decides; explain says what check,
     * with the same rule, would decide. Steps that only a real build can judge are counted apart: they are no miss.
     */
    private static Outcome outcome(Goal goal, FailOn failOn, List<StepResult> steps, Set<String> violations) {
        boolean check = goal == Goal.CHECK;
        if (!violations.isEmpty()) {
            return new Outcome(
                    "outcome-fails",
                    check ? "Check fails" : "Check would fail",
                    plural(violations.size(), "step") + " would be rebuilt for an unexpected reason, which "
                            + rule(failOn) + " does not allow"
                            + (check ? "." : "; explain itself never fails the build."));
        }
        long rebuilt =
                steps.stream().filter(step -> step.verdict() == Verdict.REBUILT).count();
        long unknown =
                steps.stream().filter(step -> step.verdict() == Verdict.UNKNOWN).count();
        if (rebuilt + unknown == 0) {
            return new Outcome(
                    "outcome-passes", "All cached", "Every step is cached: nothing differs from the baseline.");
        }
        String changes = changes(rebuilt, unknown);
        if (failOn == FailOn.NEVER) {
            return new Outcome(
                    "outcome-report",
                    "Report only",
                    changes + "; " + rule(failOn) + ": check never fails" + " the build.");
        }
        return new Outcome(
                "outcome-passes",
                check ? "Check passes" : "Check would pass",
                changes + ", none against " + rule(failOn) + ".");
    }

    /** {@code 2 steps would be rebuilt and 1 may be}: an unknown step is not counted as rebuilt. */
    private static String changes(long rebuilt, long unknown) {
        if (rebuilt == 0) {
            return plural((int) unknown, "step") + " may be rebuilt (only a real build can tell)";
        }
        return plural((int) rebuilt, "step") + " would be rebuilt"
                + (unknown == 0 ? "" : " and " + unknown + " may be");
    }

    private static String rule(FailOn failOn) {
        return "failOn=" + failOn.name().toLowerCase(Locale.ROOT);
    }

    void write(HtmlWriter out) {
        out.open("header", "class", "report-head");
        out.element("p", "dockercache " + goal.label() + " \u00b7 BuildKit cache prediction", "class", "eyebrow");
        out.open("h1")
                .text("Cache report for ")
                .element("code", current.dockerfile())
                .close("h1");
        out.open("div", "class", "outcome " + outcome.cssClass(), "role", "status");
        out.open("p")
                .element("strong", outcome.title())
                .text(" \u2014 " + outcome.sentence())
                .close("p");
        out.close("div");
        writeFacts(out);
        writeCounts(out);
        writeWarnings(out);
        writeFirstMisses(out);
        AdviceList.write(out, advice);
        out.close("header");
    }

    private void writeFacts(HtmlWriter out) {
        out.open("dl", "class", "facts");
        fact(out, "Baseline", baseline);
        fact(out, "Target", current.target() == null ? "the last stage" : current.target());
        fact(
                out,
                "Build args",
                current.buildArgs().isEmpty()
                        ? "none"
                        : current.buildArgs().entrySet().stream()
                                .map(e ->
                                        e.getKey() + "=" + (Secrets.isMasked(e.getValue()) ? "(secret)" : e.getValue()))
                                .collect(Collectors.joining(" ")));
        if (failOn != null) {
            fact(out, "Fail on", failOn + (goal == Goal.CHECK ? "" : " (check's rule; explain never fails)"));
        }
        out.close("dl");
    }

    private static void fact(HtmlWriter out, String term, String value) {
        out.open("div").element("dt", term).element("dd", value).close("div");
    }

    private void writeCounts(HtmlWriter out) {
        Map<VerdictLook, Long> counts =
                steps.stream().collect(Collectors.groupingBy(VerdictLook::of, Collectors.counting()));
        out.open("ul", "class", "counts", "aria-label", "Steps by verdict");
        out.open("li", "class", "count count-total")
                .element("span", Integer.toString(steps.size()), "class", "number")
                .text(steps.size() == 1 ? " step" : " steps")
                .close("li");
        for (VerdictLook look : VerdictLook.values()) {
            long count = counts.getOrDefault(look, 0L);
            out.open("li", "class", "count verdict-" + look.cssClass + (count == 0 ? " zero" : ""))
                    .element("span", Long.toString(count), "class", "number")
                    .text(" " + look.label.toLowerCase(Locale.ROOT))
                    .close("li");
        }
        out.close("ul");
    }

    private void writeWarnings(HtmlWriter out) {
        if (current.warnings().isEmpty()) {
            return;
        }
        out.open("section", "class", "warnings", "aria-labelledby", "warnings-title");
        out.element("h2", "Warnings", "id", "warnings-title", "class", "section-title");
        out.open("ul");
        current.warnings().forEach(warning -> out.element("li", warning));
        out.close("ul");
        out.close("section");
    }

    /** Each first miss with its first cause: the short answer to why the build is not cached. */
    private void writeFirstMisses(HtmlWriter out) {
        List<StepResult> misses = steps.stream()
                .filter(s -> s.isFirstMiss() && !s.causes().isEmpty())
                .toList();
        if (misses.isEmpty()) {
            return;
        }
        out.open("section", "class", "first-misses", "aria-labelledby", "first-misses-title");
        out.element("h2", "Where the cache breaks", "id", "first-misses-title", "class", "section-title");
        out.open("ol");
        for (StepResult miss : misses) {
            VerdictLook look = VerdictLook.of(miss);
            out.open("li", "class", "verdict-" + look.cssClass)
                    .element("a", miss.stepId(), "href", Anchors.toStep(miss.stepId()), "class", "step-link")
                    .text(" ")
                    .element("span", look.label, "class", "badge verdict-" + look.cssClass)
                    .text(" ")
                    .element("code", Shortened.of(miss.text(), Shortened.LINE), "class", "miss-text")
                    .element(
                            "span",
                            headCause(miss).detail()
                                    + (miss.causes().size() > 1
                                            ? " (and " + plural(miss.causes().size() - 1, "more cause") + ")"
                                            : ""),
                            "class",
                            "miss-cause")
                    .close("li");
        }
        out.close("ol");
        out.close("section");
    }

    /** The cause that says most: the first one that is not expected, since that is the one to act on. */
    private static Cause headCause(StepResult miss) {
        return miss.causes().stream()
                .filter(cause -> !cause.expected())
                .findFirst()
                .orElse(miss.causes().get(0));
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
