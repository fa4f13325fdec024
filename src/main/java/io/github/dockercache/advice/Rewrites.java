package io.github.dockercache.advice;

import io.github.dockercache.dockerfile.BaseImageConfigs;
import io.github.dockercache.dockerfile.CheckOptions;
import io.github.dockercache.dockerfile.Dockerfile;
import io.github.dockercache.dockerfile.DockerfileException;
import io.github.dockercache.dockerfile.DockerfileReader;
import io.github.dockercache.dockerfile.ParseWarning;
import io.github.dockercache.model.BuildSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Dockerfile edits applied to the text, and the check that what they write still builds. */
public final class Rewrites {
    /** A value the plugin cannot know, written {@code <like this>} in a fix. */
    public static final Pattern PLACEHOLDER = Pattern.compile("<[^<>\\n]+>");
    /** What stands in for a placeholder when a rewrite is parsed: valid as a digest, a checksum, a tag or a version. */
    private static final String STAND_IN = "0".repeat(64);

    private Rewrites() {}

    /**
     * The Dockerfile text with the edits applied (ignore-file edits are left out), lines ending in {@code \n}.
     *
     * @throws IllegalArgumentException when two edits touch the same lines or one reaches past the end
     */
    public static String apply(String text, List<Edit> edits) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        List<Edit.DockerfileLines> rewrites = edits.stream()
                .filter(Edit.DockerfileLines.class::isInstance)
                .map(Edit.DockerfileLines.class::cast)
                .sorted(Comparator.comparingInt(Edit.DockerfileLines::first).reversed())
                .toList();
        int limit = lines.size() + 1;
        for (Edit.DockerfileLines edit : rewrites) {
            if (edit.last() >= limit || edit.last() > lines.size()) {
                throw new IllegalArgumentException("edits overlap or reach past the end at line " + edit.first());
            }
            lines.subList(edit.first() - 1, edit.last()).clear();
            lines.addAll(edit.first() - 1, edit.lines());
            limit = edit.first();
        }
        return lines.stream().map(line -> line + "\n").collect(Collectors.joining());
    }

    /** The text with every placeholder replaced by a well-formed stand-in, as a user would fill it in. */
    public static String filled(String text) {
        return PLACEHOLDER.matcher(text).replaceAll(STAND_IN);
    }

    /**
     * True when the Dockerfile the edits write, placeholders filled in, parses for the build's BuildKit release and
     * its build checks give no warning of a rule more often than the original's.
     */
    static boolean keepsBuilding(AdviceInput input, List<Edit> edits) {
        if (edits.stream().noneMatch(Edit.DockerfileLines.class::isInstance)) {
            return true;
        }
        String name = input.dockerfile().displayName();
        try {
            Dockerfile original = parse(input.text(), name, input.build());
            return !addsWarnings(original, parse(filled(apply(input.text(), edits)), name, input.build()));
        } catch (DockerfileException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Parses as the analysis did: the same BuildKit release and check options. */
    public static Dockerfile parse(String text, String displayName, BuildSettings build) throws DockerfileException {
        return DockerfileReader.parse(
                text,
                displayName,
                BaseImageConfigs.NONE,
                CheckOptions.fromBuildArg(build.buildArgs()),
                build.buildkitVersion());
    }

    /** True when {@code after} warns about some rule more often than {@code before}. */
    public static boolean addsWarnings(Dockerfile before, Dockerfile after) {
        Map<String, Long> was = countByRule(before);
        return countByRule(after).entrySet().stream()
                .anyMatch(rule -> rule.getValue() > was.getOrDefault(rule.getKey(), 0L));
    }

    private static Map<String, Long> countByRule(Dockerfile dockerfile) {
        return dockerfile.warnings().stream().collect(Collectors.groupingBy(ParseWarning::rule, Collectors.counting()));
    }
}
