package io.github.dockercache.maven;

import io.github.dockercache.workflow.CompareRequest;
import io.github.dockercache.workflow.Outcome;
import io.github.dockercache.workflow.Workflow;
import io.github.dockercache.workflow.WorkflowException;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
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
public class ExplainMojo extends AbstractDockercacheMojo<CompareRequest> {

    @Inject
    public ExplainMojo(
            RepositorySystem repositorySystem,
            ProjectDependenciesResolver dependenciesResolver,
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

    /**
     * The rule check applies ({@code stable}, {@code any} or {@code never}), so that explain's report says what
     * check would decide; explain itself never fails the build on a miss.
     */
    @Parameter(property = "dockercache.failOn", defaultValue = "stable")
    String failOn;

    @Override
    CompareRequest request(ImageSettings settings) throws MojoFailureException {
        return CheckMojo.compareRequest(settings, failOn, disabledRules());
    }

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
    Outcome run(CompareRequest request) throws WorkflowException {
        if (path != null && !path.isBlank()) {
            return Workflow.impact(request.image(), path.trim());
        }
        // after check in the same build, what it printed is not printed again
        return Workflow.explain(
                request, CheckedImages.recall(session, request.image().outputDirectory()));
    }
}
