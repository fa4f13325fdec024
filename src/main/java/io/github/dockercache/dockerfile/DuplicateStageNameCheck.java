package io.github.dockercache.dockerfile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** DuplicateStageName: stage names, compared without case, should be unique. Checked after parsing. */
final class DuplicateStageNameCheck implements BuildCheck {
    @Override
    public String name() {
        return BuildChecks.DUPLICATE_STAGE_NAME;
    }

    @Override
    public List<ParseWarning> check(CheckInput input) {
        List<ParseWarning> warnings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Stage stage : input.stages()) {
            if (stage.name() != null && !seen.add(stage.name().toLowerCase(Locale.ROOT))) {
                warnings.add(warning(
                        input,
                        stage.from().source().location(),
                        "Duplicate stage name " + GoText.quote(stage.name().toLowerCase(Locale.ROOT))
                                + ", stage names should be unique"));
            }
        }
        return warnings;
    }
}
