package io.github.dockercache.dockerfile;

import java.util.List;

/**
 * InvalidDefaultArgInFrom: a base name built from global ARG defaults alone must still name an image (build args
 * are not looked at). Checked while BuildKit dispatches the FROM lines.
 */
final class InvalidDefaultArgInFromCheck implements BuildCheck.OfFrom {
    @Override
    public String name() {
        return BuildChecks.INVALID_DEFAULT_ARG_IN_FROM;
    }

    @Override
    public void check(CheckInput input, CheckDispatch.From from, List<ParseWarning> warnings) {
        from.image()
                .filter(match ->
                        !match.matched().isEmpty() || !match.unmatched().isEmpty())
                .ifPresent(match -> {
                    String name = match.result();
                    boolean invalid = name.isEmpty()
                            || name.startsWith(":")
                            || name.startsWith("@")
                            || name.startsWith("/")
                            || name.endsWith(":")
                            || name.endsWith("/")
                            || name.endsWith("@")
                            || name.contains("//");
                    if (invalid) {
                        warnings.add(warning(
                                input,
                                from.location(),
                                "Default value for ARG " + from.stage().from().image()
                                        + " results in empty or invalid base image name"));
                    }
                });
    }
}
