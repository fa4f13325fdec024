package io.github.dockercache.advice;

import io.github.dockercache.dockerfile.FromInstruction;
import io.github.dockercache.dockerfile.Stage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * DC301: a base image named by tag. BuildKit resolves the tag on every build (cache-model §2), so a re-pushed tag
 * with new layers rebuilds every step of the stage; only a digest keeps the base fixed.
 */
final class UnpinnedBaseImageRule implements Rule {
    static final String ID = "DC301";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(AdviceInput input) {
        List<Finding> findings = new ArrayList<>();
        Set<String> earlierStages = new HashSet<>();
        for (Stage stage : input.dockerfile().stages()) {
            FromInstruction from = stage.from();
            imageOf(input, from)
                    .filter(image -> !isStageOrScratch(image, earlierStages) && !ImageNames.isPinned(image))
                    .ifPresent(image -> findings.add(finding(from, image, stage)));
            if (stage.name() != null) {
                earlierStages.add(stage.name().toLowerCase(Locale.ROOT));
            }
        }
        return findings;
    }

    /** The image as written, or as the snapshot expanded it when it uses variables; empty when unknown. */
    private static Optional<String> imageOf(AdviceInput input, FromInstruction from) {
        if (!from.image().contains("$")) {
            return Optional.of(from.image());
        }
        return input.step(from).map(step -> step.reads().inputs()).map(inputs -> inputs.get("image"));
    }

    private static boolean isStageOrScratch(String image, Set<String> earlierStages) {
        String name = image.toLowerCase(Locale.ROOT);
        return name.equals("scratch") || earlierStages.contains(name);
    }

    private static Finding finding(FromInstruction from, String image, Stage stage) {
        String tag = ImageNames.tag(image);
        String stageName = stage.name() != null
                ? "'" + stage.name() + "'"
                : "stage-" + stage.index(); // as the step table names it
        boolean floating = tag == null || tag.equals("latest");
        String message = (tag == null
                        ? image + " has no tag, so it follows latest"
                        : floating ? image + " follows latest" : image + " is a tag, not a digest")
                + ": when the tag moves to new layers, every step of " + stageName + " rebuilds";
        String pinned =
                floating ? ImageNames.repository(image) + ":<version>@sha256:<digest>" : image + "@sha256:<digest>";
        String what = floating ? "choose a version and pin its digest" : "pin the digest";
        String how = what + " (docker buildx imagetools inspect " + image + " prints it)";
        Severity severity = floating ? Severity.WARNING : Severity.INFO;
        if (from.image().contains("$")) {
            return Finding.at(
                    ID,
                    severity,
                    from.source(),
                    message,
                    what + " in the value that " + from.image() + " expands to, " + pinned
                            + " (docker buildx imagetools inspect " + image + " prints it)");
        }
        String line = pinnedLine(from, pinned);
        return Finding.at(ID, severity, from.source(), message, Fixes.of(how, line))
                .withEdits(Instructions.replace(from.source(), line));
    }

    private static String pinnedLine(FromInstruction from, String pinned) {
        StringBuilder line = new StringBuilder(Instructions.keyword(from.source()));
        if (from.platform() != null) {
            line.append(" --platform=").append(from.platform());
        }
        line.append(' ').append(pinned);
        if (from.stageName() != null) {
            line.append(" AS ").append(from.stageName());
        }
        return line.toString();
    }
}
