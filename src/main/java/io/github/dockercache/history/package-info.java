/**
 * The history of a project's images: every commit of a range replayed from git objects (never the working tree or the
 * index), each image's step keys computed at each commit and compared with the commits before it.
 *
 * <p>{@link io.github.dockercache.history.GitTrees} reads a repository's trees and blobs once per object id, {@link
 * io.github.dockercache.history.GitContext} presents one commit's context directory to {@code context} as a {@link
 * io.github.dockercache.context.ContextSource}, and {@link io.github.dockercache.history.Replay} walks the commits.
 */
package io.github.dockercache.history;
