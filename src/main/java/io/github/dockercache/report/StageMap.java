package io.github.dockercache.report;

import io.github.dockercache.compare.StepResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The stages as an inline SVG, one node per lane, with an arrow for each stage another builds FROM or
 * reads files from. Coordinates are computed here rather than by a script, so the picture is there
 * without JavaScript and in print.
 */
final class StageMap {
    /**
     * Where the nodes go. On screen they stand above the lanes, so the map uses the lanes' width, which
     * the style sheet receives as CSS variables; on paper the lanes are stacked, and a narrower map
     * keeps its text legible on a page.
     *
     * @param idPrefix keeps the element ids of two maps in one document apart
     */
    record Geometry(String idPrefix, String cssClass, int laneWidth, int laneGap, int nodeInset) {
        int width(int lanes) {
            return lanes == 0 ? 0 : lanes * laneWidth + (lanes - 1) * laneGap;
        }

        int centre(int lane) {
            return lane * (laneWidth + laneGap) + laneWidth / 2;
        }

        int nodeWidth() {
            return laneWidth - 2 * nodeInset;
        }
    }

    static final Geometry SCREEN = new Geometry("map", "screen-only", 420, 24, 36);
    static final Geometry PRINT = new Geometry("print-map", "print-only", 236, 14, 6);

    private static final int NODE_HEIGHT = 56;
    private static final int BOTTOM_MARGIN = 12;
    /** How far an arc rises per lane it spans, so that longer arcs pass over shorter ones. */
    private static final int RISE_PER_LANE = 26;

    private static final int MIN_RISE = 40;
    private static final int LABEL_ROOM = 22;
    /** About the width of a character of the node's monospaced name. */
    private static final int NAME_CHAR_WIDTH = 9;

    /**
     * An arrow between two lanes, with the steps it stands for.
     *
     * @param source the step whose result flows along the arrow: the last of its stage
     */
    private record Arrow(StageChain.LinkKind kind, int from, int to, String label, String source, List<String> steps) {
        int rise() {
            // reads arcs rise a little higher than FROM arcs between the same lanes, so both stay visible
            return MIN_RISE + RISE_PER_LANE * (to - from - 1) + (kind == StageChain.LinkKind.READS_STAGE ? 18 : 0);
        }
    }

    private final StageChain chain;
    private final Map<String, StepResult> resultsById;
    private final Geometry geometry;

    StageMap(StageChain chain, Map<String, StepResult> resultsById, Geometry geometry) {
        this.chain = chain;
        this.resultsById = resultsById;
        this.geometry = geometry;
    }

    void write(HtmlWriter out) {
        List<Arrow> arrows = arrows();
        int nodeTop = arrows.stream().mapToInt(Arrow::rise).max().orElse(0) + (arrows.isEmpty() ? 8 : LABEL_ROOM);
        int width = geometry.width(chain.lanes().size());
        int height = nodeTop + NODE_HEIGHT + BOTTOM_MARGIN;
        String id = geometry.idPrefix();
        out.open(
                "svg",
                "class",
                "stage-map " + geometry.cssClass(),
                "xmlns",
                "http://www.w3.org/2000/svg",
                "width",
                Integer.toString(width),
                "height",
                Integer.toString(height),
                "viewBox",
                "0 0 " + width + " " + height,
                "role",
                "img",
                "aria-labelledby",
                id + "-title " + id + "-desc");
        out.element("title", "Stages and the links between them", "id", id + "-title");
        out.element("desc", description(arrows), "id", id + "-desc");
        writeMarkers(out);
        arrows.forEach(arrow -> writeArrow(out, arrow, nodeTop));
        for (int i = 0; i < chain.lanes().size(); i++) {
            writeNode(out, chain.lanes().get(i), i, nodeTop);
        }
        out.close("svg");
    }

    /** One arrow per kind and pair of lanes; several COPY --from of the same stage share it. */
    private List<Arrow> arrows() {
        Map<String, Arrow> arrows = new LinkedHashMap<>();
        for (StageChain.Link link : chain.links()) {
            int from = chain.laneIndex(link.fromStage());
            int to = chain.laneIndex(link.toStage());
            if (from < 0 || to < 0) {
                continue; // a stage without steps has no lane to point at; the step's own box names it
            }
            Arrow arrow = arrows.computeIfAbsent(
                    link.kind() + " " + from + " " + to,
                    k -> new Arrow(link.kind(), from, to, label(link), link.fromStep(), new ArrayList<>()));
            arrow.steps().add(link.toStep());
        }
        return List.copyOf(arrows.values());
    }

    private String label(StageChain.Link link) {
        if (link.kind() == StageChain.LinkKind.FROM_STAGE) {
            return "FROM " + link.fromStage();
        }
        String instruction = resultsById.get(link.toStep()).instruction();
        return instruction.equals("RUN")
                ? "RUN --mount from=" + link.fromStage()
                : instruction + " --from=" + link.fromStage();
    }

