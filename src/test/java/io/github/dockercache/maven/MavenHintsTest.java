package io.github.dockercache.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.dockercache.model.Secrets;
import java.io.File;
import java.util.List;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Commands printed in hints must work where they are printed: the prefix only where Maven resolves it. */
class MavenHintsTest {
    private final PluginDescriptor plugin = new PluginDescriptor();
    private final Settings settings = new Settings();
    private final Properties userProperties = new Properties();
    private final MavenSession session = mock(MavenSession.class);

    @BeforeEach
    void plugin() throws Exception {
        plugin.setGroupId("io.github.dockercache");
        plugin.setArtifactId("dockercache-maven-plugin");
        plugin.setVersion("1.2.3");
        plugin.setGoalPrefix("dockercache");
        MojoDescriptor baseline = new MojoDescriptor();
        baseline.setGoal("baseline");
        baseline.setPluginDescriptor(plugin);
        for (String name : List.of("force", "baseline", "context", "target", "network", "secretArgs")) {
            baseline.addParameter(parameter(name, "dockercache." + name));
        }
        baseline.addParameter(parameter("buildArgList", "dockercache.buildArgs"));
        plugin.addMojo(baseline);
        when(session.getSettings()).thenReturn(settings);
        when(session.getUserProperties()).thenReturn(userProperties);
    }

    private static Parameter parameter(String name, String property) {
        Parameter parameter = new Parameter();
        parameter.setName(name);
        parameter.setExpression("${" + property + "}");
        return parameter;
    }

    private static MavenProject project(String artifactId, boolean declaresPlugin, boolean root) {
        MavenProject project = new MavenProject();
        project.setArtifactId(artifactId);
        project.setFile(new File(artifactId, "pom.xml"));
        project.setExecutionRoot(root);
        if (declaresPlugin) {
            Plugin plugin = new Plugin();
            plugin.setGroupId("io.github.dockercache");
            plugin.setArtifactId("dockercache-maven-plugin");
            project.getBuild().addPlugin(plugin);
        }
        return project;
    }

    private MavenHints hints(MavenProject top, MavenProject project) {
        when(session.getTopLevelProject()).thenReturn(top);
        return new MavenHints(session, project, plugin, Secrets.of(List.of("SIGNING_PHRASE"), null));
    }

    @Test
    void thePrefixWhereThePomOfTheDirectoryDeclaresThePlugin() {
        MavenProject app = project("app", true, true);
        assertEquals("mvn dockercache:baseline", hints(app, app).goal("baseline"));
    }

    @Test
    void fullCoordinatesWhereThePrefixWouldNotResolve() {
        MavenProject app = project("app", false, true);
        assertEquals(
                "mvn io.github.dockercache:dockercache-maven-plugin:1.2.3:baseline",
                hints(app, app).goal("baseline"));
        MavenProject standalone = new MavenProject();
        assertEquals(
                "mvn io.github.dockercache:dockercache-maven-plugin:1.2.3:explain",
                hints(standalone, standalone).goal("explain"));
    }

    @Test
    void thePrefixWithThePluginGroupOfSettings() {
        settings.addPluginGroup("io.github.dockercache");
        MavenProject app = project("app", false, true);
        assertEquals("mvn dockercache:baseline", hints(app, app).goal("baseline"));
    }

    @Test
    void aModuleIsSelectedAndTheSettingsThatFoundItsFilesAreRepeated() {
        MavenProject root = project("shop", true, true);
        MavenProject module = project("app-b", false, false);
        userProperties.setProperty("dockercache.baseline", "other baseline.json");
        userProperties.setProperty("dockercache.failOn", "any");
        MavenHints hints = hints(root, module);
        assertEquals(
                "mvn dockercache:baseline -pl :app-b -Ddockercache.baseline='other baseline.json'",
                hints.goal("baseline"));
        when(session.getProjects()).thenReturn(List.of(root, module));
        assertEquals("mvn package -pl :app-b -am", hints.buildProject());
    }

