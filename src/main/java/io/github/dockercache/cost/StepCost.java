package io.github.dockercache.cost;

import java.time.Duration;

/**
 * One step as a build log reports it.
 *
 * @param stepId the plugin's id: {@code N} in a single-stage build, else {@code <stage>:N}
 * @param text the instruction as BuildKit printed it, after the label ({@code RUN mvn -B dependency:go-offline})
 * @param duration the time the step's vertices ran in that build; about zero when cached
 * @param cached whether BuildKit took the step from its cache in that build, so that its duration says nothing
 *     about what rebuilding it costs
 */
public record StepCost(String stepId, String text, Duration duration, boolean cached) {}
