package io.github.dockercache.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * RedundantTargetPlatform: {@code FROM --platform=$TARGETPLATFORM} says what BuildKit does anyway. Checked while
 * BuildKit dispatches the FROM lines.
 */
final class RedundantTargetPlatformCheck implements BuildCheck {
    @Override
    public String name() {
        return BuildChecks.REDUNDANT_TARGET_PLATFORM;
    }

    @Override
    public List<ParseWarning> check(CheckInput input) {
        List<ParseWarning> warnings = new ArrayList<>();
        String targetPlatform = input.dispatch().metaArgs().get(CheckDispatch.TARGETPLATFORM);
        for (CheckDispatch.From from : input.dispatch().froms()) {
            from.platform().ifPresent(match -> {
                if (match.matched().equals(Set.of(CheckDispatch.TARGETPLATFORM)) && match.unmatched().isEmpty()
                        && match.result().equals(targetPlatform)) {
                    warnings.add(warning(input, from.location(), "Setting platform to predefined "
                            + from.stage().from().platform() + " in FROM is redundant as this is the default behavior"));
                }
            });
        }
        return warnings;
    }
}
