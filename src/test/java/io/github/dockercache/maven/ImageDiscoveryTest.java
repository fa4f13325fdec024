package io.github.dockercache.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dockercache.discovery.DiscoveredImage;
import io.github.dockercache.discovery.Discovery;
import io.github.dockercache.discovery.DiscoveryException;
import io.github.dockercache.discovery.Obstacle;
import io.github.dockercache.model.Builder;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDiscoveryTest {
    @TempDir
    Path dir;

    private MavenProject project(String pluginKey, String configuration) throws Exception {
        Model model = new Model();
        model.setArtifactId("app");
        Build build = new Build();
        Plugin plugin = new Plugin();
        String[] key = pluginKey.split(":");
        plugin.setGroupId(key[0]);
        plugin.setArtifactId(key[1]);
        plugin.setConfiguration(
                Xpp3DomBuilder.build(new StringReader("<configuration>" + configuration + "</configuration>")));
        build.addPlugin(plugin);
        model.setBuild(build);
        MavenProject project = new MavenProject(model);
        project.setFile(dir.resolve("pom.xml").toFile());
        return project;
    }

    private DiscoveredImage fabric8Image(String build) throws Exception {
        return ImageDiscovery.discover(
                        project(
                                ImageDiscovery.FABRIC8,
                                "<images><image><name>team/api:1</name><build>" + build + "</build></image></images>"),
                        null)
                .used()
                .images()
                .get(0);
    }

    private void write(String path, String text) throws IOException {
        Files.createDirectories(dir.resolve(path).getParent());
        Files.writeString(dir.resolve(path), text);
    }

    @Test
    void fabric8ResolvesPathsAsItDoes() throws Exception {
        // dockerFile alone: from src/main/docker, its directory the context
        DiscoveredImage alone = fabric8Image("<dockerFile>Dockerfile.jvm</dockerFile>");
        assertEquals("api", alone.name());
        assertEquals(dir.resolve("src/main/docker/Dockerfile.jvm"), alone.dockerfile());
        assertEquals(dir.resolve("src/main/docker"), alone.context());
        assertEquals(Builder.CLASSIC, alone.builder());
        // contextDir and dockerFile: the Dockerfile from the context
        DiscoveredImage both =
                fabric8Image("<contextDir>" + dir + "</contextDir><dockerFile>docker/Dockerfile</dockerFile>");
        assertEquals(dir.resolve("docker/Dockerfile"), both.dockerfile());
        assertEquals(dir, both.context());
        // contextDir alone, relative: from src/main/docker
        DiscoveredImage context = fabric8Image("<contextDir>app</contextDir>");
        assertEquals(dir.resolve("src/main/docker/app/Dockerfile"), context.dockerfile());
        // the deprecated dockerFileDir
        DiscoveredImage old =
                fabric8Image("<dockerFileDir>legacy</dockerFileDir><dockerFile>Dockerfile.x</dockerFile>");
        assertEquals(dir.resolve("src/main/docker/legacy/Dockerfile.x"), old.dockerfile());
        assertEquals(dir.resolve("src/main/docker/legacy"), old.context());
        // buildx with platforms: BuildKit; an empty ${docker.platforms} gives none
        assertNull(fabric8Image("<dockerFile>D</dockerFile><buildx><platforms><platform>linux/amd64</platform>"
                        + "</platforms></buildx>")
                .builder());
        assertEquals(
                Builder.CLASSIC,
                fabric8Image("<dockerFile>D</dockerFile><buildx><platforms><platform></platform>"
                                + "</platforms></buildx>")
                        .builder());
    }

    @Test
    void fabric8ArgsFromPropertiesAndConfigurationConflictOnTheSameName() throws Exception {
        MavenProject project = project(
                ImageDiscovery.FABRIC8,
                "<images><image><alias>api</alias><build>"
                        + "<dockerFile>D</dockerFile><args><A>1</A></args></build></image></images>");
        project.getProperties().setProperty("docker.buildArg.B", "2");
        assertEquals(
                Map.of("A", "1", "B", "2"),
                ImageDiscovery.discover(project, null).used().images().get(0).buildArgs());
        project.getProperties().setProperty("docker.buildArg.A", "3");
        assertEquals(
                "docker-maven-plugin: image api sets the build arg A both in <args> and by the property"
                        + " docker.buildArg.A; fabric8 refuses that too. Keep one.",
                assertThrows(DiscoveryException.class, () -> ImageDiscovery.discover(project, null))
                        .getMessage());
    }

    @Test
    void fabric8DifferencesAreNamedNotGuessed() throws Exception {
        write("src/main/docker/Dockerfile", "FROM base:${project.version}\n");
        MavenProject project = project(
                ImageDiscovery.FABRIC8,
                "<images><image><alias>api</alias><build><dockerFile>Dockerfile</dockerFile></build></image></images>");
        Discovery.Choice choice = ImageDiscovery.discover(project, null);
        assertEquals(List.of(), choice.used().images());
        assertEquals(
                List.of(new Obstacle(
                        "image api: fabric8 replaces ${project.version} in its Dockerfile with the Maven property"
                                + " before building; set <filter>false</filter> in its <build> to build the Dockerfile as written",
                        null,
                        false)),
                choice.used().unchecked());
        write("src/main/docker/.dockerignore", "target\n");
        assertEquals(
                List.of(new Obstacle(
                        "image api: fabric8 sends the context through the Engine API without applying .dockerignore;"
                                + " build it with <buildx>, or list the image under <images> to check it as docker build sends it",
                        null,
                        false)),
                ImageDiscovery.discover(project, null).used().unchecked());
    }

    /** The plugin's own way out, listing the images under {@code <images>}, worded where it applies. */
    @Test
    void anObstacleIsWordedWithTheImagesParameter() {
        assertEquals(
                "docker-bake.hcl is not read (HCL); write its resolved form with `docker buildx bake --print >"
                        + " docker-bake.json`, or list the images under <images>",
                ImageDiscovery.worded(
                        new Obstacle(
                                "docker-bake.hcl is not read (HCL)",
                                "write its resolved form with `docker buildx bake --print > docker-bake.json`",
                                true),
                        "the images"));
        assertEquals(
                "service a: build.args uses ${V}, which compose takes from the environment or .env; list the image"
                        + " under <images> instead",
                ImageDiscovery.worded(
                        new Obstacle(
                                "service a: build.args uses ${V}, which compose takes from the environment or .env",
                                null,
                                true),
                        "the image"));
        assertEquals(
                "image api: its <build> has <skip>true</skip>",
                ImageDiscovery.worded(
                        new Obstacle("image api: its <build> has <skip>true</skip>", null, false), "the image"));
    }

    @Test
    void spotifyFilesAreFromTheProject() throws Exception {
        DiscoveredImage image = ImageDiscovery.discover(
                        project(
                                ImageDiscovery.SPOTIFY,
                                "<repository>team/worker</repository><contextDirectory>app</contextDirectory>"
                                        + "<dockerfile>app/docker/Dockerfile</dockerfile><buildArgs><J>x.jar</J></buildArgs>"),
                        null)
                .used()
                .images()
                .get(0);
        assertEquals("worker", image.name());
        assertEquals(dir.resolve("app"), image.context());
        assertEquals(dir.resolve("app/docker/Dockerfile"), image.dockerfile());
        assertEquals(Map.of("J", "x.jar"), image.buildArgs());
        assertEquals(Builder.CLASSIC, image.builder());
    }

    @Test
    void thePomsPluginWinsOverFilesAndTheFilesAreReported() throws Exception {
        write("compose.yaml", "services:\n  web:\n    build: .\n");
        Discovery.Choice choice = ImageDiscovery.discover(project(ImageDiscovery.SPOTIFY, ""), null);
        assertEquals("dockerfile-maven-plugin", choice.used().origin());
        assertEquals("app", choice.used().images().get(0).name());
        assertEquals("compose.yaml", choice.ignored().get(0).origin());
    }

    @Test
    void anAggregatorLeavesItsModulesImagesToThem() throws Exception {
        write("compose.yaml", "services:\n  api:\n    build: api\n");
        MavenProject aggregator = project(ImageDiscovery.SPOTIFY, "");
        aggregator.getModel().addModule("api");
        assertNull(ImageDiscovery.discover(aggregator, null).used());
    }

    @Test
    void jibAndBuildpacksAreNamed() throws Exception {
        assertEquals(
                "jib-maven-plugin",
                ImageDiscovery.dockerfileLessBuilder(project("com.google.cloud.tools:jib-maven-plugin", "")));
        assertNull(ImageDiscovery.dockerfileLessBuilder(project(ImageDiscovery.SPOTIFY, "")));
    }
}
