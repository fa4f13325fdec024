package io.github.dockercache.maven;

import io.github.dockercache.compare.FailOn;
import io.github.dockercache.report.Printed;
import io.github.dockercache.workflow.CompareRequest;
import io.github.dockercache.workflow.ImageAnalysis;
import io.github.dockercache.workflow.Outcome;
import io.github.dockercache.workflow.Workflow;
import io.github.dockercache.workflow.WorkflowException;
import java.io.File;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import org.apache.maven.lifecycle.LifecycleExecutor;
import org.apache.maven.plugin.MojoExecution;
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
public class CheckMojo extends AbstractDockercacheMojo<CompareRequest> {
    private static final String PACKAGE = "package";

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
    private final LifecycleExecutor lifecycleExecutor;

    @Inject
    public CheckMojo(
            RepositorySystem repositorySystem,
            ProjectDependenciesResolver dependenciesResolver,
            SettingsDecrypter settingsDecrypter,
            MavenProjectHelper projectHelper,
            LifecycleExecutor lifecycleExecutor) {
        super(repositorySystem, dependenciesResolver, settingsDecrypter);
        this.projectHelper = projectHelper;
        this.lifecycleExecutor = lifecycleExecutor;
    }

    /**
     * The executions that Maven runs after this one until the project is packaged, from its build plan: bound to the
     * package phase, check comes after the jar, but a repackaging step declared after this plugin comes after check;
     * bound earlier, the packaging itself is still to come. Empty when check was not bound to a phase (run from the
     * command line), or when Maven cannot give the plan again (then nothing is known to follow).
     */
    @Override
    List<String> pendingWork() {
        String phase = mojoExecution.getLifecyclePhase();
        if (phase == null) {
            return List.of();
        }
        try {
            List<MojoExecution> packaging = plan(PACKAGE);
            return later(indexOfThis(packaging) >= 0 ? packaging : plan(phase));
        } catch (Exception e) {
            getLog().debug("The build plan up to " + phase + " cannot be computed again: " + e.getMessage(), e);
            return List.of();
        }
    }

    private List<MojoExecution> plan(String phase) throws Exception {
        return lifecycleExecutor.calculateExecutionPlan(session, false, phase).getMojoExecutions();
    }

    /** The other plugins' executions after this one, as Maven's log names them. */
    private List<String> later(List<MojoExecution> plan) {
        int self = indexOfThis(plan);
        return self < 0
                ? List.of()
                : plan.subList(self + 1, plan.size()).stream()
                        .filter(execution -> !ProjectScope.PLUGIN_KEY.equals(
                                execution.getGroupId() + ":" + execution.getArtifactId()))
                        .map(execution -> execution.getArtifactId() + ":" + execution.getGoal() + " ("
                                + execution.getExecutionId() + ")")
                        .toList();
    }

    private int indexOfThis(List<MojoExecution> plan) {
        for (int i = 0; i < plan.size(); i++) {
            MojoExecution execution = plan.get(i);
            if (ProjectScope.PLUGIN_KEY.equals(execution.getGroupId() + ":" + execution.getArtifactId())
                    && execution.getGoal().equals(mojoExecution.getGoal())
                    && execution.getExecutionId().equals(mojoExecution.getExecutionId())) {
                return i;
            }
        }
        return -1;
    }

    @Override
    CompareRequest request(ImageSettings settings) throws MojoFailureException {
        return compareRequest(settings, failOn, disabledRules());
    }

    /** What check and explain compare with, and how; {@code failOn} is the value of the goal's parameter. */
    static CompareRequest compareRequest(ImageSettings settings, String failOn, Set<String> disabledRules)
            throws MojoFailureException {
        FailOn rule;
        try {
            rule = FailOn.parse(failOn);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("<failOn>: " + e.getMessage() + ".");
        }
        return new CompareRequest(
                settings.image(),
                settings.baselineSource(),
                settings.onMissingBaseline(),
                rule,
                disabledRules,
                settings.buildLog());
    }

    @Override
    Outcome run(CompareRequest request) throws WorkflowException {
        Outcome outcome = Workflow.check(request, report == null ? null : report.toPath());
        CheckedImages.remember(session, request.image().outputDirectory(), Printed.of(outcome.lines()));
        return outcome;
    }

    @Override
    void afterImage(ImagePlan<CompareRequest> plan) {
        File snapshot = plan.image()
                .outputDirectory()
                .resolve(ImageAnalysis.SNAPSHOT_FILE)
                .toFile();
        if (attach && plan.project().getFile() != null && snapshot.isFile()) {
            projectHelper.attachArtifact(plan.project(), ArtifactBaselineSource.TYPE, plan.classifier(), snapshot);
        }
    }
}
