package io.github.dockercache.maven;

import io.github.dockercache.discovery.DiscoveredImage;
import io.github.dockercache.discovery.Discovery;
import io.github.dockercache.discovery.DiscoveryException;
import io.github.dockercache.discovery.FoundImages;
import io.github.dockercache.discovery.Obstacle;
import io.github.dockercache.model.Builder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Finds a project's images where its build already describes them, for a project whose configuration of this plugin
 * does not: the POM's fabric8 docker-maven-plugin {@code <images>} and Spotify dockerfile-maven-plugin, then the
 * {@code docker-bake.json} and compose file beside the POM. Also tells a project that builds its image without a
 * Dockerfile (Jib, Cloud Native Buildpacks).
 */
final class ImageDiscovery {
    static final String FABRIC8 = "io.fabric8:docker-maven-plugin";
    static final String SPOTIFY = "com.spotify:dockerfile-maven-plugin";
    private static final String FABRIC8_NAME = "docker-maven-plugin";
    private static final String SPOTIFY_NAME = "dockerfile-maven-plugin";
    private static final String BUILD_ARG_PROPERTY = "docker.buildArg.";
    /** fabric8's Dockerfile filter, default on: {@code ${name}} is replaced by a Maven property of that name. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}\\s]+)}");
    /** The files by which fabric8 selects the context's files itself. */
    private static final List<String> FABRIC8_SELECTION =
            List.of(".maven-dockerignore", ".maven-dockerexclude", ".maven-dockerinclude");

    private ImageDiscovery() {}

    /**
     * An obstacle in this plugin's words: where listing the images under {@code <images>} would check them, that is
     * said as the way out.
     *
     * @param images what to list: {@code the image} an entry is about, or {@code the images} of a file
     */
    static String worded(Obstacle obstacle, String images) {
        if (!obstacle.listable()) {
            return obstacle.toString();
        }
        return obstacle.fix() == null
                ? obstacle.problem() + "; list " + images + " under <images> instead"
                : obstacle + ", or list " + images + " under <images>";
    }

    /**
     * The images to check, with the sources also found reported in {@code choice.ignored()}; none for a project
     * with modules.
     *
     * @throws DiscoveryException for a build file or configuration that its own tool would refuse too
     */
    static Discovery.Choice discover(MavenProject project, MavenSession session) throws DiscoveryException {
        if (!project.getModules().isEmpty()) {
            // an aggregator's compose file or inherited plugin describes its modules' images, which each module
            // checks itself once it is built; the aggregator runs before them
            return new Discovery.Choice(null, List.of());
        }
        List<FoundImages> sources = new ArrayList<>();
        Plugin fabric8 = plugin(project, FABRIC8);
        if (fabric8 != null) {
            sources.add(fabric8(project, session, fabric8));
        }
        Plugin spotify = plugin(project, SPOTIFY);
        if (spotify != null) {
            sources.add(spotify(project, spotify));
        }
        sources.addAll(Discovery.buildFiles(project.getBasedir().toPath()));
        return Discovery.choose(sources);
    }

    /**
     * The tool that builds the project's image without a Dockerfile ({@code jib-maven-plugin},
     * {@code spring-boot:build-image}), or null.
     */
    static String dockerfileLessBuilder(MavenProject project) {
        if (plugin(project, "com.google.cloud.tools:jib-maven-plugin") != null) {
            return "jib-maven-plugin";
        }
        Plugin boot = plugin(project, "org.springframework.boot:spring-boot-maven-plugin");
        if (boot != null
                && boot.getExecutions().stream()
                        .anyMatch(e -> e.getGoals().contains("build-image")
                                || e.getGoals().contains("build-image-no-fork"))) {
            return "spring-boot:build-image";
        }
        return null;
    }

