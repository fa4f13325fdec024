package io.github.dockercache.model;

import io.github.dockercache.registry.ImageConfig;
import io.github.dockercache.registry.ImageResolutionException;
import io.github.dockercache.registry.ImageResolver;
import io.github.dockercache.registry.ResolvedImage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a FROM tag stands for: BuildKit keys a FROM on its digest and on its layers (cache-model §2), so a moved tag rebuilds
 * the stage unless the layers stayed. Offline it can only be what a baseline recorded; a registry can be asked when
 * the user allows it.
 */
@FunctionalInterface
public interface ImageDigests {
    /** Nothing known: FROM is keyed on the reference as written. */
    ImageDigests NONE = (reference, platform) -> null;

    /**
     * What {@code reference} is, or null when unknown.
     *
     * @param reference the normalised reference ({@code docker.io/library/busybox:1.36})
     * @param platform the FROM's {@code --platform}, or null for the default
     */
    BaseImage imageOf(String reference, String platform) throws AnalysisException;

    /**
     * What {@code snapshot} recorded for each image it reads, by normalised reference: FROM images with their
     * configuration, and the images {@code COPY --from} and {@code RUN --mount=from=} read (cache-model §2, §3.5).
     */
    static Map<String, BaseImage> recordedIn(Snapshot snapshot) {
        Map<String, BaseImage> recorded = new LinkedHashMap<>();
        for (StepSnapshot step : snapshot.steps()) {
            BaseImage image = step.place().instruction().equals("FROM") ? BaseImage.recordedIn(step) : null;
            if (image != null) {
                recorded.put(step.reads().inputs().get("image"), image);
            }
        }
        for (StepSnapshot step : snapshot.steps()) { // a FROM's record also knows the image's configuration
            ImageSource.recordedIn(step).forEach(recorded::putIfAbsent);
        }
        return recorded;
    }

    /**
     * The registry's answer, as the {@code resolve} setting asks it: the digest the tag points to, then the
     * configuration of that very manifest (not of the tag again, which may have moved in between). Each image is
     * asked once.
     */
    static ImageDigests resolving(ImageResolver resolver) {
        Map<String, BaseImage> resolved = new HashMap<>();
        return (reference, platform) -> {
            String key = reference + " " + platform;
            if (!resolved.containsKey(key)) {
                try {
                    ResolvedImage image = resolver.resolve(reference, platform);
                    ImageConfig config = resolver.config(image.pinned(), platform);
                    resolved.put(
                            key,
                            new BaseImage(
                                    image.digest(),
                                    config.chainId(),
                                    new BaseImage.Config(
                                            config.env(), config.workingDir(), config.user(), config.shell())));
                } catch (ImageResolutionException e) {
                    throw new AnalysisException(e.getMessage(), e);
                }
            }
            return resolved.get(key);
        };
    }
}
