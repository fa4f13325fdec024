package io.github.dockercache.workflow;

import java.nio.file.Path;

/**
 * What the baseline goal needs: the image and the file it records it in.
 *
 * @param file the baseline file to write
 * @param force replace a file that cannot be read
 * @param historySize how many recorded builds the baseline keeps
 * @param fresh start the baseline afresh instead of merging the new build into its history
 */
public record BaselineRequest(ImageRequest image, Path file, boolean force, int historySize, boolean fresh) {}
