package io.github.dockercache.registry;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An image reference parsed and normalised as Docker does ({@code distribution/reference}, {@code ParseNormalizedNamed}):
 * {@code eclipse-temurin:17-jre} is {@code docker.io/library/eclipse-temurin:17-jre}. The first path component is a
 * registry only when it contains {@code .} or {@code :}, is {@code localhost}, or has an upper-case letter;
 * otherwise the image is on Docker Hub, where a single name is an official image under {@code library/}.
 *
 * @param domain the registry as Docker names it ({@code docker.io}, {@code 127.0.0.1:15000})
 * @param path the repository inside the registry ({@code library/eclipse-temurin})
 * @param tag the tag, {@code latest} when neither a tag nor a digest was given; kept beside a digest for messages
 * @param digest the pinned digest, or null
 */
public record DockerReference(String domain, String path, String tag, String digest) {
    static final String DOCKER_HUB = "docker.io";
    /** Docker Hub's API host: {@code docker.io} itself only redirects browsers. */
    static final String DOCKER_HUB_API = "registry-1.docker.io";

    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern PATH = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
                    + "|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("\\w[\\w.-]{0,127}");
    /** Docker refuses a bare image ID where a name is expected, so that it is never taken for a Hub repository. */
    private static final Pattern IMAGE_ID = Pattern.compile("[a-f0-9]{64}");
    /** The algorithms Docker accepts, with their hex lengths: a digest of another length cannot match anything. */
    private static final Map<String, Integer> DIGEST_HEX_LENGTHS = Map.of("sha256", 64, "sha384", 96, "sha512", 128);

    private static final int MAX_NAME_LENGTH = 255;

    /** Parses {@code [registry/]path[:tag][@digest]}. */
    public static DockerReference parse(String reference) throws ImageResolutionException {
        if (reference == null || reference.isBlank()) {
            throw new ImageResolutionException("empty image reference; name an image such as eclipse-temurin:17-jre");
        }
        if (IMAGE_ID.matcher(reference).matches()) {
            throw invalid(reference, "a 64-character image ID is not a name");
        }
        String name = reference;
        String digest = null;
        int at = name.indexOf('@');
        if (at >= 0) {
            digest = name.substring(at + 1);
            name = name.substring(0, at);
            checkDigest(reference, digest);
        }
        String tag = null;
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            tag = name.substring(colon + 1);
            name = name.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw invalid(reference, "bad tag \"" + tag + "\"");
            }
        }
        return withName(reference, name, tag == null && digest == null ? "latest" : tag, digest);
    }

    private static DockerReference withName(String reference, String name, String tag, String digest)
            throws ImageResolutionException {
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        boolean hasDomain = first.contains(".")
                || first.contains(":")
                || first.equals("localhost")
                || !first.equals(first.toLowerCase(Locale.ROOT));
        String domain = hasDomain ? first : DOCKER_HUB;
        String path = hasDomain ? name.substring(slash + 1) : name;
        if (domain.equals("index.docker.io")) {
            domain = DOCKER_HUB;
        }
        if (domain.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        if (!DOMAIN.matcher(domain).matches()) {
            throw invalid(reference, "bad registry \"" + domain + "\"");
        }
        if (!path.equals(path.toLowerCase(Locale.ROOT))) {
            throw invalid(reference, "repository name must be lowercase");
        }
        if (!PATH.matcher(path).matches() || domain.length() + 1 + path.length() > MAX_NAME_LENGTH) {
            throw invalid(reference, "bad repository name \"" + path + "\"");
        }
        return new DockerReference(domain, path, tag, digest);
    }

    private static void checkDigest(String reference, String digest) throws ImageResolutionException {
        if (!isDigest(digest)) {
            throw invalid(reference, "bad digest \"" + digest + "\"");
        }
    }

    /** {@code algorithm:hex} as Docker accepts it; registries' answers are held to it too. */
    static boolean isDigest(String digest) {
        int colon = digest.indexOf(':');
        Integer length = colon < 0 ? null : DIGEST_HEX_LENGTHS.get(digest.substring(0, colon));
        String hex = digest.substring(colon + 1);
        return length != null && hex.length() == length && hex.matches("[a-f0-9]+");
    }

    private static ImageResolutionException invalid(String reference, String why) {
        return new ImageResolutionException("invalid image reference \"" + reference + "\": " + why
                + "; fix the FROM line or the build argument it comes from");
    }

    /** The host the distribution API is served on. */
    public String registryHost() {
        return domain.equals(DOCKER_HUB) ? DOCKER_HUB_API : domain;
    }

    public boolean isPinned() {
        return digest != null;
    }

    /** The tag or digest to ask the registry for: a pinned digest wins over a tag beside it, as in BuildKit. */
    String manifestReference() {
        return isPinned() ? digest : tag;
    }

    /** {@code domain/path}, the repository without tag or digest. */
    public String repository() {
        return domain + "/" + path;
    }

    /** The canonical spelling, {@code docker.io/library/busybox:latest}; with a digest the tag is dropped, as BuildKit does. */
    @Override
    public String toString() {
        return isPinned() ? repository() + "@" + digest : repository() + ":" + tag;
    }
}
