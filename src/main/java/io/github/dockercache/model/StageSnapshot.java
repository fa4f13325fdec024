package io.github.dockercache.model;

/**
 * One stage of the build, as the stability policy needs it: where it starts and what the Dockerfile says about it.
 *
 * @param label the stage label, as in {@link StepPlace#stage()}
 * @param baseStage the label of the stage it is built FROM, or null when it starts from an image or scratch
 * @param marker {@code stable} or {@code unstable} from a {@code # dockercache:stable-stage} or
 *     {@code # dockercache:unstable-stage} comment directly above its FROM, or null
 */
public record StageSnapshot(String label, String baseStage, String marker) {}
