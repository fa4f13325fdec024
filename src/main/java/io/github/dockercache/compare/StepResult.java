package io.github.dockercache.compare;

import io.github.dockercache.model.HistoryEntry;
import java.util.List;

/**
 * The verdict for one step.
 *
 * @param stepId the step as BuildKit's progress labels it: {@code N} for a single-stage build, else
 *     {@code <stage name or stage-INDEX>:N}, N counting the stage's steps from 1 (FROM of an image is 1)
 * @param line the 1-based line of the instruction
 * @param instruction the instruction keyword
 * @param verdict cached, rebuilt or unknown
 * @param stage the stage label
 * @param text the instruction as written
 * @param stable true when the step must stay cached (policy)
 * @param causes why the step misses: for a step that follows a miss of its chain, the upstream step it builds on
 *     first, then its own changed inputs; else its own changed inputs
 * @param rootStepId the first missed step this miss goes back to (itself when the causes are its own)
 * @param expected true when every root cause is an expected one
 * @param unknownReason for an unknown verdict, why it cannot be known
 * @param baselineKey the key of the baseline step this one was compared with, or null
 * @param key the current key, or null when it cannot be known
 * @param matchedBuild for a cached step, which recorded build of the baseline has its key, or null
 */
public record StepResult(
        String stepId,
        int line,
        String instruction,
        Verdict verdict,
        String stage,
        String text,
        boolean stable,
        List<Cause> causes,
        String rootStepId,
        boolean expected,
        String unknownReason,
        String baselineKey,
        String key,
        HistoryEntry matchedBuild) {

    /** True when this step is the first of its chain to miss. */
    public boolean isFirstMiss() {
        return verdict != Verdict.CACHED && stepId.equals(rootStepId);
    }

    /** The causes of the step's own, without the miss of the chain it follows. */
    public List<Cause> ownCauses() {
        return isFirstMiss() || causes.isEmpty() ? causes : causes.subList(1, causes.size());
    }
}
