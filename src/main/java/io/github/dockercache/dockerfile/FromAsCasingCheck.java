package io.github.dockercache.dockerfile;

import java.util.List;
import java.util.Locale;

/**
 * FromAsCasing: in {@code FROM image AS name}, {@code AS} should be cased as {@code FROM} is (only where FROM is
 * all lower or all upper case). Checked while BuildKit parses.
 */
final class FromAsCasingCheck implements BuildCheck.OfStage {
    @Override
    public String name() {
        return BuildChecks.FROM_AS_CASING;
    }

    @Override
    public void check(CheckInput input, Stage stage, List<ParseWarning> warnings) {
        RawInstruction node = input.raw().get(stage.from());
        List<String> args = node.args();
        String command = node.keyword();
        if (args.size() >= 3 && ConsistentInstructionCasingCheck.isSelfConsistent(command)) {
            String as = args.get(1);
            boolean lower = command.equals(command.toLowerCase(Locale.ROOT));
            String expected = lower ? as.toLowerCase(Locale.ROOT) : as.toUpperCase(Locale.ROOT);
            if (!as.equals(expected)) {
                warnings.add(warning(
                        input,
                        stage.from().source().location(),
                        "'" + as + "' and '" + command + "' keywords' casing do not match"));
            }
        }
    }
}
