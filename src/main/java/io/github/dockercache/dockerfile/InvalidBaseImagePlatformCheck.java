package io.github.dockercache.dockerfile;

import java.util.List;
import java.util.Locale;

/**
 * InvalidBaseImagePlatform: the base image's platform must be the one the stage asks for, else the build's target
 * platform (linux/amd64, the platform the checks assume, which is also the only build platform). Made only for
 * images whose configuration {@link BaseImageConfigs} knows. Checked while BuildKit dispatches the FROM lines.
 */
final class InvalidBaseImagePlatformCheck implements BuildCheck.OfFrom {
    @Override
    public String name() {
        return BuildChecks.INVALID_BASE_IMAGE_PLATFORM;
    }

    @Override
    public void check(CheckInput input, CheckDispatch.From from, List<ParseWarning> warnings) {
        BaseImageConfig config = from.imageConfig();
        if (config == null) {
            return;
        }
        String platform = from.platform().map(ShellLexer.Expansion::result).orElse(null);
        String[] expected = normalizedPlatform(platform == null || platform.isEmpty() ? "linux/amd64" : platform);
        String[] actual = normalizedPlatform(
                config.os() + "/" + config.architecture() + (config.variant().isEmpty() ? "" : "/" + config.variant()));
        if (expected == null || actual == null) {
            return; // not a platform: the build fails on it before any check
        }
        if (!expected[0].equals(actual[0]) || !expected[1].equals(actual[1])) {
            warnings.add(warning(
                    input,
                    from.location(),
                    "Base image " + from.image().orElseThrow().result()
                            + " was pulled with platform " + GoText.quote(String.join("/", actual)) + ", expected "
                            + GoText.quote(String.join("/", expected)) + " for current build"));
        }
    }

    /**
     * containerd's {@code platforms.Normalize} for the common spellings: {@code os/arch[/variant]} with the
     * architecture's aliases folded and its default variant dropped (or added for 32-bit arm). Null if not a platform.
     */
    private static String[] normalizedPlatform(String platform) {
        String[] parts = platform.toLowerCase(Locale.ROOT).split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return null;
        }
        String arch = parts[1];
        String variant = parts.length == 3 ? parts[2] : "";
        switch (arch) {
            case "i386" -> arch = "386";
            case "x86_64", "x86-64", "amd64" -> {
                arch = "amd64";
                variant = variant.equals("v1") ? "" : variant;
            }
            case "aarch64", "arm64" -> {
                arch = "arm64";
                variant = variant.equals("8") || variant.equals("v8") || variant.equals("v8.0") ? "" : variant;
            }
            case "armhf" -> {
                arch = "arm";
                variant = "v7";
            }
            case "armel" -> {
                arch = "arm";
                variant = "v6";
            }
            case "arm" ->
                variant = switch (variant) {
                    case "", "7" -> "v7";
                    case "5", "6", "8" -> "v" + variant;
                    default -> variant;
                };
            default -> {}
        }
        return variant.isEmpty() ? new String[] {parts[0], arch} : new String[] {parts[0], arch, variant};
    }
}
