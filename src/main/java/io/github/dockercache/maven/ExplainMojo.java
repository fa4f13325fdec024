package io.github.dockercache.maven;

import io.github.dockercache.workflow.Outcome;
import io.github.dockercache.workflow.Request;
import io.github.dockercache.workflow.Workflow;
import io.github.dockercache.workflow.WorkflowException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Says which step first misses the cache compared with the baseline, and exactly why: the file and what
 * changed in it, the build arg and its values, the edited instruction, the base image. Runs without a pom:
 * {@code mvn io.github.dockercache:dockercache-maven-plugin:explain -Ddockercache.context=DIR}.
 */
@Mojo(name = "explain", requiresProject = false, threadSafe = true)
public class ExplainMojo extends AbstractDockercacheMojo {

    @Override
    Outcome run(Request request) throws WorkflowException {
        return Workflow.explain(request);
    }
}
