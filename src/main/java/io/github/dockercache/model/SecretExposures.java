package io.github.dockercache.model;

import io.github.dockercache.dockerfile.RunInstruction;
import io.github.dockercache.dockerfile.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Where secret variables reach the image built: a RUN's layer history, the final config's Env (docs/secrets.md). */
final class SecretExposures {
    private final List<SecretExposure> found = new ArrayList<>();
    /** The stages the built image is made of: the target and the stages it is built FROM. */
    Set<Integer> finalImageStages = Set.of();

    /** Every secret variable a RUN has in its environment reaches its layer's history (docs/secrets.md). */
    void exposeToRun(Stage stage, StageState state, RunInstruction run) {
        for (String name : state.env.keySet()) {
            if (state.secret.contains(name)) {
                found.add(new SecretExposure(
                        run.source().location().line(),
                        "RUN",
                        name,
                        state.origins.get(name),
                        finalImageStages.contains(stage.index())));
            }
        }
    }

    /** The secret variables the ENVs of the image built leave in its configuration. */
    void exposeFinalEnv(StageState finalState) {
        finalState.secretEnvLines.forEach(
                (name, line) -> found.add(new SecretExposure(line, "ENV", name, finalState.origins.get(name), true)));
    }

    List<SecretExposure> list() {
        return List.copyOf(found);
    }
}
