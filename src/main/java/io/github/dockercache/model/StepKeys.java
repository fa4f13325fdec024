package io.github.dockercache.model;

/**
 * A step's cache keys and the key it builds on.
 *
 * @param key the step's cache key; equal keys mean BuildKit finds the step in its cache
 * @param optimisticKey the key assuming every input that cannot be known offline (the output of a RUN
 *     in another stage, a remote file) came out unchanged
 * @param parentId the step this one builds on, or null
 * @param parentKey the key of that step (for a first step: of the stage's base), or null
 * @param unknownReason why this step's key cannot be known for sure, or why a key that differs from the baseline's
 *     may still hit in BuildKit (an input unknown offline, such as an image base's WORKDIR), or null
 */
public record StepKeys(String key, String optimisticKey, String parentId, String parentKey, String unknownReason) {}
