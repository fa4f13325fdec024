package io.github.dockercache.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.File;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

/** When a missing Dockerfile or context is a mistake to fail on, and when a project simply has no image. */
class ProjectScopeTest {
    private static MavenProject project(String packaging, boolean ownPomDeclaresPlugin) {
        Model own = new Model();
        own.setBuild(new Build());
        if (ownPomDeclaresPlugin) {
            Plugin plugin = new Plugin();
            plugin.setGroupId("io.github.dockercache");
            plugin.setArtifactId("dockercache-maven-plugin");
            own.getBuild().addPlugin(plugin);
        }
        MavenProject project = new MavenProject();
        project.setPackaging(packaging);
        project.setFile(new File("app/pom.xml"));
        project.setOriginalModel(own);
        return project;
    }

    private static MavenSession session(int projects, String... properties) {
        MavenSession session = mock(MavenSession.class);
        Properties user = new Properties();
        for (String property : properties) {
            user.setProperty(property, "x");
        }
        when(session.getUserProperties()).thenReturn(user);
        when(session.getProjects()).thenReturn(java.util.Collections.nCopies(projects, new MavenProject()));
        return session;
    }

    @Test
    void aProjectThatDeclaresThePluginItselfAskedForAnImage() {
        assertTrue(ProjectScope.isExplicit(project("jar", true), session(3)));
    }

    @Test
    void aModuleThatOnlyInheritsThePluginMayHaveNoImage() {
        assertFalse(ProjectScope.isExplicit(project("jar", false), session(3)));
    }

    @Test
    void aPomProjectConfiguresItsModulesNeverItself() {
        assertFalse(ProjectScope.isExplicit(project("pom", true), session(1, "dockercache.dockerfile")));
    }

    @Test
    void theCommandLineAsksForTheImageOfABuildOfOneProject() {
        assertTrue(ProjectScope.isExplicit(project("jar", false), session(1, "dockercache.dockerfile")));
        assertFalse(
                ProjectScope.isExplicit(project("jar", false), session(4, "dockercache.context")),
                "in a reactor the setting reaches every module, and some have no image");
    }

    @Test
    void withoutAPomTheDirectoryIsTheImage() {
        assertTrue(ProjectScope.isExplicit(new MavenProject(), session(1)));
    }
}
