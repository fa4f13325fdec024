package io.github.dockercache.maven;

import io.github.dockercache.compare.FailOn;
import io.github.dockercache.workflow.Outcome;
import io.github.dockercache.workflow.Request;
import io.github.dockercache.workflow.Workflow;
import io.github.dockercache.workflow.WorkflowException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Computes every Dockerfile step's cache key as BuildKit would, writes {@code target/dockercache/snapshot.json},
 * compares with the baseline and fails when a stable step would be rebuilt for an unexpected reason.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class CheckMojo extends AbstractDockercacheMojo {

    /**
     * When to fail: {@code stable} (a stable step would be rebuilt for an unexpected reason), {@code any}
     * (any step would), or {@code never} (report only).
     */
    @Parameter(property = "dockercache.failOn", defaultValue = "stable")
    String failOn;

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
}
