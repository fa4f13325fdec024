package io.github.dockercache.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * FromPlatformFlagConstDisallowed: a constant {@code --platform} pins the stage, unless the stage's name says which
 * platform it is for. Checked while BuildKit dispatches the FROM lines.
 */
final class FromPlatformFlagConstDisallowedCheck implements BuildCheck {
    @Override
    public String name() {
        return BuildChecks.FROM_PLATFORM_FLAG_CONST_DISALLOWED;
    }

    @Override
    public List<ParseWarning> check(CheckInput input) {
        List<ParseWarning> warnings = new ArrayList<>();
        for (CheckDispatch.From from : input.dispatch().froms()) {
            from.platform().filter(match -> match.matched().isEmpty() && match.unmatched().isEmpty()).ifPresent(match -> {
                String[] parts = match.result().split("/");
                if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                    return; // not a platform: the build fails on it later
                }
                String stageName = from.stage().name();
                String name = stageName == null ? "" : stageName.toLowerCase(Locale.ROOT);
                if (!name.contains(parts[0].toLowerCase(Locale.ROOT))
                        && !name.contains(parts[1].toLowerCase(Locale.ROOT))) {
                    warnings.add(warning(input, from.location(),
                            "FROM --platform flag should not use constant value \"" + match.result() + "\""));
                }
            });
        }
        return warnings;
    }
}
