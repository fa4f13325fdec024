package io.github.dockercache.discovery;

import java.util.List;

/**
 * What one source describes: the images it builds from a Dockerfile, and those it describes but this plugin cannot
 * check, each with why ("service web: its context is a Git URL").
 *
 * @param origin the file or plugin, as {@link DiscoveredImage#origin()}
 */
public record FoundImages(String origin, List<DiscoveredImage> images, List<Obstacle> unchecked) {
    public FoundImages {
        images = List.copyOf(images);
        unchecked = List.copyOf(unchecked);
    }

    public boolean isEmpty() {
        return images.isEmpty() && unchecked.isEmpty();
    }
}
