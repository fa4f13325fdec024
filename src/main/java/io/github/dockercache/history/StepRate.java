package io.github.dockercache.history;

/**
 * How often one step was rebuilt over the commits compared.
 *
 * @param stepId the step id
 * @param text the instruction as the newest commit that has the step writes it
 * @param stable true when the step is stable at that commit
 * @param rebuilt the commits that rebuilt it
 * @param unknown the commits where it cannot be known
 * @param compared the commits compared that have the step
 */
public record StepRate(String stepId, String text, boolean stable, int rebuilt, int unknown, int compared) {}
