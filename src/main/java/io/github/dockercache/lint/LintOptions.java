package io.github.dockercache.lint;

import io.github.dockercache.dockerfile.BuildKitVersion;
import java.util.Set;

/**
 * How to lint.
 *
 * @param checkArgument the {@code BUILDKIT_DOCKERFILE_CHECK} build argument, which replaces every file's
 *     {@code # check=} directive as in BuildKit (even empty), or null to honour each file's directive
 * @param buildkitVersion the BuildKit release whose parser and checks apply
 * @param disabledRules cache-hygiene rule ids not to run
 */
public record LintOptions(String checkArgument, BuildKitVersion buildkitVersion, Set<String> disabledRules) {
    public LintOptions {
        buildkitVersion = buildkitVersion == null ? BuildKitVersion.NEWEST : buildkitVersion;
        disabledRules = disabledRules == null ? Set.of() : Set.copyOf(disabledRules);
    }
}
