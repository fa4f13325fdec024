package io.github.dockercache.dockerfile;

import java.util.List;

/**
 * UndefinedVar: an instruction uses a variable that is neither in the stage's environment nor a declared ARG, each
 * use reported on its own as BuildKit does. It needs the base image's environment: made for {@code FROM scratch},
 * stages built FROM another stage and images {@link BaseImageConfigs} knows, and not at all elsewhere.
 */
final class UndefinedVarCheck implements BuildCheck.OfStep {
    @Override
    public String name() {
        return BuildChecks.UNDEFINED_VAR;
    }

    @Override
    public void check(CheckInput input, CheckDispatch.Step step, List<ParseWarning> warnings) {
        for (CheckDispatch.UndefinedUse use : step.undefined()) {
            warnings.add(warning(
                    input,
                    step.location(),
                    "Usage of undefined variable '$" + use.name() + "'"
                            + (use.closest() == null ? "" : " (did you mean $" + use.closest() + "?)")));
        }
    }
}
