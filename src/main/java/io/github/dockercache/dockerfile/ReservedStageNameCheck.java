package io.github.dockercache.dockerfile;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** ReservedStageName: a stage must not be named {@code scratch} or {@code context}. Checked after parsing. */
final class ReservedStageNameCheck implements BuildCheck.OfStage {
    private static final Set<String> RESERVED_STAGE_NAMES = Set.of("context", "scratch");

    @Override
    public String name() {
        return BuildChecks.RESERVED_STAGE_NAME;
    }

    @Override
    public void check(CheckInput input, Stage stage, List<ParseWarning> warnings) {
        String name = stage.name() == null ? "" : stage.name().toLowerCase(Locale.ROOT);
        if (RESERVED_STAGE_NAMES.contains(name)) {
            warnings.add(warning(
                    input,
                    stage.from().source().location(),
                    "Stage name should not use the same name as reserved stage " + GoText.quote(name)));
        }
    }
}
