package io.github.dockercache.maven;

import io.github.dockercache.compare.FailOn;
import io.github.dockercache.workflow.Outcome;
import io.github.dockercache.workflow.Request;
import io.github.dockercache.workflow.Workflow;
import io.github.dockercache.workflow.WorkflowException;
import java.io.File;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Computes every Dockerfile step's cache key as BuildKit would, writes {@code target/dockercache/snapshot.json},
 * compares with the baseline and fails when a stable step would be rebuilt for an unexpected reason. The
 * snapshot is attached to the build (classifier {@code dockercache}, type {@code json}), so {@code mvn deploy}
 * publishes it for the next build to compare with.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class CheckMojo extends AbstractDockercacheMojo {

    /**
     * When to fail: {@code stable} (a stable step would be rebuilt for an unexpected reason), {@code any}
     * (any step would), or {@code never} (report only).
     */
    @Parameter(property = "dockercache.failOn", defaultValue = "stable")
    String failOn;

    /** Attach the snapshot to the build, so that install and deploy publish it. */
    @Parameter(property = "dockercache.attach", defaultValue = "true")
    boolean attach;

    private final MavenProjectHelper projectHelper;

    @Inject
    public CheckMojo(RepositorySystem repositorySystem, ProjectDependenciesResolver dependenciesResolver,
            SettingsDecrypter settingsDecrypter, MavenProjectHelper projectHelper) {
        super(repositorySystem, dependenciesResolver, settingsDecrypter);
        this.projectHelper = projectHelper;
    }

    @Override
    FailOn failOn() throws MojoFailureException {
        try {
            return FailOn.parse(failOn);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("<failOn>: " + e.getMessage() + ".");
        }
    }

    @Override
    Outcome run(Request request) throws WorkflowException {
        return Workflow.check(request);
    }

    @Override
    void afterImage(ImagePlan plan) {
        File snapshot = plan.request().outputDirectory().resolve(Workflow.SNAPSHOT_FILE).toFile();
        if (attach && plan.project().getFile() != null && snapshot.isFile()) {
            projectHelper.attachArtifact(plan.project(), ArtifactBaselineSource.TYPE, plan.classifier(), snapshot);
        }
    }
}
