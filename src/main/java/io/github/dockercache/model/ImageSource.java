package io.github.dockercache.model;

import io.github.dockercache.registry.DockerReference;
import io.github.dockercache.registry.ImageResolutionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image that {@code COPY --from=<image>} or {@code RUN --mount=from=<image>} reads (cache-model §3.5). BuildKit
 * resolves its tag as for FROM and offers the step two matches: the image's own keys (manifest digest, ChainID of
 * the layers, §2), and, when neither is known, the checksum of the files the step reads from the pulled image. So a
 * tag that moves to other layers rebuilds the step only if those files changed, which the plugin cannot see without
 * pulling the image: the step is then unknown. The image is known as FROM knows it: from the registry with
 * {@code resolve}, else as the baseline recorded it, assumed not to have moved.
 */
public final class ImageSource {
    private ImageSource() {}

    /**
     * The source {@code path} of {@code reference} (as written after {@code --from=}): the normalised reference and
     * the path; for a tag whose image is known, the image's layers (else its digest) as an input that the optimistic
     * key leaves out, and the digest for explanations.
     */
    static SourceContent content(String reference, String path, ImageDigests digests) throws AnalysisException {
        DockerReference parsed = parse(reference);
        String image = parsed == null ? reference : parsed.toString();
        List<Map.Entry<String, String>> inputs = new ArrayList<>();
        inputs.add(InputName.IMAGE.entry(image));
        inputs.add(Map.entry("path", path));
        // a pinned reference names its image already; an invalid one BuildKit rejects when it builds
        BaseImage known = parsed == null || parsed.isPinned() ? null : digests.imageOf(image, null);
        if (known == null) {
            return SourceContent.known(inputs, List.of());
        }
        if (known.layers() != null) {
            inputs.add(new InputName.Upstream(InputName.LAYERS).entry(known.layers()));
            inputs.add(new InputName.Unkeyed(InputName.DIGEST).entry(known.digest()));
        } else {
            inputs.add(new InputName.Upstream(InputName.DIGEST).entry(known.digest()));
        }
        String reason = "the image " + image + " that this step reads " + path + " from moved to other layers: the step"
                + " stays cached only if " + path + " comes out byte-identical, which takes pulling the image to know";
        return new SourceContent(inputs, List.of(), null, reason, true);
    }

    /**
     * The source ({@code src[0]}, {@code mount[1]}) whose image an input keys ({@code upstream:src[0].layers}), or
     * null when the input is no such key.
     */
    public static InputName.Source keyedSource(InputName input) {
        return input instanceof InputName.Upstream upstream
                        && upstream.name() instanceof InputName.Source source
                        && (source.is(InputName.LAYERS.name()) || source.is(InputName.DIGEST.name()))
                ? source.whole()
                : null;
    }

    /** The image reference a step's source reads ({@code src[0]}), or null when it reads no image. */
    public static String image(StepSnapshot step, InputName.Source source) {
        return step.reads().inputs().get(InputName.IMAGE.within(source).toString());
    }

    /** The digest recorded for the image a step's source reads, or null when none was. */
    public static String digest(StepSnapshot step, InputName.Source source) {
        String recorded = step.reads()
                .inputs()
                .get(new InputName.Unkeyed(InputName.DIGEST).within(source).toString());
        return recorded != null
                ? recorded
                : step.reads()
                        .inputs()
                        .get(new InputName.Upstream(InputName.DIGEST)
                                .within(source)
                                .toString());
    }

    /** Each image the step's sources read, as the step recorded it: reference to image, without configuration. */
    static Map<String, BaseImage> recordedIn(StepSnapshot step) {
        Map<String, BaseImage> images = new LinkedHashMap<>();
        for (String input : step.reads().inputs().keySet()) {
            InputName.Source source = keyedSource(InputName.parse(input));
            if (source != null && image(step, source) != null) {
                String layers = step.reads()
                        .inputs()
                        .get(new InputName.Upstream(InputName.LAYERS)
                                .within(source)
                                .toString());
                images.put(image(step, source), new BaseImage(digest(step, source), layers, null));
            }
        }
        return images;
    }

    private static DockerReference parse(String reference) {
        try {
            return DockerReference.parse(reference);
        } catch (ImageResolutionException e) {
            return null;
        }
    }
}
