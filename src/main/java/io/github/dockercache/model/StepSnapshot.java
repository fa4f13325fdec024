package io.github.dockercache.model;

import java.util.List;

/**
 * One build step (a BuildKit vertex: FROM of an image, RUN, COPY, ADD, WORKDIR) with its key and the
 * inputs the key was computed from.
 *
 * @param place where the step is in the Dockerfile and how it is written
 * @param keys its cache keys and the key it builds on
 * @param reads what its key was computed from
 * @param marker {@code stable} or {@code unstable} from a {@code # dockercache:} comment, or null
 */
public record StepSnapshot(StepPlace place, StepKeys keys, StepReadSet reads, String marker) {
    /** The same step reading other paths (null: none recorded). */
    public StepSnapshot withFiles(List<String> paths) {
        return new StepSnapshot(place, keys, reads.withFiles(paths), marker);
    }
}
