package io.github.dockercache.differential;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * The outcome of one {@code docker build} on the engine.
 *
 * @param exitCode the client's exit status
 * @param steps the steps in build order (stage order of the Dockerfile, then step number)
 * @param log the plain progress output
 * @param elapsed how long the client ran
 */
record EngineBuild(int exitCode, Map<String, EngineStep> steps, String log, Duration elapsed) {

    boolean succeeded() {
        return exitCode == 0;
    }

    Map<String, EngineStatus> statuses() {
        return EngineStep.statuses(steps);
    }

    /** The end of the log, where the client explains a failure. */
    String logTail() {
        String[] lines = log.split("\n");
        int from = Math.max(0, lines.length - 25);
        return String.join("\n", Arrays.copyOfRange(lines, from, lines.length));
    }
}
