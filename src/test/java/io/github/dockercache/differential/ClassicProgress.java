package io.github.dockercache.differential;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the steps out of the legacy builder's output ({@code DOCKER_BUILDKIT=0 docker build}).
 *
 * <p>Every instruction is announced as {@code Step <k>/<n> : <instruction>}, numbered through the whole file; the
 * lines up to the next announcement belong to it. A cached step prints {@code ---> Using cache}; a finished step
 * ends with {@code ---> <image id>}; a failed one has neither. Global ARGs before the first FROM are announced too
 * but belong to no stage. Step ids follow {@link PlainProgress}: {@code <stage>:<n>} counted from the stage's FROM
 * as 1, or {@code <n>} in a single-stage Dockerfile.
 */
final class ClassicProgress {
    private static final Pattern STEP = Pattern.compile("^Step \\d+/\\d+ : (.*)$");
    private static final Pattern IMAGE = Pattern.compile("^ ---> [0-9a-f]{12}$");
    private static final String USING_CACHE = " ---> Using cache";

    private ClassicProgress() {}

    /**
     * @param log the build output
     * @param stageLabels the Dockerfile's stages in order, from {@link StageLabels}
     */
    static Map<String, EngineStep> steps(String log, List<String> stageLabels) {
        List<Block> blocks = new ArrayList<>();
        for (String line : log.split("\r?\n")) {
            Matcher step = STEP.matcher(line);
            if (step.matches()) {
                blocks.add(new Block(step.group(1)));
            } else if (!blocks.isEmpty()) {
                Block block = blocks.get(blocks.size() - 1);
                block.cached |= line.equals(USING_CACHE);
                block.finished |= IMAGE.matcher(line).matches();
            }
        }
        Map<String, EngineStep> steps = new LinkedHashMap<>();
        int stage = -1;
        int number = 0;
        for (Block block : blocks) {
            if (block.isFrom()) {
                stage++;
                number = 0;
            }
            number++;
            if (stage >= 0 && stage < stageLabels.size()) {
                String stepId =
                        stageLabels.size() == 1 ? Integer.toString(number) : stageLabels.get(stage) + ":" + number;
                steps.put(stepId, new EngineStep(stepId, block.status(), block.text));
            }
        }
        return steps;
    }

    /** One announced step and what the lines after it said. */
    private static final class Block {
        final String text;
        boolean cached;
        boolean finished;

        Block(String text) {
            this.text = text;
        }

        boolean isFrom() {
            return text.regionMatches(true, 0, "FROM ", 0, 5);
        }

        EngineStatus status() {
            return isFrom()
                    ? EngineStatus.BASE
                    : cached ? EngineStatus.CACHED : finished ? EngineStatus.BUILT : EngineStatus.ERROR;
        }
    }
}
