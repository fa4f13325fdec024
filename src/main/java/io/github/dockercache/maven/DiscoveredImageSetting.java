package io.github.dockercache.maven;

import io.github.dockercache.discovery.DiscoveredImage;

/**
 * An image found by discovery rather than configured: its settings as {@link Image}'s, and where they came from.
 * Not a parameter type: Maven only ever builds {@link Image} from {@code <images>}.
 */
final class DiscoveredImageSetting extends Image {
    final DiscoveredImage found;

    /** @param name null when the project has this one image, as for an unnamed configured image */
    DiscoveredImageSetting(DiscoveredImage found, String name) {
        this.found = found;
        this.name = name;
        this.dockerfile = found.dockerfile().toFile();
        this.context = found.context().toFile();
        this.target = found.target();
        this.buildArgs = found.buildArgs();
    }
}
