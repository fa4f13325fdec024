package io.github.dockercache.context;

import java.time.Duration;

/** Hears about a long walk of the build context while it runs, so that a large context does not look stuck. */
@FunctionalInterface
public interface ScanProgress {
    ScanProgress NONE = (entries, elapsed, done) -> {};

    /**
     * @param entries the entries walked so far
     * @param elapsed the time since the walk started
     * @param done true for the last report, once every entry is hashed
     */
    void report(long entries, Duration elapsed, boolean done);
}
