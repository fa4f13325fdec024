package io.github.dockercache.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.AbstractMavenLifecycleParticipant;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Build;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;

/**
 * With {@code <extensions>true</extensions>} on the plugin: moves it to the end of every project's build plugins
 * before Maven plans the build. Maven runs the executions bound to one phase in the order of their plugins (after
 * the packaging's own, such as the jar), so check then runs after every other execution of the package phase and
 * hashes the module's final artifact, also after a repackaging step that a parent declared after this plugin.
 * Registered in {@code META-INF/plexus/components.xml}: Debian's Maven 3.8.7 finds no JSR-330 index in an
 * extension.
 *
 * <p>At the end of the build, it also says which images deferred to the end of the reactor were not checked: the
 * roll-up that checks them never came (a module that runs check binds it to a phase this build did not reach).
 */
public class CheckLastInPhase extends AbstractMavenLifecycleParticipant {
    @Override
    public void afterSessionEnd(MavenSession session) {
        ReactorLog.of(session)
                .takeDeferred()
                .forEach(image -> image.notChecked().run());
    }

    @Override
    public void afterProjectsRead(MavenSession session) {
        for (MavenProject project : session.getProjects()) {
            Build build = project.getBuild();
            if (build == null) {
                continue;
            }
            List<Plugin> plugins = new ArrayList<>(build.getPlugins());
            for (int i = 0; i < plugins.size() - 1; i++) {
                if (ProjectScope.PLUGIN_KEY.equals(plugins.get(i).getKey())) {
                    plugins.add(plugins.remove(i));
                    build.setPlugins(plugins);
                    break;
                }
            }
        }
    }
}