    /**
     * fabric8's {@code <images>}: for each with a Dockerfile ({@code dockerFile}, {@code contextDir} or
     * {@code dockerFileDir} in its {@code <build>}), the files as fabric8 resolves them (relative to
     * {@code docker.source.dir}, default {@code src/main/docker}; {@code dockerFile} relative to {@code contextDir}
     * when that is set; the context is the Dockerfile's directory when it is not), build args from the
     * {@code docker.buildArg.*} properties and {@code <args>}, the target from {@code docker.buildTarget} or
     * {@code <target>}. Without {@code <buildx>} platforms or a secret fabric8 builds through the Engine API, whose
     * builder is the classic one.
     */
    private static FoundImages fabric8(MavenProject project, MavenSession session, Plugin plugin)
            throws DiscoveryException {
        Xpp3Dom configuration = configurationWith(plugin, "images");
        Properties properties = properties(project, session);
        Path basedir = project.getBasedir().toPath();
        String sourceSetting = firstNonNull(
                ProjectScope.text(configuration, "sourceDirectory"),
                properties.getProperty("docker.source.dir"),
                "src/main/docker");
        Path sourceDir = basedir.resolve(sourceSetting);
        String globalFilter = firstNonNull(
                ProjectScope.text(configuration, "filter"), properties.getProperty("docker.filter"), "${*}");
        Map<String, String> propertyArgs = new LinkedHashMap<>();
        properties.stringPropertyNames().stream()
                .sorted()
                .filter(key -> key.startsWith(BUILD_ARG_PROPERTY))
                .filter(key -> !properties.getProperty(key).isEmpty())
                .forEach(key ->
                        propertyArgs.put(key.substring(BUILD_ARG_PROPERTY.length()), properties.getProperty(key)));
        List<DiscoveredImage> images = new ArrayList<>();
        List<Obstacle> unchecked = new ArrayList<>();
        Xpp3Dom imagesNode = configuration.getChild("images");
        for (Xpp3Dom image : imagesNode == null ? new Xpp3Dom[0] : imagesNode.getChildren()) {
            Xpp3Dom build = image.getChild("build");
            if (build == null) {
                continue; // an image it only runs
            }
            String name = fabric8Name(image, project);
            String dockerFile = ProjectScope.text(build, "dockerFile");
            String contextDir = ProjectScope.text(build, "contextDir");
            String dockerFileDir = ProjectScope.text(build, "dockerFileDir");
            if ("true".equals(ProjectScope.text(build, "skip"))) {
                unchecked.add(new Obstacle("image " + name + ": its <build> has <skip>true</skip>", null, false));
                continue;
            }
            if (dockerFile == null && contextDir == null && dockerFileDir == null) {
                unchecked.add(new Obstacle(
                        "image " + name + ": fabric8 generates its Dockerfile from the <build> configuration",
                        null,
                        false));
                continue;
            }
            String dockerfileSetting = dockerFile == null
                    ? (contextDir != null ? contextDir : dockerFileDir) + "/Dockerfile"
                    : contextDir != null && !Path.of(dockerFile).isAbsolute()
                            ? contextDir + "/" + dockerFile
                            : dockerFileDir != null && contextDir == null
                                    ? dockerFileDir + "/" + dockerFile
                                    : dockerFile;
            Path dockerfile = sourceDir.resolve(dockerfileSetting).normalize();
            Path context = contextDir != null ? sourceDir.resolve(contextDir).normalize() : dockerfile.getParent();
            Map<String, String> imageArgs = ProjectScope.map(build.getChild("args"));
            for (String arg : imageArgs.keySet()) {
                if (propertyArgs.containsKey(arg)) {
                    throw new DiscoveryException(FABRIC8_NAME + ": image " + name + " sets the build arg " + arg
                            + " both in <args> and by the property " + BUILD_ARG_PROPERTY + arg
                            + "; fabric8 refuses that too. Keep one.");
                }
            }
            Map<String, String> args = new LinkedHashMap<>(propertyArgs);
            args.putAll(imageArgs);
            String problem = fabric8Difference(build, context, dockerfile, properties, globalFilter);
            if (problem != null) {
                unchecked.add(new Obstacle("image " + name + ": " + problem, null, false));
                continue;
            }
            images.add(new DiscoveredImage(
                    name,
                    dockerfile,
                    context,
                    firstNonNull(
                            properties.getProperty("docker.buildTarget"), ProjectScope.text(build, "target"), null),
                    args,
                    usesBuildx(build) ? null : Builder.CLASSIC,
                    FABRIC8_NAME));
        }
        return new FoundImages(FABRIC8_NAME, images, unchecked);
    }

    /**
     * Why the context or Dockerfile fabric8 sends differs from what {@code docker build} would send of the same
     * directory, or null: it adds an assembly, selects files by its own {@code .maven-docker*} files, replaces Maven
     * properties in the Dockerfile, and, through the Engine API, does not apply {@code .dockerignore}.
     */
    private static String fabric8Difference(
            Xpp3Dom build, Path context, Path dockerfile, Properties properties, String globalFilter) {
        if (build.getChild("assembly") != null || build.getChild("assemblies") != null) {
            return "fabric8 adds its <assembly> to the build context, which this plugin does not model";
        }
        for (String selection : FABRIC8_SELECTION) {
            if (Files.exists(context.resolve(selection))) {
                return "fabric8 selects the context's files by " + selection + ", which this plugin does not read";
            }
        }
        if (!usesBuildx(build) && Files.exists(context.resolve(".dockerignore"))) {
            return "fabric8 sends the context through the Engine API without applying .dockerignore; build it with"
                    + " <buildx>, or list the image under <images> to check it as docker build sends it";
        }
        String filter = firstNonNull(ProjectScope.text(build, "filter"), globalFilter, null);
        if (!"false".equals(filter) && Files.isRegularFile(dockerfile)) {
            String replaced = replacedPlaceholder(dockerfile, properties);
            if (replaced != null) {
                return "fabric8 replaces ${" + replaced + "} in its Dockerfile with the Maven property before building;"
                        + " set <filter>false</filter> in its <build> to build the Dockerfile as written";
            }
        }
        return null;
    }

