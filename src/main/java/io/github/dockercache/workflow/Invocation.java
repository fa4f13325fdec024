package io.github.dockercache.workflow;

import java.nio.file.Path;

/**
 * Where a goal runs, as far as the core needs to know.
 *
 * @param root the directory messages and reports show paths from: the root of the reactor
 * @param outputs what the build of the image's project has produced so far
 * @param hints how to word a remedy as a command that works here
 * @param statCaches the stat caches the build's other images wrote, to start from when they scanned the same context
 */
public record Invocation(Path root, BuildOutputs outputs, Hints hints, StatCacheShare statCaches) {}
