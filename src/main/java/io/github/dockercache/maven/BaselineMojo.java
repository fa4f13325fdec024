package io.github.dockercache.maven;

import io.github.dockercache.workflow.BaselineRequest;
import io.github.dockercache.workflow.BaselineWorkflow;
import io.github.dockercache.workflow.Outcome;
import io.github.dockercache.workflow.WorkflowException;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Records the current state as the baseline (stable, sorted JSON, meant to be committed), merged into the
 * builds it already remembers.
 */
@Mojo(name = "baseline", requiresProject = false, threadSafe = true)
public class BaselineMojo extends AbstractDockercacheMojo<BaselineRequest> {

    @Inject
    public BaselineMojo(
            RepositorySystem repositorySystem,
            ProjectDependenciesResolver dependenciesResolver,
            SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, dependenciesResolver, settingsDecrypter);
    }

    /** Replace an existing baseline even when it cannot be read. */
    @Parameter(property = "dockercache.force", defaultValue = "false")
    boolean force;

    /**
     * How many recorded builds the baseline remembers: BuildKit keeps earlier results, so a step whose key
     * matches any of them is cached (reverting a change hits again).
     */
    @Parameter(property = "dockercache.history", defaultValue = "10")
    int history;

    /** Start the baseline afresh, forgetting the builds recorded before. */
    @Parameter(property = "dockercache.fresh", defaultValue = "false")
    boolean fresh;

    @Override
    BaselineRequest request(ImageSettings settings) {
        return new BaselineRequest(settings.image(), settings.baselineFile(), force, Math.max(1, history), fresh);
    }

    @Override
    boolean coversReactor() {
        return true;
    }

    /** In a roll-up, the counts say what this recording changed: steps whose keys the baseline knew count as cached. */
    @Override
    String verdict(Outcome outcome) {
        return outcome.tally().compared() ? "recorded" : "recorded (new)";
    }

    @Override
    Outcome run(BaselineRequest request) throws WorkflowException {
        return BaselineWorkflow.record(request);
    }
}
