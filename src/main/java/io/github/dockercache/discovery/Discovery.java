package io.github.dockercache.discovery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the build files of a project directory and chooses among sources. Several sources that describe images are
 * never merged: the first in the caller's order is used (the POM's own plugins before files), and the others are
 * returned to be reported.
 */
public final class Discovery {
    /** A valid image name here: it names an output directory and a baseline file. */
    private static final String VALID_NAME = "[A-Za-z0-9][A-Za-z0-9._-]*";

    private Discovery() {}

    /**
     * The choice among sources.
     *
     * @param used the source whose images are checked, or null when none describes an image to build
     * @param ignored the other sources that also describe images, which a user should hear about
     */
    public record Choice(FoundImages used, List<FoundImages> ignored) {}

    /**
     * The images of the bake and compose files in {@code directory}, bake first (it is the more specific). A
     * {@code docker-bake.hcl} alone is a failure saying how to get its JSON form.
     */
    public static List<FoundImages> buildFiles(Path directory) throws DiscoveryException {
        List<FoundImages> found = new ArrayList<>();
        Path bake = directory.resolve(BakeFile.JSON);
        if (Files.exists(bake)) {
            found.add(BakeFile.read(bake));
        } else if (Files.exists(directory.resolve(BakeFile.HCL))) {
            throw new DiscoveryException(BakeFile.hclNotRead());
        }
        for (String name : ComposeFile.NAMES) {
            Path compose = directory.resolve(name);
            if (Files.exists(compose)) {
                found.add(ComposeFile.read(compose));
                break; // compose itself reads only the first
            }
        }
        return found;
    }

    /** The first source, in order, that describes an image, and every later one that does too. */
    public static Choice choose(List<FoundImages> sources) throws DiscoveryException {
        FoundImages used = null;
        List<FoundImages> ignored = new ArrayList<>();
        for (FoundImages source : sources) {
            if (source.isEmpty()) {
                continue;
            }
            if (used == null) {
                used = source;
            } else {
                ignored.add(source);
            }
        }
        if (used != null) {
            Set<String> names = new HashSet<>();
            for (DiscoveredImage image : used.images()) {
                if (!image.name().matches(VALID_NAME)) {
                    throw new DiscoveryException(new Obstacle(
                            used.origin() + ": the image name '" + image.name() + "' is not letters, digits, '.', '_'"
                                    + " and '-'",
                            null,
                            true));
                }
                if (!names.add(image.name().toLowerCase(Locale.ROOT))) {
                    throw new DiscoveryException(new Obstacle(
                            used.origin() + ": two images are named '" + image.name() + "'",
                            "give them distinct names there",
                            true));
                }
            }
        }
        return new Choice(used, ignored);
    }
}
