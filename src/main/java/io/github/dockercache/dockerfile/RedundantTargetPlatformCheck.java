package io.github.dockercache.dockerfile;

import java.util.List;
import java.util.Set;

/**
 * RedundantTargetPlatform: {@code FROM --platform=$TARGETPLATFORM} says what BuildKit does anyway. Checked while
 * BuildKit dispatches the FROM lines.
 */
final class RedundantTargetPlatformCheck implements BuildCheck.OfFrom {
    @Override
    public String name() {
        return BuildChecks.REDUNDANT_TARGET_PLATFORM;
    }

    @Override
    public void check(CheckInput input, CheckDispatch.From from, List<ParseWarning> warnings) {
        String targetPlatform = input.dispatch().metaArgs().get(CheckDispatch.TARGETPLATFORM);
        from.platform().ifPresent(match -> {
            if (match.matched().equals(Set.of(CheckDispatch.TARGETPLATFORM))
                    && match.unmatched().isEmpty()
                    && match.result().equals(targetPlatform)) {
                warnings.add(warning(
                        input,
                        from.location(),
                        "Setting platform to predefined " + from.stage().from().platform()
                                + " in FROM is redundant as this is the default behavior"));
            }
        });
    }
}
