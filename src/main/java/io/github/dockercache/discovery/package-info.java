/**
 * Zero-config image discovery from the build files a project already has: {@code compose.yaml} services with a
 * {@code build:} section and {@code docker-bake.json} targets, read into {@link DiscoveredImage}s, and the choice
 * among several sources ({@link Discovery}). Maven-free: the maven package reads other plugins' POM configuration
 * into the same records.
 */
package io.github.dockercache.discovery;
