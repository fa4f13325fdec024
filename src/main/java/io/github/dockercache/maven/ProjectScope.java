package io.github.dockercache.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.BuildBase;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The per-project settings of one reactor project: the goal's own parameters for the project it runs in, or,
 * when baseline or explain run once for a whole reactor (goals that need no pom run only at its top), what each
 * module's POM configures for this plugin.
 *
 * @param buildLog the log of the real build of the project's image ({@code verify}), or null
 * @param explicit whether the image's files were asked for here, so that a missing one is an error rather than a
 *     project without an image (see {@link #isExplicit})
 */
record ProjectScope(
        MavenProject project,
        File context,
        File dockerfile,
        File baseline,
        String baselineArtifact,
        String target,
        Map<String, String> buildArgs,
        List<Image> images,
        File buildLog,
        boolean explicit) {

    static final String PLUGIN_KEY = "io.github.dockercache:dockercache-maven-plugin";
    static final String BUILD_LOG_PROPERTY = "dockercache.buildLog";
    /** The settings that name the image's files on the command line. */
    private static final List<String> LOCATING_PROPERTIES = List.of("dockercache.context", "dockercache.dockerfile");

    /**
     * Whether a missing Dockerfile or context of this project is a mistake to fail on, not a project without an image.
     * It is when there is no pom (the goal was run on a directory), when the project's own POM declares the plugin
     * (not only a parent), or when the command line names the files for a build of one project. A project with pom
     * packaging never is: an aggregator or parent configures the plugin for its modules, and inherits their settings.
     */
    static boolean isExplicit(MavenProject project, MavenSession session) {
        if (project.getFile() == null) {
            return true;
        }
        if ("pom".equals(project.getPackaging())) {
            return false;
        }
        boolean onCommandLine = session != null
                && session.getProjects().size() <= 1
                && LOCATING_PROPERTIES.stream().anyMatch(session.getUserProperties()::containsKey);
        return onCommandLine || declaresPlugin(project.getOriginalModel());
    }

    /**
     * Whether this plugin's configuration says where the image is (a Dockerfile, a context other than the project's
     * directory, a target, build args or {@code <images>}): then it alone counts and nothing is discovered.
     */
    boolean configuresImage() {
        return !images.isEmpty()
                || dockerfile != null
                || target != null
                || !buildArgs.isEmpty()
                || !context.toPath()
                        .toAbsolutePath()
                        .normalize()
                        .equals(project.getBasedir().toPath().toAbsolutePath().normalize());
    }

    /** Whether the project's POM or the command line sets this plugin's parameter {@code name} itself. */
    static boolean setsParameter(MavenProject project, MavenSession session, String name, String property) {
        if (session != null && session.getUserProperties().containsKey(property)) {
            return true;
        }
        Plugin plugin = project.getBuild() == null
                ? null
                : project.getBuild().getPluginsAsMap().get(PLUGIN_KEY);
        if (plugin == null) {
            return false;
        }
        List<Object> configurations = new ArrayList<>();
        configurations.add(plugin.getConfiguration());
        plugin.getExecutions().forEach(execution -> configurations.add(execution.getConfiguration()));
        return configurations.stream().anyMatch(c -> c instanceof Xpp3Dom dom && dom.getChild(name) != null);
    }

    /** The module's name in messages: its artifactId. */
    String label() {
        return project.getArtifactId();
    }

    private static boolean declaresPlugin(Model own) {
        List<BuildBase> builds = new ArrayList<>();
        builds.add(own.getBuild());
        own.getProfiles().forEach(profile -> builds.add(profile.getBuild()));
        return builds.stream()
                .filter(build -> build != null)
                .flatMap(build -> build.getPlugins().stream())
                .anyMatch(plugin -> PLUGIN_KEY.equals(plugin.getKey()));
    }

    /**
     * What the module configures for a goal run from the command line, as Maven would apply it there: the
     * plugin-level configuration, overridden by a {@code default-cli} execution's. Paths are relative to the module.
     */
    static ProjectScope ofModule(MavenProject module, MavenSession session) {
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        Plugin plugin = module.getBuild() == null
                ? null
                : module.getBuild().getPluginsAsMap().get(PLUGIN_KEY);
        if (plugin != null) {
            configuration = overlay(configuration, plugin.getConfiguration());
            PluginExecution cli = plugin.getExecutionsAsMap().get("default-cli");
            configuration = overlay(configuration, cli == null ? null : cli.getConfiguration());
        }
        File basedir = module.getBasedir();
        List<Image> images = new ArrayList<>();
        Xpp3Dom imagesNode = configuration.getChild("images");
        if (imagesNode != null) {
            for (Xpp3Dom node : imagesNode.getChildren()) {
                Image image = new Image();
                image.name = text(node, "name");
                image.dockerfile = file(basedir, text(node, "dockerfile"));
                image.context = file(basedir, text(node, "context"));
                image.target = text(node, "target");
                image.buildArgs = map(node.getChild("buildArgs"));
                image.baseline = file(basedir, text(node, "baseline"));
                image.baselineArtifact = text(node, "baselineArtifact");
                image.buildLog = file(basedir, text(node, "buildLog"));
                images.add(image);
            }
        }
        File context = file(basedir, text(configuration, "context"));
        // a log named on the command line is each module's own: a relative path is read in each module
        String buildLog = Optional.ofNullable(text(configuration, "buildLog"))
                .orElse(session == null ? null : session.getUserProperties().getProperty(BUILD_LOG_PROPERTY));
        return new ProjectScope(
                module,
                context != null ? context : basedir,
                file(basedir, text(configuration, "dockerfile")),
                file(basedir, text(configuration, "baseline")),
                text(configuration, "baselineArtifact"),
                text(configuration, "target"),
                map(configuration.getChild("buildArgs")),
                images,
                file(basedir, blankToNull(buildLog)),
                isExplicit(module, session));
    }

    static Xpp3Dom overlay(Xpp3Dom base, Object dominant) {
        return dominant instanceof Xpp3Dom dom ? Xpp3Dom.mergeXpp3Dom(new Xpp3Dom(dom), base) : base;
    }

    static String text(Xpp3Dom parent, String name) {
        Xpp3Dom child = parent.getChild(name);
        return child == null || child.getValue() == null || child.getValue().isBlank()
                ? null
                : child.getValue().trim();
    }

    private static File file(File basedir, String path) {
        if (path == null) {
            return null;
        }
        File file = new File(path);
        return file.isAbsolute() ? file : new File(basedir, path);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static Map<String, String> map(Xpp3Dom node) {
        Map<String, String> values = new LinkedHashMap<>();
        if (node != null) {
            for (Xpp3Dom child : node.getChildren()) {
                values.put(child.getName(), child.getValue() == null ? "" : child.getValue());
            }
        }
        return values;
    }
}
