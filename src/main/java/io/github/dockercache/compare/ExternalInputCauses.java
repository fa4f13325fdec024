package io.github.dockercache.compare;

import io.github.dockercache.model.FrontendArgs;
import io.github.dockercache.model.ImageSource;
import io.github.dockercache.model.InputName;
import io.github.dockercache.model.StepSnapshot;

/**
 * Causes for key inputs that neither the Dockerfile's words nor the context hold: an image that a step copies or
 * mounts from moved (cache-model §3.5), or a build argument that BuildKit's frontend reads itself changed (§5).
 */
final class ExternalInputCauses {
    private ExternalInputCauses() {}

    /**
     * The cause for the input {@code name} that changed from {@code then} to {@code now}, or null if not one of these.
     *
     * @param cacheNamespaceChanged whether {@code BUILDKIT_CACHE_MOUNT_NS} differs between the two builds
     */
    static Cause of(
            StepSnapshot step,
            StepSnapshot before,
            InputName name,
            String then,
            String now,
            boolean cacheNamespaceChanged) {
        InputName.Source source = ImageSource.keyedSource(name);
        if (source != null) {
            return sourceImage(step, before, source, then, now);
        }
        if (name.toString().equals("hostname")) {
            return new Cause(
                    CauseKind.BUILD_ARG,
                    "BUILDKIT_SANDBOX_HOSTNAME",
                    then,
                    now,
                    "BUILDKIT_SANDBOX_HOSTNAME, the hostname of every RUN, " + InputWords.describeValues(then, now),
                    null);
        }
        if (name instanceof InputName.Source mount
                && mount.is(InputName.Source.CACHE_NAME)
                && cacheNamespaceChanged
                && step.place().text().equals(before.place().text())) {
            return new Cause(
                    CauseKind.BUILD_ARG,
                    FrontendArgs.CACHE_MOUNT_NS,
                    then,
                    now,
                    "the cache name that BuildKit"
                            + " keys for a cache mount without an id of its own, named by "
                            + FrontendArgs.CACHE_MOUNT_NS + ", "
                            + InputWords.describeValues(then, now),
                    null);
        }
        return null;
    }

    /** The image that {@code source} ({@code src[0]}, {@code mount[1]}) reads moved, named with both digests. */
    private static Cause sourceImage(
            StepSnapshot step, StepSnapshot before, InputName.Source source, String then, String now) {
        String image = ImageSource.image(step, source);
        String reader = source.kind() == InputName.Source.Kind.MOUNT
                ? "RUN --mount"
                : step.place().instruction() + " --from";
        String moved = then == null
                ? " was not resolved for the baseline"
                : now == null
                        ? " is not resolved now, as it was for the baseline"
                        : " moved: " + ImageSource.digest(before, source) + " -> " + ImageSource.digest(step, source);
        return new Cause(
                CauseKind.SOURCE_IMAGE,
                image,
                then,
                now,
                "the image " + image + " that " + reader + " reads" + moved,
                Advice.PIN_SOURCE_IMAGE);
    }
}
