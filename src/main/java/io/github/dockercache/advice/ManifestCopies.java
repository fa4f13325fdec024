package io.github.dockercache.advice;

import io.github.dockercache.context.GoPath;
import io.github.dockercache.dockerfile.CopyInstruction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** COPY lines that bring manifests to where an existing COPY puts the project, for fixes. */
final class ManifestCopies {
    private ManifestCopies() {}

    /**
     * One line per destination directory: the files of the project directory together, each module's
     * files together, each manifest directory on its own line.
     *
     * @param like the COPY whose keyword and {@code --chown}, {@code --chmod}, {@code --link} the lines keep
     * @param sourcePrefix where the project directory is in the context ({@code ""} or {@code "app/"})
     * @param destination the directory the project lands in, with a trailing slash ({@code ./}, {@code /app/})
     * @param manifests the manifests relative to the project directory, directories with a trailing slash
     */
    static List<String> lines(
            CopyInstruction like, String sourcePrefix, String destination, Collection<String> manifests) {
        Map<String, List<String>> filesByDirectory = new TreeMap<>();
        List<String> directoryLines = new ArrayList<>();
        for (String manifest : manifests) {
            if (manifest.endsWith("/")) {
                directoryLines.add(copy(like, sourcePrefix + manifest, join(destination, manifest)));
            } else {
                String directory = manifest.substring(0, manifest.lastIndexOf('/') + 1);
                filesByDirectory
                        .computeIfAbsent(directory, d -> new ArrayList<>())
                        .add(sourcePrefix + manifest);
            }
        }
        List<String> lines = new ArrayList<>();
        filesByDirectory.forEach(
                (directory, files) -> lines.add(copy(like, String.join(" ", files), join(destination, directory))));
        lines.addAll(directoryLines);
        return lines;
    }

    /**
     * The directory a COPY writes into, with a trailing slash: the destination itself when it is one
     * ({@code .}, {@code dir/}, several sources), else the parent of a file destination.
     */
    static String destinationDirectory(CopyInstruction copy) {
        String destination = copy.destination();
        if (destination.equals(".")
                || destination.endsWith("/")
                || copy.sourcePaths().size() > 1) {
            return destination.equals(".") ? "./" : withSlash(destination);
        }
        String source = copy.sourcePaths().get(0);
        if (!GoPath.base(destination).equals(GoPath.base(source))) {
            return withSlash(destination);
        }
        String parent = GoPath.dir(destination);
        return parent.equals(".") ? "./" : withSlash(parent);
    }

    private static String copy(CopyInstruction like, String sources, String destination) {
        return copyLike(like, Instructions.keyword(like.source()), null, sources, destination);
    }

    /**
     * A COPY line with the {@code --chown}, {@code --chmod} and {@code --link} of {@code like}.
     *
     * @param keyword the instruction word as the line writes it
     * @param fromStage a {@code --from} stage, or null
     */
    static String copyLike(CopyInstruction like, String keyword, String fromStage, String sources, String destination) {
        StringBuilder line = new StringBuilder(keyword);
        if (fromStage != null) {
            line.append(" --from=").append(fromStage);
        }
        if (like.chown() != null) {
            line.append(" --chown=").append(like.chown());
        }
        if (like.chmod() != null) {
            line.append(" --chmod=").append(like.chmod());
        }
        if (like.link()) {
            line.append(" --link");
        }
        return line.append(' ').append(sources).append(' ').append(destination).toString();
    }

    /** A relative destination under {@code ./} is written without it, as people write it. */
    private static String join(String destination, String relative) {
        if (relative.isEmpty()) {
            return destination;
        }
        return destination.equals("./") ? relative : destination + relative;
    }

    private static String withSlash(String path) {
        return path.endsWith("/") ? path : path + "/";
    }
}
