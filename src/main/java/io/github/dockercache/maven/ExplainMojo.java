package io.github.dockercache.maven;

import io.github.dockercache.workflow.Outcome;
import javax.inject.Inject;
import io.github.dockercache.workflow.Request;
import io.github.dockercache.workflow.Workflow;
import io.github.dockercache.workflow.WorkflowException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Says which step first misses the cache compared with the baseline, and exactly why: the file and what
 * changed in it, the build arg and its values, the edited instruction, the base image. Runs without a pom:
 * {@code mvn io.github.dockercache:dockercache-maven-plugin:explain -Ddockercache.context=DIR}.
 */
@Mojo(name = "explain", requiresProject = false, threadSafe = true)
public class ExplainMojo extends AbstractDockercacheMojo {

    @Inject
    public ExplainMojo(RepositorySystem repositorySystem, ProjectDependenciesResolver dependenciesResolver,
            SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, dependenciesResolver, settingsDecrypter);
    }

    @Override
    boolean coversReactor() {
        return true;
    }

    /** Instead of comparing with the baseline, say which steps a change to this path (relative to the context) would rebuild. */
    @Parameter(property = "dockercache.path")
    String path;

    @Override
    String verdict(Outcome outcome) {
        if (outcome.tally() == null) {
            return "impact listed";
        }
        if (!outcome.tally().compared()) {
            return "no baseline";
        }
        return outcome.tally().cached() == outcome.tally().steps() ? "all cached" : "explained";
    }

    @Override
    Outcome run(Request request) throws WorkflowException {
        return path == null || path.isBlank() ? Workflow.explain(request) : Workflow.impact(request, path.trim());
    }
}
