package io.github.dockercache.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The per-project settings of one reactor project: the goal's own parameters for the project it runs in, or,
 * when baseline or explain run once for a whole reactor (goals that need no pom run only at its top), what each
 * module's POM configures for this plugin.
 */
record ProjectScope(
        MavenProject project,
        File context,
        File dockerfile,
        File baseline,
        String baselineArtifact,
        String target,
        Map<String, String> buildArgs,
        List<Image> images) {

    static final String PLUGIN_KEY = "io.github.dockercache:dockercache-maven-plugin";

    /**
     * What the module configures for a goal run from the command line, as Maven would apply it there: the
     * plugin-level configuration, overridden by a {@code default-cli} execution's. Paths are relative to the module.
     */
    static ProjectScope ofModule(MavenProject module) {
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        Plugin plugin = module.getBuild() == null ? null : module.getBuild().getPluginsAsMap().get(PLUGIN_KEY);
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
                images.add(image);
            }
        }
        File context = file(basedir, text(configuration, "context"));
        return new ProjectScope(module, context != null ? context : basedir,
                file(basedir, text(configuration, "dockerfile")), file(basedir, text(configuration, "baseline")),
                text(configuration, "baselineArtifact"), text(configuration, "target"),
                map(configuration.getChild("buildArgs")), images);
    }

    private static Xpp3Dom overlay(Xpp3Dom base, Object dominant) {
        return dominant instanceof Xpp3Dom dom ? Xpp3Dom.mergeXpp3Dom(new Xpp3Dom(dom), base) : base;
    }

    private static String text(Xpp3Dom parent, String name) {
        Xpp3Dom child = parent.getChild(name);
        return child == null || child.getValue() == null || child.getValue().isBlank() ? null : child.getValue().trim();
    }

    private static File file(File basedir, String path) {
        if (path == null) {
            return null;
        }
        File file = new File(path);
        return file.isAbsolute() ? file : new File(basedir, path);
    }

    private static Map<String, String> map(Xpp3Dom node) {
        Map<String, String> values = new LinkedHashMap<>();
        if (node != null) {
            for (Xpp3Dom child : node.getChildren()) {
                values.put(child.getName(), child.getValue() == null ? "" : child.getValue());
            }
        }
        return values;
    }
}
