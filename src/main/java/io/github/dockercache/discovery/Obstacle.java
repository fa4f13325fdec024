package io.github.dockercache.discovery;

/**
 * Why images cannot be taken from a build file as it is written, and what the user can do about it; the build tool's
 * plugin words the remedy that is its own (listing the images in its configuration).
 *
 * @param problem what is wrong, naming the file, target or service
 * @param fix what to change in the build file itself, or null when nothing there would do
 * @param listable listing the images in the plugin's own configuration instead would check them
 */
public record Obstacle(String problem, String fix, boolean listable) {
    /** The same obstacle said of one image of the file ({@code target api}, {@code service web}). */
    Obstacle of(String image) {
        return new Obstacle(image + ": " + problem, fix, listable);
    }

    /** The problem and its fix in the build file, without the plugin's own remedy. */
    @Override
    public String toString() {
        return fix == null ? problem : problem + "; " + fix;
    }
}
