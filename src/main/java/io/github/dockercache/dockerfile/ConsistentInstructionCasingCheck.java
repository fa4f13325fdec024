package io.github.dockercache.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ConsistentInstructionCasing: every keyword should be cased as the majority of the file's all-lower or all-upper
 * keywords are (upper case on a tie). Checked after parsing.
 */
final class ConsistentInstructionCasingCheck implements BuildCheck {
    @Override
    public String name() {
        return BuildChecks.CONSISTENT_INSTRUCTION_CASING;
    }

    @Override
    public List<ParseWarning> check(CheckInput input) {
        int lower = 0;
        int upper = 0;
        for (Stage stage : input.stages()) {
            for (Instruction instruction : CheckInput.withFrom(stage)) {
                String name = input.keyword(instruction);
                if (isSelfConsistent(name)) {
                    if (name.equals(name.toLowerCase(Locale.ROOT))) {
                        lower++;
                    } else {
                        upper++;
                    }
                }
            }
        }
        boolean majorityLower = lower > upper;
        List<ParseWarning> warnings = new ArrayList<>();
        for (Stage stage : input.stages()) {
            for (Instruction instruction : CheckInput.withFrom(stage)) {
                String name = input.keyword(instruction);
                String casing = null;
                if (majorityLower && !name.equals(name.toLowerCase(Locale.ROOT))) {
                    casing = "lowercase";
                } else if (!majorityLower && !name.equals(name.toUpperCase(Locale.ROOT))) {
                    casing = "uppercase";
                }
                if (casing != null) {
                    warnings.add(warning(
                            input,
                            instruction.source().location(),
                            "Command '" + name + "' should match the case of the command majority (" + casing + ")"));
                }
            }
        }
        return warnings;
    }

    /** All lower or all upper case. */
    static boolean isSelfConsistent(String s) {
        return s.equals(s.toLowerCase(Locale.ROOT)) || s.equals(s.toUpperCase(Locale.ROOT));
    }
}
