package io.github.dockercache.model;

import java.util.List;
import java.util.SortedMap;

/**
 * What the project's dependencies were when a snapshot was taken, so that a later comparison can tell a dependency
 * update (expected to change the dependency layers) from a layer that changed on its own.
 *
 * @param maven the project's resolved runtime dependencies as {@code groupId:artifactId:extension[:classifier]:baseVersion},
 *     sorted; null when no build tool listed them (no pom, or they could not be collected). The base version keeps a
 *     SNAPSHOT dependency the same while its timestamped builds come and go
 * @param modules those of {@code maven} that are modules of the build itself (a sibling in the Maven reactor), whose
 *     jars change with the build's own sources; recorded so that a later comparison knows them even where its own
 *     reactor does not hold them. Empty when none is, or when the snapshot was recorded before this was
 * @param manifests the {@code sha256:} digest of each dependency manifest at the top of the build context (pom.xml,
 *     build.gradle, package-lock.json, ...), by file name: what tells a dependency change where no list is known
 */
public record Dependencies(List<String> maven, List<String> modules, SortedMap<String, String> manifests) {}
