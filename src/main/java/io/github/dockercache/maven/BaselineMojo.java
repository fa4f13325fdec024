package io.github.dockercache.maven;

import io.github.dockercache.workflow.Outcome;
import io.github.dockercache.workflow.Request;
import io.github.dockercache.workflow.Workflow;
import io.github.dockercache.workflow.WorkflowException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Records the current state as the baseline (stable, sorted JSON, meant to be committed). */
@Mojo(name = "baseline", requiresProject = false, threadSafe = true)
public class BaselineMojo extends AbstractDockercacheMojo {

    /** Replace an existing baseline even when it cannot be read. */
    @Parameter(property = "dockercache.force", defaultValue = "false")
    boolean force;

    @Override
    boolean force() {
        return force;
    }

    @Override
    Outcome run(Request request) throws WorkflowException {
        return Workflow.baseline(request);
    }
}
