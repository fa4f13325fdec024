package io.github.dockercache.report;

import io.github.dockercache.compare.Cause;
import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.EntryChanges;
import io.github.dockercache.compare.StepResult;
import io.github.dockercache.compare.Verdict;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepSnapshot;
import java.util.List;
import java.util.Locale;

/**
 * The machine-readable report: one entry per step with its verdict and causes (docs/reports.md, "Report format").
 * Values are the user's as they are; JSON's own escapes keep control characters out of the file.
 */
public final class JsonReport {

    private JsonReport() {}

    record Report(
            String format,
            int version,
            String goal,
            String dockerfile,
            String baseline,
            Summary summary,
            List<Step> steps) {}

    record Summary(int steps, long cached, long rebuilt, long unknown, boolean failed) {}

    record Step(
            String id,
            String stage,
            int line,
            String instruction,
            String text,
            String key,
            String baselineKey,
            String verdict,
            boolean stable,
            boolean expected,
            String rootStep,
            String unknownReason,
            String matchedBuild,
            List<CauseEntry> causes) {}

    record CauseEntry(
            String kind,
            String subject,
            String before,
            String after,
            String detail,
            String advice,
            boolean expected,
            String expectedBecause,
            EntryChanges entries) {}

    /** @param failed whether the goal fails the build: only check ever does */
    public static String of(Goal goal, Comparison comparison, String baselineName, boolean failed) {
        List<Step> steps = comparison.steps().stream().map(JsonReport::step).toList();
        Summary summary = new Summary(
                steps.size(),
                comparison.count(Verdict.CACHED),
                comparison.count(Verdict.REBUILT),
                comparison.count(Verdict.UNKNOWN),
                failed);
        return JsonText.of(new Report(
                "dockercache-report",
                1,
                goal.label(),
                comparison.current().dockerfile(),
                baselineName,
                summary,
                steps));
    }

    /** Without a baseline every verdict is unknown, and says so. */
    public static String withoutBaseline(Goal goal, Snapshot snapshot) {
        List<Step> steps =
                snapshot.steps().stream().map(JsonReport::unknownStep).toList();
        return JsonText.of(new Report(
                "dockercache-report",
                1,
                goal.label(),
                snapshot.dockerfile(),
                null,
                new Summary(steps.size(), 0, 0, steps.size(), false),
                steps));
    }

    private static Step step(StepResult s) {
        return new Step(
                s.stepId(),
                s.stage(),
                s.line(),
                s.instruction(),
                s.text(),
                s.key(),
                s.baselineKey(),
                s.verdict().name().toLowerCase(Locale.ROOT),
                s.stable(),
                s.expected(),
                s.verdict() == Verdict.CACHED ? null : s.rootStepId(),
                s.unknownReason(),
                s.matchedBuild() == null ? null : s.matchedBuild().describe(),
                s.causes().stream().map(JsonReport::cause).toList());
    }

    private static Step unknownStep(StepSnapshot s) {
        return new Step(
                s.place().id(),
                s.place().stage(),
                s.place().line(),
                s.place().instruction(),
                s.place().text(),
                s.keys().key(),
                null,
                "unknown",
                false,
                false,
                null,
                "no baseline to compare with",
                null,
                List.of());
    }

    private static CauseEntry cause(Cause c) {
        return new CauseEntry(
                c.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                c.subject(),
                c.before(),
                c.after(),
                c.detail(),
                c.advice(),
                c.expected(),
                c.expectedBecause(),
                c.entries());
    }
}
