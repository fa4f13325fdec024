package io.github.dockercache.report;

import io.github.dockercache.compare.StepResult;
import java.util.Collection;

/**
 * How a verdict looks: a CSS class for its colour and a label that says the same in words, so that the
 * verdict never depends on colour alone (nor on a colour printer).
 */
enum VerdictLook {
    // in the order of the legend and the counts
    CACHED("cached", "Cached", 0),
    REBUILT("rebuilt", "Rebuilt", 3),
    /** Rebuilt because of an expected change, such as a dependency manifest: not a problem. */
    EXPECTED("expected", "Rebuilt (expected)", 1),
    UNKNOWN("unknown", "Unknown", 2);

    final String cssClass;
    final String label;
    /** How much a lane or an arrow with this verdict needs attention, for {@link #worst}. */
    private final int severity;

    VerdictLook(String cssClass, String label, int severity) {
        this.cssClass = cssClass;
        this.label = label;
        this.severity = severity;
    }

    static VerdictLook of(StepResult step) {
        return switch (step.verdict()) {
            case CACHED -> CACHED;
            case REBUILT -> step.expected() ? EXPECTED : REBUILT;
            case UNKNOWN -> UNKNOWN;
        };
    }

    /** The look of a group of steps: its most serious verdict. */
    static VerdictLook worst(Collection<StepResult> steps) {
        VerdictLook worst = CACHED;
        for (StepResult step : steps) {
            VerdictLook look = of(step);
            if (look.severity > worst.severity) {
                worst = look;
            }
        }
        return worst;
    }
}
