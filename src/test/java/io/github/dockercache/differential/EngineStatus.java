package io.github.dockercache.differential;

/** What the engine's plain progress says about one step. */
enum EngineStatus {
    /** A {@code FROM <image>} step: the base image, never a rebuild. */
    BASE,
    CACHED,
    BUILT,
    /** The step failed, was cancelled or never finished. */
    ERROR
}
