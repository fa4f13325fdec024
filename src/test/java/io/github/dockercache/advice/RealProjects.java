package io.github.dockercache.advice;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real-project fixtures: this package's own ({@code src/test/resources/advice/projects/}) and, when it exists, the
 * real-project corpus ({@code src/test/resources/projects/}). Each project directory holds {@code project.json} and
 * {@code context/}, the build context; {@code dockerfile} (or a list, {@code dockerfiles}) is relative to the context,
 * default {@code Dockerfile}; build args ({@code buildArgs}, or the corpus's {@code build.buildArgs}) and
 * {@code outputDirectory} (the plugin's, relative to the context) are optional.
 */
public final class RealProjects {
    static final Path OWN = Path.of("src/test/resources/advice/projects");
    static final Path CORPUS = Path.of("src/test/resources/projects");
    private static final Gson GSON = new Gson();

    private RealProjects() {}

    private record Definition(
            String dockerfile,
            List<String> dockerfiles,
            Map<String, String> buildArgs,
            BuildSpec build,
            String outputDirectory) {}

    /** The corpus's {@code "build"}: what the project builds with. */
    private record BuildSpec(Map<String, String> buildArgs) {}

    /**
     * One Dockerfile of a project, built with its context.
     *
     * @param name {@code <project>} or {@code <project>/<Dockerfile>} when the project has several
     */
    public record Build(
            String name, Path project, String dockerfile, Map<String, String> buildArgs, String outputDirectory) {
        public Path context() {
            return project.resolve("context");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Every build of every project, own fixtures first. */
    public static List<Build> all() {
        List<Build> builds = new ArrayList<>();
        for (Path root : List.of(OWN, CORPUS)) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> projects = Files.list(root)) {
                for (Path project : projects.filter(dir -> Files.isRegularFile(dir.resolve("project.json")))
                        .sorted()
                        .toList()) {
                    builds.addAll(builds(project));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return builds;
    }

    private static List<Build> builds(Path project) throws IOException {
        Definition definition = GSON.fromJson(Files.readString(project.resolve("project.json")), Definition.class);
        List<String> dockerfiles = definition.dockerfiles() != null
                ? definition.dockerfiles()
                : List.of(definition.dockerfile() != null ? definition.dockerfile() : "Dockerfile");
        Map<String, String> buildArgs = definition.buildArgs() != null
                ? definition.buildArgs()
                : definition.build() != null && definition.build().buildArgs() != null
                        ? definition.build().buildArgs()
                        : Map.of();
        String name = project.getFileName().toString();
        return dockerfiles.stream()
                .map(dockerfile -> new Build(
                        dockerfiles.size() == 1
                                ? name
                                : name + "/" + Path.of(dockerfile).getFileName(),
                        project,
                        dockerfile,
                        buildArgs,
                        definition.outputDirectory()))
                .toList();
    }
}
