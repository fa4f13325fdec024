package io.github.dockercache.model;

import java.util.Locale;

/** BuildKit's automatic platform arguments (cache-model §7), for a builder on the machine the plugin runs on. */
final class Platforms {
    private Platforms() {}

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
