package io.github.dockercache.dockerfile;

import java.util.List;
import java.util.Locale;

/** StageNameCasing: a stage name ({@code FROM image AS name}) should be lower case. Checked while BuildKit parses. */
final class StageNameCasingCheck implements BuildCheck.OfStage {
    @Override
    public String name() {
        return BuildChecks.STAGE_NAME_CASING;
    }

    @Override
    public void check(CheckInput input, Stage stage, List<ParseWarning> warnings) {
        List<String> args = input.raw().get(stage.from()).args();
        if (args.size() == 3 && !args.get(2).equals(args.get(2).toLowerCase(Locale.ROOT))) {
            warnings.add(warning(
                    input, stage.from().source().location(), "Stage name '" + args.get(2) + "' should be lowercase"));
        }
    }
}
