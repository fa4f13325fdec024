package io.github.dockercache.compare;

/**
 * The verdict for one step.
 *
 * @param stepId the step as BuildKit's progress labels it: {@code N} for a single-stage build, else
 *     {@code <stage name or stage-INDEX>:N}, N counting the stage's steps from 1 (FROM of an image is 1)
 * @param line the 1-based line of the instruction
 * @param instruction the instruction keyword
 * @param verdict cached, rebuilt or unknown
 */
public record StepResult(String stepId, int line, String instruction, Verdict verdict) {}
