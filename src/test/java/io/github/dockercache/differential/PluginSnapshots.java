package io.github.dockercache.differential;

import io.github.dockercache.model.Snapshot;

/**
 * The plugin's view of the two builds of a {@link PlayedBuild}.
 *
 * @param failure what the plugin threw instead of a snapshot, else null
 */
record PluginSnapshots(Snapshot before, Snapshot after, RuntimeException failure) {}
