package io.github.dockercache.model;

/** Computes every step's cache key the way BuildKit keys it. */
public final class CacheModel {
    private CacheModel() {}

    public static Snapshot snapshot(BuildSettings settings) throws AnalysisException {
        throw new UnsupportedOperationException("model not implemented yet");
    }
}
