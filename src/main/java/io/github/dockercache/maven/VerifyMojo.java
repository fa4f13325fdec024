package io.github.dockercache.maven;

import io.github.dockercache.workflow.FieldTruth;
import io.github.dockercache.workflow.Outcome;
import io.github.dockercache.workflow.VerifyRequest;
import io.github.dockercache.workflow.WorkflowException;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Checks the plugin's predictions against a real build: lines each step of the build's log
 * ({@code -Ddockercache.buildLog=FILE}, {@code --progress=plain} or {@code rawjson}) up with the verdict the plugin
 * predicts against the baseline, and reports the steps that agree, the unknown ones and every disagreement. A
 * disagreement writes {@code target/dockercache/verify-bundle.zip} for a bug report. Runs without a pom; at a
 * reactor's root, every module with an image, each with its own log.
 */
@Mojo(name = "verify", requiresProject = false, threadSafe = true)
public class VerifyMojo extends AbstractDockercacheMojo<VerifyRequest> {

    /**
     * Fail the build when a step disagrees with the engine. On by default: verify runs only when asked for, and a
     * disagreement means check's verdicts cannot be trusted on this engine, which a pipeline should not pass over.
     */
    @Parameter(property = "dockercache.failOnDisagreement", defaultValue = "true")
    boolean failOnDisagreement;

    /** The roll-up's word for each image verified so far. */
    private final Map<Outcome, String> verdicts = new IdentityHashMap<>();

    @Inject
    public VerifyMojo(
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
    VerifyRequest request(ImageSettings settings) {
        return new VerifyRequest(settings.image(), settings.baselineSource(), settings.buildLog(), failOnDisagreement);
    }

    @Override
    Outcome run(VerifyRequest request) throws WorkflowException {
        FieldTruth.Verified verified = FieldTruth.verify(request);
        verdicts.put(verified.outcome(), verified.verdict());
        return verified.outcome();
    }

    @Override
    String verdict(Outcome outcome) {
        return verdicts.getOrDefault(outcome, super.verdict(outcome));
    }
}
