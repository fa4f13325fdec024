package io.github.dockercache.history;

import io.github.dockercache.compare.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * One image at one commit.
 *
 * @param commit the commit
 * @param problem why the image could not be analysed or compared at this commit (no Dockerfile, a Dockerfile the
 *     build refuses, nothing earlier to compare with), else null
 * @param steps every step's outcome, in build order; empty when there is a problem
 */
public record CommitResult(Commit commit, String problem, List<StepOutcome> steps) {

    /** The first stable step the commit rebuilt, if any: the layer the commit busted. */
    public Optional<StepOutcome> firstStableRebuilt() {
        return steps.stream()
                .filter(s -> s.stable() && s.verdict() == Verdict.REBUILT)
                .findFirst();
    }
}
