package io.github.dockercache.lint;

import java.util.Locale;

/** How much a lint finding matters, least first. */
public enum Level {
    /** A cache-hygiene hint that costs cache only in some builds. */
    INFO,
    /** What {@code docker build --check} warns about, or a cache-hygiene rule's warning. */
    WARNING,
    /** The file does not parse, cannot be read, or its {@code # check=error=true} makes BuildKit refuse it. */
    ERROR;

    /** The lower-case name, as the outputs and settings spell it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
