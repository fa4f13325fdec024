package io.github.dockercache.report;

import java.util.Locale;

/** The goal a report is written for: each writes its own files, and says whose they are. */
public enum Goal {
    /** The gate: its reports say whether the build fails. */
    CHECK,
    /** The explanation: its reports say what check would decide, and never fail the build. */
    EXPLAIN;

    /** The goal as users type it: {@code check}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
