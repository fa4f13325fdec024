package io.github.dockercache.history;

import io.github.dockercache.compare.Cause;
import io.github.dockercache.compare.Verdict;

/**
 * What one commit did to one step, against every commit before it in the range (BuildKit keeps every earlier result:
 * a commit that brings back earlier inputs, such as a revert, is a hit).
 *
 * @param stepId the step id
 * @param text the instruction as written
 * @param verdict cached, rebuilt or unknown
 * @param stable true when the step must stay cached (the policy)
 * @param rootStepId for a rebuilt step, the first step of its chain that missed (itself when the cause is its own)
 * @param cause for a rebuilt step, the first cause of that root's miss, as explain words it; null when there is none
 * @param unknownReason for an unknown step, why
 */
public record StepOutcome(
        String stepId,
        String text,
        Verdict verdict,
        boolean stable,
        String rootStepId,
        Cause cause,
        String unknownReason) {}