    private String markerId(VerdictLook look) {
        return geometry.idPrefix() + "-arrowhead-" + look.cssClass;
    }

    private void writeMarkers(HtmlWriter out) {
        out.open("defs");
        for (VerdictLook look : VerdictLook.values()) {
            out.open(
                    "marker",
                    "id",
                    markerId(look),
                    "class",
                    "arrowhead verdict-" + look.cssClass,
                    "viewBox",
                    "0 0 10 10",
                    "refX",
                    "9",
                    "refY",
                    "5",
                    "markerWidth",
                    "7",
                    "markerHeight",
                    "7",
                    "orient",
                    "auto-start-reverse");
            out.empty("path", "d", "M 0 0 L 10 5 L 0 10 z");
            out.close("marker");
        }
        out.close("defs");
    }

    private void writeArrow(HtmlWriter out, Arrow arrow, int nodeTop) {
        // the arrow carries the verdict of what flows along it
        StepResult source = resultsById.get(arrow.source());
        VerdictLook look = VerdictLook.of(source);
        int startX = geometry.centre(arrow.from()) + geometry.laneWidth() / 4;
        int endX = geometry.centre(arrow.to()) - geometry.laneWidth() / 4;
        int controlY = nodeTop - arrow.rise() * 4 / 3; // a cubic's apex is 3/4 of the way to its control points
        String dashes = arrow.kind() == StageChain.LinkKind.READS_STAGE ? "6 4" : null;
        out.open("g", "class", "arrow verdict-" + look.cssClass);
        out.element(
                "title",
                arrow.label() + ": " + source.stepId() + ", " + look.label.toLowerCase(Locale.ROOT) + ", into "
                        + String.join(", ", arrow.steps()));
        out.empty(
                "path",
                "d",
                "M " + startX + " " + nodeTop + " C " + startX + " " + controlY + ", " + endX + " " + controlY + ", "
                        + endX + " " + nodeTop,
                "stroke-dasharray",
                dashes,
                "marker-end",
                "url(#" + markerId(look) + ")");
        out.element(
                "text",
                arrow.label(),
                "x",
                Integer.toString((startX + endX) / 2),
                "y",
                Integer.toString(nodeTop - arrow.rise() - 6),
                "text-anchor",
                "middle",
                "class",
                "arrow-label");
        out.close("g");
    }

    private void writeNode(HtmlWriter out, StageChain.Lane lane, int index, int nodeTop) {
        VerdictLook look = VerdictLook.worst(lane.steps());
        int left = index * (geometry.laneWidth() + geometry.laneGap()) + geometry.nodeInset();
        out.open("a", "href", Anchors.toStage(lane.stage()));
        out.open("g", "class", "node verdict-" + look.cssClass);
        out.element("title", "Stage " + lane.stage() + ": " + LaneSummary.of(lane.steps()));
        out.empty(
                "rect",
                "x",
                Integer.toString(left),
                "y",
                Integer.toString(nodeTop),
                "width",
                Integer.toString(geometry.nodeWidth()),
                "height",
                Integer.toString(NODE_HEIGHT),
                "rx",
                "10");
        out.element(
                "text",
                shorten(lane.stage()),
                "x",
                Integer.toString(geometry.centre(index)),
                "y",
                Integer.toString(nodeTop + 23),
                "text-anchor",
                "middle",
                "class",
                "node-name");
        out.element(
                "text",
                LaneSummary.of(lane.steps()),
                "x",
                Integer.toString(geometry.centre(index)),
                "y",
                Integer.toString(nodeTop + 43),
                "text-anchor",
                "middle",
                "class",
                "node-summary");
        out.close("g");
        out.close("a");
    }

    private String description(List<Arrow> arrows) {
        if (arrows.isEmpty()) {
            return "The stages do not build on or read from each other.";
        }
        List<String> sentences = new ArrayList<>();
        for (Arrow arrow : arrows) {
            String from = chain.lanes().get(arrow.from()).stage();
            String to = chain.lanes().get(arrow.to()).stage();
            sentences.add(
                    arrow.kind() == StageChain.LinkKind.FROM_STAGE
                            ? "Stage " + to + " builds FROM stage " + from + "."
                            : "Stage " + to + " reads files from stage " + from + " ("
                                    + String.join(", ", arrow.steps()) + ").");
        }
        return String.join(" ", sentences);
    }

    private String shorten(String name) {
        int fits = (geometry.nodeWidth() - 16) / NAME_CHAR_WIDTH;
        return name.length() <= fits ? name : name.substring(0, fits - 1) + "\u2026";
    }
}
