package io.github.dockercache.dockerfile;

import java.util.ArrayList;
import java.util.List;

/** MaintainerDeprecated: MAINTAINER is deprecated, a {@code LABEL} says the same. Checked while BuildKit parses. */
final class MaintainerDeprecatedCheck implements BuildCheck {
    @Override
    public String name() {
        return BuildChecks.MAINTAINER_DEPRECATED;
    }

    @Override
    public List<ParseWarning> check(CheckInput input) {
        List<ParseWarning> warnings = new ArrayList<>();
        for (Stage stage : input.stages()) {
            for (Instruction instruction : stage.instructions()) {
                if (instruction.source().keyword().equals("MAINTAINER")) {
                    warnings.add(warning(input, instruction.source().location(),
                            "Maintainer instruction is deprecated in favor of using label"));
                }
            }
        }
        return warnings;
    }
}
