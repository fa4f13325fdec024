package io.github.dockercache.dockerfile;

import java.util.List;

/** MaintainerDeprecated: MAINTAINER is deprecated, a {@code LABEL} says the same. Checked while BuildKit parses. */
final class MaintainerDeprecatedCheck implements BuildCheck.OfStep {
    @Override
    public String name() {
        return BuildChecks.MAINTAINER_DEPRECATED;
    }

    @Override
    public void check(CheckInput input, CheckDispatch.Step step, List<ParseWarning> warnings) {
        if (step.instruction().source().keyword().equals("MAINTAINER")) {
            warnings.add(
                    warning(input, step.location(), "Maintainer instruction is deprecated in favor of using label"));
        }
    }
}
