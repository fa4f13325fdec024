package io.github.dockercache.maven;

import io.github.dockercache.files.ShellWord;
import io.github.dockercache.model.Secrets;
import io.github.dockercache.workflow.Hints;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;

/**
 * Remedies as Maven commands that work where they are printed. {@code mvn dockercache:baseline} resolves only where
 * Maven can find the prefix: in the POM of the directory it runs in (the plugin declared in its build plugins or
 * plugin management) or through a {@code <pluginGroup>} of settings.xml; elsewhere (no pom, a POM without the plugin)
 * the goal is printed with the plugin's full coordinates. A goal's command selects the module it is about and repeats
 * the command-line settings that located the image and its baseline and that change its steps' keys, so that it
 * reaches the same files and computes the same keys; settings of the POM need no repeating, the command reads it too.
 */
final class MavenHints implements Hints {
    /**
     * The parameters whose command-line values find an image and its baseline or change its steps' keys (the secret
     * ones among them: whether a value is masked, and the key of its MAC); a goal's hint repeats them.
     */
    private static final List<String> REPEATED = List.of(
            "context",
            "dockerfile",
            "baseline",
            "outputDirectory",
            "buildArgList",
            "secretArgs",
            "secretKeyServer",
            "target",
            "platform",
            "network",
            "builder",
            "buildkitVersion");

    private final MavenSession session;
    private final MavenProject project;
    private final PluginDescriptor plugin;
    private final Secrets secrets;

    /** The projects, this one included, that run the goal on an image of this image's Dockerfile, in reactor order. */
    private final List<MavenProject> sharing;
    /** Whether {@link #sharing} are all the projects of the reactor that have an image to check. */
    private final boolean sharedByAll;

    MavenHints(MavenSession session, MavenProject project, PluginDescriptor plugin, Secrets secrets) {
        this(session, project, plugin, secrets, List.of(), false);
    }

    MavenHints(
            MavenSession session,
            MavenProject project,
            PluginDescriptor plugin,
            Secrets secrets,
            List<MavenProject> sharing,
            boolean sharedByAll) {
        this.session = session;
        this.project = project;
        this.plugin = plugin;
        this.secrets = secrets;
        this.sharing = sharing;
        this.sharedByAll = sharedByAll;
    }

    @Override
    public String goal(String goal) {
        return command(goal, isModule() ? " -pl :" + project.getArtifactId() : "");
    }

    @Override
    public String sharedGoal(String goal) {
        return sharing.size() < 2 ? goal(goal) : goalFor(goal, sharedByAll ? List.of() : sharing);
    }

    /** The command that runs a goal in these projects of the reactor; in all of them, when there are none. */
    String goalFor(String goal, List<MavenProject> projects) {
        return command(
                goal,
                projects.isEmpty()
                        ? ""
                        : projects.stream()
                                .map(selected -> ":" + selected.getArtifactId())
                                .distinct()
                                .collect(Collectors.joining(",", " -pl ", "")));
    }

    private String command(String goal, String selection) {
        boolean prefixResolves = hasPom(root()) && declaresPlugin(root())
                || session.getSettings() != null
                        && session.getSettings().getPluginGroups().contains(plugin.getGroupId());
        String command = "mvn "
                + (prefixResolves
                        ? plugin.getGoalPrefix()
                        : plugin.getGroupId() + ":" + plugin.getArtifactId() + ":" + plugin.getVersion())
                + ":" + goal
                + selection;
        String repeated = REPEATED.stream()
                .filter(name ->
                        property(name) != null && session.getUserProperties().getProperty(property(name)) != null)
                .map(name -> {
                    String value = session.getUserProperties().getProperty(property(name));
                    return "-D" + property(name) + "="
                            + ShellWord.of(name.equals("buildArgList") ? withoutSecrets(value) : value);
                })
                .collect(Collectors.joining(" "));
        return repeated.isEmpty() ? command : command + " " + repeated;
    }

    /**
     * Build args as given ({@code K=V,NAME}), a secret value replaced by {@link Secrets#WITHHELD} for the user to put
     * back: hints are logged and written into reports. A name alone takes its value from the environment: no value.
     */
    private String withoutSecrets(String buildArgs) {
        return Arrays.stream(buildArgs.split(",", -1))
                .map(pair -> {
                    int eq = pair.indexOf('=');
                    String name = eq < 0 ? null : pair.substring(0, eq).trim();
                    // a value without a name is refused, but it may be a secret all the same
                    return name != null && (name.isEmpty() || secrets.isSecretArg(name, pair.substring(eq + 1)))
                            ? pair.substring(0, eq + 1) + Secrets.WITHHELD
                            : pair;
                })
                .collect(Collectors.joining(","));
    }

    @Override
    public String setting(String parameter, String value) {
        String property = property(parameter);
        return property != null
                ? "-D" + property + "=" + ShellWord.of(value)
                : parameter(parameter) + value + "</" + parameter + ">";
    }

    @Override
    public String parameter(String name) {
        return "<" + name + ">";
    }

    @Override
    public String jvmOption(String option) {
        return "MAVEN_OPTS=" + option;
    }

    @Override
    public String buildProject() {
        return "mvn package" + (isModule() ? " -pl :" + project.getArtifactId() + " -am" : "");
    }

    @Override
    public String runCheckLast() {
        return "Add <extensions>true</extensions> to the " + plugin.getArtifactId()
                + " entry in the POM: check then runs"
                + " after every other execution of its phase (docs/reactors.md); or bind it to a later phase, such as"
                + " <phase>verify</phase> in its <execution>.";
    }

    /** A module of the reactor Maven runs in, which a command run there selects with {@code -pl}. */
    private boolean isModule() {
        return hasPom(project) && !project.isExecutionRoot();
    }

    /** The project Maven resolves a goal prefix in: the one of the directory it runs in. */
    private MavenProject root() {
        return session.getTopLevelProject() != null ? session.getTopLevelProject() : project;
    }

    private boolean declaresPlugin(MavenProject where) {
        String key = plugin.getPluginLookupKey();
        return where.getBuildPlugins().stream().map(Plugin::getKey).anyMatch(key::equals)
                || where.getPluginManagement() != null
                        && where.getPluginManagement().getPlugins().stream()
                                .map(Plugin::getKey)
                                .anyMatch(key::equals);
    }

    /** The user property of a parameter of any goal ({@code dockercache.force}), or null when it has none. */
    private String property(String parameter) {
        for (MojoDescriptor mojo : plugin.getMojos()) {
            Parameter described = mojo.getParameterMap().get(parameter);
            String expression = described == null ? null : described.getExpression();
            if (expression != null && expression.startsWith("${") && expression.endsWith("}")) {
                return expression.substring(2, expression.length() - 1);
            }
        }
        return null;
    }

    private static boolean hasPom(MavenProject project) {
        return project != null && project.getFile() != null;
    }
}
