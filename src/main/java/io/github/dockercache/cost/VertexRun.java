package io.github.dockercache.cost;

import java.time.Duration;

/**
 * One vertex of a build log, whatever the log's format.
 *
 * @param label its step label, or null for a vertex that is not a Dockerfile step
 * @param ran the total of the intervals it ran (a vertex can run more than once in one build)
 * @param ending how its last run ended, or null when the log ends before it does
 */
record VertexRun(StepLabel label, Duration ran, Ending ending) {

    enum Ending {
        DONE,
        CACHED,
        /** An error or a cancellation: the time it ran is not the time the step takes. */
        FAILED
    }
}
