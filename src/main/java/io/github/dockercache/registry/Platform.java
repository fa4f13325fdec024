package io.github.dockercache.registry;

import java.util.Locale;
import java.util.Map;

/**
 * A target platform, {@code os/architecture[/variant]}, normalised as containerd does so that {@code linux/aarch64}
 * finds an index entry written as {@code linux/arm64} and {@code arm64/v8} matches an entry without a variant.
 */
record Platform(String os, String architecture, String variant) {
    static final Platform DEFAULT = new Platform("linux", "amd64", "");

    private static final Map<String, String> ARCHITECTURE_ALIASES =
            Map.of("x86_64", "amd64", "x86-64", "amd64", "aarch64", "arm64", "i386", "386");

    static Platform parse(String platform) throws ImageResolutionException {
        if (platform == null || platform.isBlank()) {
            return DEFAULT;
        }
        String[] parts = platform.strip().toLowerCase(Locale.ROOT).split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new ImageResolutionException("invalid platform \"" + platform
                    + "\"; write it as os/architecture[/variant], such as linux/amd64 or linux/arm64/v8");
        }
        return of(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
    }

    /** A platform from an index entry's fields, any of which may be missing. */
    static Platform of(String os, String architecture, String variant) {
        String arch = ARCHITECTURE_ALIASES.getOrDefault(nullToEmpty(architecture), nullToEmpty(architecture));
        String normalisedVariant = nullToEmpty(variant);
        // arm64 has one variant in practice; registries write it or leave it out
        if (arch.equals("arm64") && normalisedVariant.equals("v8")) {
            normalisedVariant = "";
        }
        return new Platform(nullToEmpty(os), arch, normalisedVariant);
    }

    /** True when an image built for {@code candidate} is what this platform pulls. */
    boolean accepts(Platform candidate) {
        return os.equals(candidate.os)
                && architecture.equals(candidate.architecture)
                && (variant.isEmpty() || variant.equals(candidate.variant));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
    }
}
