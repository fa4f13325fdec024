package io.github.dockercache.compare;

/** What BuildKit would do with a step, compared with the baseline. */
public enum Verdict {
    CACHED,
    REBUILT,
    UNKNOWN
}
