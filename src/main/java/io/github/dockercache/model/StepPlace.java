package io.github.dockercache.model;

/**
 * Where a step is in the Dockerfile and how it is written.
 *
 * @param id the step as BuildKit's progress labels it: {@code N} in a single-stage build, else
 *     {@code <stage>:N}
 * @param stage the stage label: its name in lower case, or {@code stage-<index>}
 * @param stageIndex the stage's 0-based position in the Dockerfile
 * @param number BuildKit's step counter within the stage, from 1
 * @param line the 1-based line of the instruction
 * @param instruction the keyword, upper case
 * @param text the instruction as written
 */
public record StepPlace(
        String id, String stage, int stageIndex, int number, int line, String instruction, String text) {}