    /**
     * Whether fabric8 builds with {@code docker buildx}: when {@code <buildx>} has a platform that is not blank (an
     * empty {@code ${docker.platforms}} gives none) or a secret.
     */
    private static boolean usesBuildx(Xpp3Dom build) {
        Xpp3Dom buildx = build.getChild("buildx");
        if (buildx == null) {
            return false;
        }
        Xpp3Dom platforms = buildx.getChild("platforms");
        boolean platform = platforms != null
                && (ProjectScope.text(buildx, "platforms") != null
                        || Arrays.stream(platforms.getChildren())
                                .anyMatch(p ->
                                        p.getValue() != null && !p.getValue().isBlank()));
        return platform || buildx.getChild("secret") != null;
    }

    /** The first {@code ${name}} of the Dockerfile that a Maven property replaces, or null. */
    private static String replacedPlaceholder(Path dockerfile, Properties properties) {
        String text;
        try {
            text = Files.readString(dockerfile, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null; // the check reads it again and reports what is wrong with it
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (properties.containsKey(name) || name.startsWith("project.")) {
                return name;
            }
        }
        return null;
    }

    /** fabric8's {@code <alias>}, else its image name's last path segment without the tag, {@code %a} expanded. */
    private static String fabric8Name(Xpp3Dom image, MavenProject project) {
        String alias = ProjectScope.text(image, "alias");
        if (alias != null) {
            return alias;
        }
        String name = ProjectScope.text(image, "name");
        if (name == null) {
            return project.getArtifactId();
        }
        return repositoryName(name.replace("%a", project.getArtifactId()), project);
    }

    /**
     * Spotify's build: {@code contextDirectory} (default the project's directory) and {@code dockerfile} (default
     * {@code Dockerfile} there), paths relative to the project as Maven resolves file parameters, {@code buildArgs};
     * one image per execution of its {@code build} goal with its own settings. It builds through the Engine API,
     * whose builder is the classic one.
     */
    private static FoundImages spotify(MavenProject project, Plugin plugin) {
        Xpp3Dom base = plugin.getConfiguration() instanceof Xpp3Dom dom ? dom : new Xpp3Dom("configuration");
        List<Xpp3Dom> configurations = new ArrayList<>();
        for (PluginExecution execution : plugin.getExecutions()) {
            if (execution.getGoals().contains("build")) {
                configurations.add(ProjectScope.overlay(base, execution.getConfiguration()));
            }
        }
        if (configurations.isEmpty()) {
            configurations.add(base); // run as `mvn dockerfile:build`
        }
        Path basedir = project.getBasedir().toPath();
        Set<DiscoveredImage> images = new LinkedHashSet<>();
        for (Xpp3Dom configuration : configurations) {
            Path context = basedir.resolve(
                            firstNonNull(ProjectScope.text(configuration, "contextDirectory"), ".", null))
                    .normalize();
            String dockerfile = ProjectScope.text(configuration, "dockerfile");
            String repository = ProjectScope.text(configuration, "repository");
            images.add(new DiscoveredImage(
                    repository == null ? project.getArtifactId() : repositoryName(repository, project),
                    dockerfile == null
                            ? context.resolve("Dockerfile")
                            : basedir.resolve(dockerfile).normalize(),
                    context,
                    null,
                    ProjectScope.map(configuration.getChild("buildArgs")),
                    Builder.CLASSIC,
                    SPOTIFY_NAME));
        }
        return new FoundImages(SPOTIFY_NAME, new ArrayList<>(images), List.of());
    }

    /** {@code registry/team/api:1.0} gives {@code api}; characters a name cannot hold become {@code -}. */
    private static String repositoryName(String reference, MavenProject project) {
        String path = reference.contains("@") ? reference.substring(0, reference.indexOf('@')) : reference;
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.contains(":")) {
            last = last.substring(0, last.indexOf(':'));
        }
        String clean = last.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[._-]+", "");
        return clean.isEmpty() ? project.getArtifactId() : clean;
    }

    /** The plugin-level configuration, else the first execution's that has {@code child}. */
    private static Xpp3Dom configurationWith(Plugin plugin, String child) {
        if (plugin.getConfiguration() instanceof Xpp3Dom dom && dom.getChild(child) != null) {
            return dom;
        }
        for (PluginExecution execution : plugin.getExecutions()) {
            if (execution.getConfiguration() instanceof Xpp3Dom dom && dom.getChild(child) != null) {
                return ProjectScope.overlay(
                        plugin.getConfiguration() instanceof Xpp3Dom base ? base : new Xpp3Dom("configuration"), dom);
            }
        }
        return plugin.getConfiguration() instanceof Xpp3Dom dom ? dom : new Xpp3Dom("configuration");
    }

    /** The project's properties, the command line's over them, as fabric8 reads {@code docker.*} settings. */
    private static Properties properties(MavenProject project, MavenSession session) {
        Properties properties = new Properties();
        properties.putAll(project.getProperties());
        if (session != null) {
            properties.putAll(session.getUserProperties());
        }
        return properties;
    }

    private static Plugin plugin(MavenProject project, String key) {
        return project.getBuild() == null
                ? null
                : project.getBuild().getPluginsAsMap().get(key);
    }

    private static String firstNonNull(String first, String second, String third) {
        return first != null ? first : second != null ? second : third;
    }
}
