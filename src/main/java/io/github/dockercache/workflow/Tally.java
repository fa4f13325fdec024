package io.github.dockercache.workflow;

import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.Verdict;
import io.github.dockercache.model.Snapshot;

/**
 * How the steps of one image came out, for a reactor's roll-up: only counted when there was a baseline to compare
 * with ({@code compared}), else the counts are zero.
 */
public record Tally(int steps, boolean compared, int cached, int rebuilt, int unknown, int stableRebuilt) {
    static Tally of(Comparison comparison) {
        int stableRebuilt = (int) comparison.steps().stream()
                .filter(step -> step.stable() && step.verdict() == Verdict.REBUILT)
                .count();
        return new Tally(
                comparison.steps().size(),
                true,
                (int) comparison.count(Verdict.CACHED),
                (int) comparison.count(Verdict.REBUILT),
                (int) comparison.count(Verdict.UNKNOWN),
                stableRebuilt);
    }

    static Tally uncompared(Snapshot snapshot) {
        return new Tally(snapshot.steps().size(), false, 0, 0, 0, 0);
    }
}
