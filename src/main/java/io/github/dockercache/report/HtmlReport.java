package io.github.dockercache.report;

import io.github.dockercache.advice.Finding;
import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.FailOn;
import io.github.dockercache.compare.StepResult;
import io.github.dockercache.compare.Verdict;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The report for people, {@code check.html} and {@code explain.html}: the stages as lanes of step boxes coloured and labelled
 * by verdict, the links between stages, and on each first miss its causes down to the changed files.
 * It tells the story of {@link TextReport}, visually.
 *
 * <p>One self-contained file: the style sheet is inlined, there is no script, font or image to fetch,
 * so it opens from a CI artifact, a mail or a file system as is, and prints. The same input gives the
 * same bytes: no time stamps.
 */
public final class HtmlReport {
    private static final String STYLE_SHEET = "report.css";

    private HtmlReport() {}

    /** Check's report of a comparison, without advice; {@code failOn} decides which steps fail the check. */
    public static String of(Comparison comparison, FailOn failOn) {
        return of(Goal.CHECK, comparison, failOn, null, List.of());
    }

    /**
     * The report of a comparison for a goal: check's says whether it fails the build, explain's what check would
     * decide with the same rule.
     *
     * @param baselineName the baseline file as the console names it, or null to describe the baseline by
     *     its content only
     * @param advice the cache-hygiene advice, listed as explain prints it
     */
    public static String of(
            Goal goal, Comparison comparison, FailOn failOn, String baselineName, List<Finding> advice) {
        List<StepResult> steps = comparison.steps();
        Set<String> violations =
                failOn.violations(steps).stream().map(StepResult::stepId).collect(Collectors.toSet());
        String baseline = baselineName != null
                ? baselineName
                : "a recorded snapshot of " + comparison.baseline().steps().size() + " steps";
        return document(
                goal,
                Header.compared(goal, comparison.current(), baseline, failOn, steps, violations, advice),
                comparison.current(),
                steps,
                violations,
                new CauseList(comparison.current(), comparison.baseline()));
    }

    /**
     * Without a baseline every verdict is unknown, and the header says how to record one.
     *
     * @param baselineName where the baseline was looked for, or null
     * @param recordCommand the command that records a baseline where the report was made
     */
    public static String withoutBaseline(
            Goal goal, Snapshot snapshot, String baselineName, String recordCommand, List<Finding> advice) {
        List<StepResult> steps =
                snapshot.steps().stream().map(HtmlReport::notCompared).toList();
        // no step has causes without a baseline, so the cause list never reads the baseline side
        return document(
                goal,
                Header.withoutBaseline(goal, snapshot, baselineName, recordCommand, steps, advice),
                snapshot,
                steps,
                Set.of(),
                new CauseList(snapshot, snapshot));
    }

    private static String document(
            Goal goal,
            Header header,
            Snapshot current,
            List<StepResult> steps,
            Set<String> violations,
            CauseList causeList) {
        StageChain chain = StageChain.of(current, steps);
        HtmlWriter out = new HtmlWriter();
        out.head("Docker cache " + goal.label() + ": " + current.dockerfile(), styleSheet());
        // the header spans the board, whose width the stage map fixes
        out.open(
                "body",
                "style",
                "--board-width:" + StageMap.SCREEN.width(chain.lanes().size()) + "px");
        header.write(out);
        out.open("main");
        new Board(chain, new StepBox(chain, steps, violations, causeList), steps).write(out);
        out.close("main");
        out.open("footer", "class", "report-foot");
        out.element(
                "p",
                "Predicted by dockercache-maven-plugin from the Dockerfile and the build context, without a"
                        + " Docker daemon: BuildKit reuses a step when its cache key matches one the baseline knows.");
        out.close("footer");
        out.close("body");
        out.close("html");
        return out.toString();
    }

    /** A step of a build that has nothing to be compared with, as the JSON report shows it. */
    private static StepResult notCompared(StepSnapshot step) {
        return new StepResult(
                step.place().id(),
                step.place().line(),
                step.place().instruction(),
                Verdict.UNKNOWN,
                step.place().stage(),
                step.place().text(),
                false,
                List.of(),
                step.place().id(),
                false,
                null,
                null,
                step.keys().key(),
                null);
    }

    /** The style sheet, with the lane geometry the stage map was drawn for. */
    private static String styleSheet() {
        try (InputStream in = HtmlReport.class.getResourceAsStream(STYLE_SHEET)) {
            if (in == null) {
                throw new IllegalStateException("the plugin jar lacks " + STYLE_SHEET);
            }
            return "\n:root { --lane-width: " + StageMap.SCREEN.laneWidth() + "px; --lane-gap: "
                    + StageMap.SCREEN.laneGap()
                    + "px; }\n"
                    + new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
