package io.github.dockercache.workflow;

import java.util.Locale;

/** What check and explain do when there is no baseline to compare with. */
public enum OnMissingBaseline {
    /** Say so (a warning when a remote baseline could not be reached) and do not fail. */
    WARN,
    /** Fail the build: for CI gates that must never pass unchecked. */
    FAIL,
    /** Skip the comparison with one line of information. */
    SKIP;

    public static OnMissingBaseline parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not one of warn, fail, skip", e);
        }
    }
}
