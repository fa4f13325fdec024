package io.github.dockercache.compare;

import java.util.List;
import java.util.Locale;

/** When a comparison fails the build. */
public enum FailOn {
    /** A stable step would be rebuilt for an unexpected reason. */
    STABLE,
    /** Any step would be rebuilt for an unexpected reason. */
    ANY,
    /** Never: report only. */
    NEVER;

    /** Parses {@code stable}, {@code any} or {@code never}, case-insensitively. */
    public static FailOn parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not one of stable, any, never", e);
        }
    }

    /** The steps that break the rule. */
    public List<StepResult> violations(List<StepResult> steps) {
        return steps.stream()
                .filter(step -> step.verdict() == Verdict.REBUILT && !step.expected())
                .filter(step -> this == ANY || this == STABLE && step.stable())
                .toList();
    }
}
