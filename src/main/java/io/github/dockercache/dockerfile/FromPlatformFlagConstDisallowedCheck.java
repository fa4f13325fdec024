package io.github.dockercache.dockerfile;

import java.util.List;
import java.util.Locale;

/**
 * FromPlatformFlagConstDisallowed: a constant {@code --platform} pins the stage, unless the stage's name says which
 * platform it is for. Checked while BuildKit dispatches the FROM lines.
 */
final class FromPlatformFlagConstDisallowedCheck implements BuildCheck.OfFrom {
    @Override
    public String name() {
        return BuildChecks.FROM_PLATFORM_FLAG_CONST_DISALLOWED;
    }

    @Override
    public void check(CheckInput input, CheckDispatch.From from, List<ParseWarning> warnings) {
        from.platform()
                .filter(match -> match.matched().isEmpty() && match.unmatched().isEmpty())
                .ifPresent(match -> {
                    String[] parts = match.result().split("/");
                    if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                        return; // not a platform: the build fails on it later
                    }
                    String stageName = from.stage().name();
                    String name = stageName == null ? "" : stageName.toLowerCase(Locale.ROOT);
                    if (!name.contains(parts[0].toLowerCase(Locale.ROOT))
                            && !name.contains(parts[1].toLowerCase(Locale.ROOT))) {
                        warnings.add(warning(
                                input,
                                from.location(),
                                "FROM --platform flag should not use constant value \"" + match.result() + "\""));
                    }
                });
    }
}
