package io.github.dockercache.dockerfile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MultipleInstructionsDisallowed: only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage has an effect. BuildKit
 * reports the earlier instruction: that is the one without effect.
 */
final class MultipleInstructionsDisallowedCheck implements BuildCheck.OfStage {
    private static final Set<String> LAST_ONE_COUNTS = Set.of("CMD", "ENTRYPOINT", "HEALTHCHECK");

    @Override
    public String name() {
        return BuildChecks.MULTIPLE_INSTRUCTIONS_DISALLOWED;
    }

    @Override
    public void check(CheckInput input, Stage stage, List<ParseWarning> warnings) {
        Map<String, Instruction> used = new HashMap<>();
        for (Instruction instruction : stage.instructions()) {
            String keyword = instruction.source().keyword();
            Instruction previous = LAST_ONE_COUNTS.contains(keyword) ? used.put(keyword, instruction) : null;
            if (previous != null) {
                warnings.add(
                        warning(
                                input,
                                previous.source().location(),
                                "Multiple " + input.keyword(instruction)
                                        + " instructions should not be used in the same stage because only the last one will be used"));
            }
        }
    }
}