    @Test
    void aSettingByItsUserPropertyFromThePluginDescriptor() {
        MavenProject app = project("app", true, true);
        assertEquals("-Ddockercache.force=true", hints(app, app).setting("force", "true"));
        assertEquals("<fresh>true</fresh>", hints(app, app).setting("fresh", "true"));
    }

    @Test
    void theCommandLineSettingsThatChangeKeysAreRepeatedAsGiven() {
        MavenProject app = project("app", true, true);
        userProperties.setProperty("dockercache.buildArgs", "PORT=8081,VERSION");
        userProperties.setProperty("dockercache.target", "run time");
        userProperties.setProperty("dockercache.network", "host");
        userProperties.setProperty("dockercache.failOn", "any");
        assertEquals(
                "mvn dockercache:baseline -Ddockercache.buildArgs=PORT=8081,VERSION -Ddockercache.target='run time'"
                        + " -Ddockercache.network=host",
                hints(app, app).goal("baseline"));
    }

    @Test
    void aSecretValueIsAPlaceholderToFillIn() {
        MavenProject app = project("app", true, true);
        userProperties.setProperty(
                "dockercache.buildArgs",
                "PORT=8081,DB_PASS=hunter2,GITHUB_PAT,PROXY=http://me:pw@proxy:3128,SIGNING_PHRASE=horse,=nameless");
        userProperties.setProperty("dockercache.secretArgs", "SIGNING_PHRASE,!CACHE_KEY");
        String command = hints(app, app).goal("check");
        assertEquals(
                "mvn dockercache:check -Ddockercache.buildArgs='PORT=8081,DB_PASS=<secret>,GITHUB_PAT,PROXY=<secret>,"
                        + "SIGNING_PHRASE=<secret>,=<secret>' -Ddockercache.secretArgs='SIGNING_PHRASE,!CACHE_KEY'",
                command);
        for (String value : List.of("hunter2", "pw@", "horse", "nameless")) {
            assertFalse(command.contains(value), value);
        }
    }

    @Test
    void aSharedDockerfileSelectsEveryProjectThatBuildsIt() {
        MavenProject root = project("shop", true, true);
        MavenProject a = project("app-a", false, false);
        MavenProject b = project("app-b", false, false);
        when(session.getTopLevelProject()).thenReturn(root);

        assertEquals(
                "mvn dockercache:baseline -pl :app-a,:app-b",
                new MavenHints(session, a, plugin, Secrets.of(List.of(), null), List.of(a, b), false)
                        .sharedGoal("baseline"));
        assertEquals(
                "mvn dockercache:baseline",
                new MavenHints(session, a, plugin, Secrets.of(List.of(), null), List.of(a, b), true)
                        .sharedGoal("baseline"),
                "every project with an image: no -pl");
        assertEquals(
                "mvn dockercache:baseline -pl :app-a",
                new MavenHints(session, a, plugin, Secrets.of(List.of(), null), List.of(a), true)
                        .sharedGoal("baseline"),
                "a Dockerfile of its own: the module alone");
        assertEquals(
                "mvn dockercache:baseline -pl :app-a",
                new MavenHints(session, a, plugin, Secrets.of(List.of(), null), List.of(a, b), true).goal("baseline"),
                "other remedies stay the module's own");
    }

    @Test
    void severalProjectsRepeatTheSettingsThatFoundTheirFiles() {
        MavenProject root = project("shop", true, true);
        MavenProject a = project("app-a", false, false);
        MavenProject b = project("app-b", false, false);
        userProperties.setProperty("dockercache.context", "target");
        MavenHints hints = hints(root, a);
        assertEquals(
                "mvn dockercache:baseline -pl :app-a,:app-b -Ddockercache.context=target",
                hints.goalFor("baseline", List.of(a, b, a)));
        assertEquals("mvn dockercache:baseline -Ddockercache.context=target", hints.goalFor("baseline", List.of()));
    }
}
