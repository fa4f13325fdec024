package io.github.dockercache.lint;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The least level of finding that fails the lint, or {@link #NEVER}. */
public enum LintFailOn {
    INFO(Level.INFO),
    WARNING(Level.WARNING),
    ERROR(Level.ERROR),
    NEVER(null);

    private final Level least;

    LintFailOn(Level least) {
        this.least = least;
    }

    /**
     * Reads a setting, in any case.
     *
     * @throws IllegalArgumentException naming the values it takes
     */
    public static LintFailOn fromSetting(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "'" + value + "' is not one of "
                            + Arrays.stream(values()).map(LintFailOn::label).collect(Collectors.joining(", ")),
                    e);
        }
    }

    /** True when a finding of {@code level} fails the lint. */
    public boolean fails(Level level) {
        return least != null && level.compareTo(least) >= 0;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
