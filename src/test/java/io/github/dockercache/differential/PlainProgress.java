package io.github.dockercache.differential;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the steps out of {@code docker build --progress=plain} output.
 *
 * <p>Each step is a vertex announced as {@code #<vertex> [<stage> <N>/<M>] <instruction>} (BuildKit 0.8 leaves out
 * the stage in single-stage builds) and later closed by {@code #<vertex> CACHED}, {@code DONE <time>},
 * {@code ERROR: ...} or {@code CANCELED}. Vertices without a step label ({@code [internal]}, exporting) are not
 * steps. When several vertices carry one label (BuildKit 0.13 prints {@code ADD <url>} as a fetch and a copy), the
 * last one is the step. Identical steps are one vertex, so a step that equals an earlier one (a second stage on
 * the same base image: its FROM) is not printed at all.
 */
final class PlainProgress {
    /** The step number is padded with spaces to the width of the total: {@code [controller  5/11]}, {@code [ 5/11]}. */
    private static final Pattern STEP = Pattern.compile("^#(\\d+) \\[(?:(\\S+) +)? *(\\d+)/\\d+\\] (.*)$");

    private static final Pattern CLOSED = Pattern.compile("^#(\\d+) (CACHED|DONE|ERROR|CANCELED)\\b.*$");

    private PlainProgress() {}

    private record Label(int vertex, int stageOrder, int number, String stepId, String text) {}

    /**
     * @param log the build output
     * @param stageLabels the Dockerfile's stages in order, from {@link StageLabels}
     */
    static Map<String, EngineStep> steps(String log, List<String> stageLabels) {
        Map<String, Label> labels = new HashMap<>();
        Map<Integer, String> closedAs = new HashMap<>();
        for (String line : log.split("\r?\n")) {
            Matcher step = STEP.matcher(line);
            if (step.matches()) {
                Label label = label(step, stageLabels);
                labels.merge(label.stepId(), label, (a, b) -> a.vertex() > b.vertex() ? a : b);
                continue;
            }
            Matcher closed = CLOSED.matcher(line);
            if (closed.matches()) {
                closedAs.put(Integer.parseInt(closed.group(1)), closed.group(2));
            }
        }
        Map<String, EngineStep> steps = new LinkedHashMap<>();
        labels.values().stream()
                .sorted(Comparator.comparingInt(Label::stageOrder).thenComparingInt(Label::number))
                .forEach(label -> steps.put(
                        label.stepId(),
                        new EngineStep(label.stepId(), status(label, closedAs.get(label.vertex())), label.text())));
        return steps;
    }

    private static Label label(Matcher step, List<String> stageLabels) {
        String stage = step.group(2) == null ? "stage-0" : step.group(2);
        int number = Integer.parseInt(step.group(3));
        int order = stageLabels.indexOf(stage);
        String stepId = stageLabels.size() == 1 ? Integer.toString(number) : stage + ":" + number;
        return new Label(
                Integer.parseInt(step.group(1)), order < 0 ? stageLabels.size() : order, number, stepId, step.group(4));
    }

    private static EngineStatus status(Label label, String closedAs) {
        if (label.text().startsWith("FROM ")) {
            return EngineStatus.BASE;
        }
        if (closedAs == null) {
            return EngineStatus.ERROR;
        }
        return switch (closedAs) {
            case "CACHED" -> EngineStatus.CACHED;
            case "DONE" -> EngineStatus.BUILT;
            default -> EngineStatus.ERROR;
        };
    }
}
