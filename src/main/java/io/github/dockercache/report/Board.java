package io.github.dockercache.report;

import io.github.dockercache.compare.StepResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The picture of the build: the stage map, its legend, and one lane per stage holding its steps as a
 * chain of boxes. On screen the lanes stand side by side under their map nodes; in print each lane
 * starts a page.
 */
final class Board {
    private final StageChain chain;
    private final StepBox stepBox;
    private final Map<String, StepResult> resultsById = new HashMap<>();

    Board(StageChain chain, StepBox stepBox, List<StepResult> steps) {
        this.chain = chain;
        this.stepBox = stepBox;
        steps.forEach(step -> resultsById.put(step.stepId(), step));
    }

    void write(HtmlWriter out) {
        out.open("section", "class", "board", "aria-labelledby", "board-title");
        out.element("h2", "Stages and steps", "id", "board-title", "class", "section-title");
        if (chain.lanes().isEmpty()) {
            out.element("p", "The Dockerfile has no step to build.");
            out.close("section");
            return;
        }
        writeLegend(out);
        out.open("div", "class", "board-scroll");
        out.open("figure", "class", "map");
        new StageMap(chain, resultsById, StageMap.SCREEN).write(out);
        new StageMap(chain, resultsById, StageMap.PRINT).write(out);
        out.close("figure");
        out.open("div", "class", "lanes", "style", "--lanes:" + chain.lanes().size());
        chain.lanes().forEach(lane -> writeLane(out, lane));
        out.close("div");
        out.close("div");
        out.close("section");
    }

    private static void writeLegend(HtmlWriter out) {
        out.open("ul", "class", "legend", "aria-label", "Legend");
        for (VerdictLook look : VerdictLook.values()) {
            out.open("li")
                    .element("span", look.label, "class", "badge verdict-" + look.cssClass)
                    .close("li");
        }
        out.open("li")
                .element("span", "", "class", "line-sample line-from", "aria-hidden", "true")
                .text("builds FROM a stage")
                .close("li");
        out.open("li")
                .element("span", "", "class", "line-sample line-reads", "aria-hidden", "true")
                .text("reads files from a stage (COPY --from, RUN --mount)")
                .close("li");
        out.close("ul");
    }

    private void writeLane(HtmlWriter out, StageChain.Lane lane) {
        String anchor = Anchors.stage(lane.stage());
        out.open(
                "section",
                "class",
                "lane verdict-" + VerdictLook.worst(lane.steps()).cssClass
                        + (chain.baseOf(lane).isPresent() ? " from-stage" : ""),
                "id",
                anchor,
                "aria-labelledby",
                anchor + "-title");
        out.open("header", "class", "lane-head");
        out.open("h3", "id", anchor + "-title")
                .element("span", "Stage ", "class", "lane-kind")
                .element("span", lane.stage(), "class", "stage-name")
                .close("h3");
        out.element("p", LaneSummary.of(lane.steps()), "class", "lane-summary");
        chain.baseOf(lane)
                .ifPresent(link -> out.open("p", "class", "port port-from")
                        .element("span", "FROM", "class", "port-kind")
                        .text(" stage ")
                        .element("a", link.fromStage(), "href", Anchors.toStage(link.fromStage()))
                        .text(", continuing after ")
                        .element("a", link.fromStep(), "href", Anchors.toStep(link.fromStep()))
                        .close("p"));
        out.close("header");
        out.open("ol", "class", "chain");
        // a step builds on the one above it in its lane: the style sheet draws that connector
        lane.steps().forEach(step -> stepBox.write(out, step));
        out.close("ol");
        out.close("section");
    }
}
