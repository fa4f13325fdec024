package io.github.dockercache.dockerfile;

import java.util.Optional;

/**
 * The configurations of the {@code FROM} images that are known, for the build checks that depend on them.
 * Where a configuration is unknown those checks are not made for the stage (never a guessed warning).
 */
@FunctionalInterface
public interface BaseImageConfigs {
    /** No image configuration known: only {@code FROM scratch} and stages built from other stages are judged. */
    BaseImageConfigs NONE = (reference, platform) -> Optional.empty();

    /**
     * @param reference the image as the FROM line names it after global-argument expansion
     * @param platform the platform the stage asks for ({@code os/arch[/variant]}), or null for the default
     */
    Optional<BaseImageConfig> config(String reference, String platform);
}
