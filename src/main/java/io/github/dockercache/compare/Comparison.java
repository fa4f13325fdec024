package io.github.dockercache.compare;

import io.github.dockercache.model.Snapshot;
import java.util.List;

/** The verdict of every step of a snapshot against a baseline. */
public final class Comparison {
    public static Comparison compare(Snapshot current, Snapshot baseline) {
        throw new UnsupportedOperationException("comparison not implemented yet");
    }

    /** One result per step, in build order. */
    public List<StepResult> steps() {
        throw new UnsupportedOperationException();
    }
}
