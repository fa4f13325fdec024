package io.github.dockercache.maven;

import io.github.dockercache.history.Replay;
import io.github.dockercache.workflow.HistoryRequest;
import io.github.dockercache.workflow.HistoryWorkflow;
import io.github.dockercache.workflow.Outcome;
import io.github.dockercache.workflow.WorkflowException;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Replays the last commits (or a range) of the git repository that holds the build context, from git objects only
 * (the working tree and the index stay untouched), and says which commits rebuilt a stable layer and why, how often
 * each step was rebuilt, and what that cost where {@code buildLog} measured the steps. Writes {@code history.json} and
 * {@code history.html} to the output directory. Runs without a pom:
 * {@code mvn io.github.dockercache:dockercache-maven-plugin:history -Ddockercache.context=DIR}.
 */
@Mojo(name = "history", requiresProject = false, threadSafe = true)
public class HistoryMojo extends AbstractDockercacheMojo<HistoryRequest> {

    /** How many commits to replay, following first parents from HEAD; ignored when a range is given. */
    @Parameter(property = "dockercache.commits", defaultValue = "" + Replay.DEFAULT_COMMITS)
    int commits;

    /** The commits to replay instead, as {@code FROM..TO} ({@code origin/main..HEAD}). */
    @Parameter(property = "dockercache.range")
    String range;

    /** The roll-up verdict of the image run last. */
    private String verdict;

    @Inject
    public HistoryMojo(
            RepositorySystem repositorySystem,
            ProjectDependenciesResolver dependenciesResolver,
            SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, dependenciesResolver, settingsDecrypter);
    }

    @Override
    boolean coversReactor() {
        return true;
    }

    @Override
    HistoryRequest request(ImageSettings settings) {
        return new HistoryRequest(
                settings.image().build(),
                settings.image().policy(),
                settings.image().outputDirectory(),
                settings.buildLog(),
                range == null || range.isBlank() ? null : range.trim(),
                commits);
    }

    @Override
    Outcome run(HistoryRequest request) throws WorkflowException {
        HistoryWorkflow.Run run = HistoryWorkflow.run(request);
        verdict = run.verdict();
        return run.outcome();
    }

    @Override
    String verdict(Outcome outcome) {
        return verdict;
    }
}
