package io.github.dockercache.model;

import java.util.Locale;

/** Which of Docker's builders runs the build: their cache rules differ (cache-model §10). */
public enum Builder {
    /** BuildKit, the default since Docker Engine 23. */
    BUILDKIT,
    /** The legacy builder ({@code DOCKER_BUILDKIT=0}), which some CI agents still use. */
    CLASSIC;

    /** The setting's spelling: {@code buildkit} or {@code classic}. */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a setting value; the message of the exception says which values are accepted. */
    public static Builder fromSetting(String value) {
        for (Builder builder : values()) {
            if (builder.settingName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return builder;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a builder: use buildkit or classic");
    }
}
