package io.github.dockercache.dockerfile;

import java.util.List;
import java.util.Set;

/**
 * JSONArgsRecommended: CMD and ENTRYPOINT in shell form run under {@code /bin/sh -c}, which does not pass on signals;
 * not reported once the stage (or one it is built FROM) set a SHELL.
 */
final class JsonArgsRecommendedCheck implements BuildCheck.OfStep {
    private static final Set<String> COMMANDS = Set.of("CMD", "ENTRYPOINT");

    @Override
    public String name() {
        return BuildChecks.JSON_ARGS_RECOMMENDED;
    }

    @Override
    public void check(CheckInput input, CheckDispatch.Step step, List<ParseWarning> warnings) {
        if (COMMANDS.contains(step.instruction().source().keyword())
                && !input.raw().get(step.instruction()).json()
                && !step.state().shellSet()) {
            warnings.add(warning(
                    input,
                    step.location(),
                    "JSON arguments recommended for " + input.keyword(step.instruction())
                            + " to prevent unintended behavior related to OS signals"));
        }
    }
}
