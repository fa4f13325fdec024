package io.github.dockercache.cost;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The label BuildKit's Dockerfile frontend gives a step's vertex: {@code [<platform> <stage> <N>/<M>] <text>}.
 *
 * <p>The frontend writes the platform only in multi-platform builds, and the stage name only when the Dockerfile has
 * several stages (BuildKit 0.13 also writes {@code stage-0} for a single stage); a stage's name is its lower-case
 * {@code AS} name or {@code stage-<index>}. N is padded with spaces to the width of M ({@code [build  4/12]}).
 * Vertices not made from a Dockerfile step ({@code [internal] load build context}, {@code exporting to image})
 * carry no such label.
 */
record StepLabel(String stage, int number, String text) {
    // A platform has a slash and a stage name (^[a-z][a-z0-9-_.]*$) none, so the two optional words cannot be mixed up.
    private static final Pattern LABEL =
            Pattern.compile("^\\[(?:[^\\s\\]/]+/[^\\s\\]]+ )?(?:([A-Za-z][\\w.-]*) )? *(\\d+)/\\d+\\] (.*)$");

    /** The label of a vertex name, or empty for a vertex that is not a Dockerfile step. */
    static Optional<StepLabel> parse(String vertexName) {
        Matcher m = LABEL.matcher(vertexName);
        if (!m.matches()) {
            return Optional.empty();
        }
        String stage = m.group(1) == null ? null : m.group(1).toLowerCase(Locale.ROOT);
        return Optional.of(new StepLabel(stage, Integer.parseInt(m.group(2)), m.group(3)));
    }
}
