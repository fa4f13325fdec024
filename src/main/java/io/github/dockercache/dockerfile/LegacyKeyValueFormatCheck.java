package io.github.dockercache.dockerfile;

import java.util.List;
import java.util.Set;

/** LegacyKeyValueFormat: {@code ENV key value} and {@code LABEL key value} should be written {@code key=value}. */
final class LegacyKeyValueFormatCheck implements BuildCheck.OfStep {
    private static final Set<String> KEY_VALUE_INSTRUCTIONS = Set.of("ENV", "LABEL");

    @Override
    public String name() {
        return BuildChecks.LEGACY_KEY_VALUE_FORMAT;
    }

    @Override
    public void check(CheckInput input, CheckDispatch.Step step, List<ParseWarning> warnings) {
        if (!KEY_VALUE_INSTRUCTIONS.contains(step.instruction().source().keyword())) {
            return;
        }
        String name = input.keyword(step.instruction());
        List<String> args = input.raw().get(step.instruction()).args(); // key, value, separator: empty when legacy
        for (int i = 0; i + 2 < args.size(); i += 3) {
            if (args.get(i + 2).isEmpty()) {
                warnings.add(warning(
                        input,
                        step.location(),
                        "\"" + name + " key=value\" should be used instead of legacy \"" + name
                                + " key value\" format"));
            }
        }
    }
}
