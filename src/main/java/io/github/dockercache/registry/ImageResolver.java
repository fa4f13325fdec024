package io.github.dockercache.registry;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.dockercache.files.JsonReasons;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a {@code FROM} image's tag to the digest BuildKit would pin (cache-model §2), over the OCI distribution API and
 * without a Docker daemon. A pinned {@code name@digest} is returned as it is, without a request.
 *
 * <p>A HEAD comes first: it is enough for a single-platform image and does not count against Docker Hub's pull
 * limit. Only an index is then fetched, by the digest the HEAD gave, so that a tag moved in between cannot mix two
 * images into one answer.
 */
public final class ImageResolver {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final Map<String, Credentials> credentials;

    /** A resolver that asks every registry anonymously. */
    public ImageResolver() {
        this(Map.of());
    }

    /**
     * @param credentials by registry as Docker names it in a reference: {@code docker.io} for Docker Hub, else
     *     {@code host[:port]}
     */
    public ImageResolver(Map<String, Credentials> credentials) {
        this(
                HttpClient.newBuilder()
                        .connectTimeout(CONNECT_TIMEOUT)
                        // registries may redirect manifests to a CDN; NORMAL never follows https to http
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build(),
                credentials);
    }

    /** A resolver that talks through {@code http}: the fuzz test answers from its input instead of a network. */
    ImageResolver(HttpClient http, Map<String, Credentials> credentials) {
        this.http = http;
        this.credentials = Map.copyOf(credentials);
    }

    /**
     * @param reference as in a {@code FROM} line, after build-argument expansion
     * @param platform {@code os/architecture[/variant]}; null or blank for {@code linux/amd64}
     */
    public ResolvedImage resolve(String reference, String platform) throws ImageResolutionException {
        DockerReference image = DockerReference.parse(reference);
        Platform wanted = Platform.parse(platform);
        if (image.isPinned()) {
            return new ResolvedImage(image.toString(), image.digest(), null);
        }
        RegistryClient registry = new RegistryClient(http, image, reference, credentials.get(image.domain()));
        HttpResponse<byte[]> head = registry.manifest("HEAD", image.tag());
        Optional<String> headDigest = contentDigest(head, reference);
        if (headDigest.isPresent() && MediaTypes.isManifest(contentType(head))) {
            return new ResolvedImage(image.toString(), headDigest.get(), headDigest.get());
        }
        HttpResponse<byte[]> get = registry.manifest("GET", headDigest.orElse(image.tag()));
        String digest = (headDigest.isPresent() ? headDigest : contentDigest(get, reference))
                .orElseGet(() -> sha256(get.body()));
        if (!ManifestIndex.isIndex(contentType(get), get.body())) {
            return new ResolvedImage(image.toString(), digest, digest);
        }
        String platformDigest = ManifestIndex.parse(get.body(), reference).digestFor(wanted, reference);
        return new ResolvedImage(image.toString(), digest, platformDigest);
    }

    /**
     * The configuration of the image {@code reference} pulls for {@code platform}: the platform's manifest (chosen
     * from an index as {@link #resolve} does), then the config blob it names.
     */
    public ImageConfig config(String reference, String platform) throws ImageResolutionException {
        DockerReference image = DockerReference.parse(reference);
        Platform wanted = Platform.parse(platform);
        RegistryClient registry = new RegistryClient(http, image, reference, credentials.get(image.domain()));
        HttpResponse<byte[]> manifest = registry.manifest("GET", image.isPinned() ? image.digest() : image.tag());
        if (ManifestIndex.isIndex(contentType(manifest), manifest.body())) {
            manifest = registry.manifest(
                    "GET", ManifestIndex.parse(manifest.body(), reference).digestFor(wanted, reference));
        }
        try {
            String configDigest = JsonParser.parseString(new String(manifest.body(), StandardCharsets.UTF_8))
                    .getAsJsonObject()
                    .getAsJsonObject("config")
                    .get("digest")
                    .getAsString();
            JsonObject config = JsonParser.parseString(
                            new String(registry.blob(configDigest).body(), StandardCharsets.UTF_8))
                    .getAsJsonObject();
            JsonElement runConfig = config.get("config");
            JsonObject run =
                    runConfig != null && runConfig.isJsonObject() ? runConfig.getAsJsonObject() : new JsonObject();
            JsonElement rootfs = config.get("rootfs");
            boolean layered = rootfs != null
                    && rootfs.isJsonObject()
                    && "layers".equals(string(rootfs.getAsJsonObject(), "type"));
            return new ImageConfig(
                    strings(run, "Env"),
                    string(config, "os"),
                    string(config, "architecture"),
                    string(config, "variant"),
                    layered ? strings(rootfs.getAsJsonObject(), "diff_ids") : List.of(),
                    string(run, "WorkingDir"),
                    string(run, "User"),
                    strings(run, "Shell"));
        } catch (RuntimeException e) { // malformed JSON, or members of the wrong type
            throw new ImageResolutionException("the registry's manifest or config for " + reference
                    + " is not a usable image configuration: " + JsonReasons.firstLine(e));
        }
    }

    /** A member that is an array of strings; empty when absent or null. */
    private static List<String> strings(JsonObject object, String member) {
        List<String> values = new ArrayList<>();
        JsonElement value = object.get(member);
        if (value != null && value.isJsonArray()) {
            value.getAsJsonArray().forEach(entry -> values.add(entry.getAsString()));
        }
        return values;
    }

    private static String string(JsonObject object, String member) {
        JsonElement value = object.get(member);
        return value == null || !value.isJsonPrimitive() ? "" : value.getAsString();
    }

    /** The digest a registry gives in its header; one that is no digest fails, as in containerd's resolver. */
    private static Optional<String> contentDigest(HttpResponse<?> response, String reference)
            throws ImageResolutionException {
        Optional<String> digest = response.headers().firstValue("Docker-Content-Digest");
        if (digest.isPresent() && !DockerReference.isDigest(digest.get())) {
            throw new ImageResolutionException("the registry sent a Docker-Content-Digest header for " + reference
                    + " that is not a digest; " + ImageResolutionException.PIN_OR_SKIP);
        }
        return digest;
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse(null);
    }

    /** A manifest's digest is the sha256 of its bytes as served, which is what a registry without the header means. */
    static String sha256(byte[] body) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
