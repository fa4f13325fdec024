package io.github.dockercache.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * BuildKit's automatic platform arguments (cache-model §7), for a builder on the machine the plugin runs on, and what a
 * FROM's {@code --platform} puts into the key (cache-model §2).
 */
final class Platforms {
    private static final Pattern TARGET_PLATFORM = Pattern.compile("\\$(TARGETPLATFORM|\\{TARGETPLATFORM})");
    private static final Pattern BUILD_PLATFORM = Pattern.compile("\\$(BUILDPLATFORM|\\{BUILDPLATFORM})");

    private Platforms() {}

    /**
     * The platform a FROM keys, or null when it keys none. The frontend gives every op of a stage its platform, the
     * target platform when none is written, so {@code --platform=$TARGETPLATFORM} is the same key as none. Any other
     * value is kept: {@code $BUILDPLATFORM} as written, since it is the target platform only when the build sets no
     * other {@code --platform}, and a platform as expanded, which is the target platform only on a builder that
     * builds for it; the plugin sees neither (see {@link #unknownReason}).
     *
     * @param written the {@code --platform} word as written, or null
     * @param expanded the word expanded with the global ARGs, or null
     */
    static String keyedFromPlatform(String written, String expanded, String targetStage) {
        if (expanded == null
                || TARGET_PLATFORM.matcher(written).matches()
                        && expanded.equals(automaticArg("TARGETPLATFORM", targetStage))) {
            return null;
        }
        return BUILD_PLATFORM.matcher(written).matches() && expanded.equals(automaticArg("BUILDPLATFORM", targetStage))
                ? "$BUILDPLATFORM"
                : expanded;
    }

    /** Why a FROM that keys {@code keyed} (not null) may be cached where one with another platform was built. */
    static String unknownReason(String keyed) {
        return "BuildKit keys the platform a stage is built for, and FROM --platform=" + keyed
                + " is the one a FROM without --platform gets only when "
                + (keyed.equals("$BUILDPLATFORM")
                        ? "the build sets no other --platform"
                        : "the builder builds for " + keyed + " by default")
                + ", which the plugin cannot see";
    }

    static String automaticArg(String name, String targetStage) {
        String os = "linux";
        String arch = architecture();
        return switch (name) {
            case "BUILDPLATFORM", "TARGETPLATFORM" -> os + "/" + arch;
            case "BUILDOS", "TARGETOS" -> os;
            case "BUILDARCH", "TARGETARCH" -> arch;
            case "BUILDVARIANT", "TARGETVARIANT", "BUILDOSVERSION", "TARGETOSVERSION" -> "";
            case "TARGETSTAGE" -> targetStage;
            default -> null;
        };
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch", "amd64").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
    }
}
