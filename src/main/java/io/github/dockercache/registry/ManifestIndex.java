package io.github.dockercache.registry;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.dockercache.files.JsonReasons;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A multi-platform index (OCI image index or Docker manifest list): which entry a platform pulls. */
final class ManifestIndex {
    private record Entry(String digest, Platform platform) {}

    private final List<Entry> entries;

    private ManifestIndex(List<Entry> entries) {
        this.entries = entries;
    }

    /**
     * True when a manifest is an index: by its content type, or by its body when the registry sent a generic type
     * (the {@code mediaType} member is optional in OCI, so the {@code manifests} array is what tells).
     */
    static boolean isIndex(String contentType, byte[] body) {
        if (MediaTypes.isIndex(contentType)) {
            return true;
        }
        try {
            JsonElement manifest = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
            return manifest.isJsonObject() && manifest.getAsJsonObject().has("manifests");
        } catch (JsonParseException e) {
            return false;
        }
    }

    /** Parses an index body; entries without a platform (such as attestation manifests) are kept, never chosen. */
    static ManifestIndex parse(byte[] body, String reference) throws ImageResolutionException {
        try {
            JsonObject index = JsonParser.parseString(new String(body, StandardCharsets.UTF_8))
                    .getAsJsonObject();
            List<Entry> entries = new ArrayList<>();
            for (JsonElement element : index.getAsJsonArray("manifests")) {
                JsonObject manifest = element.getAsJsonObject();
                JsonObject platform = manifest.getAsJsonObject("platform");
                String digest = manifest.get("digest").getAsString();
                if (!DockerReference.isDigest(digest)) {
                    throw new JsonParseException("an entry's digest is not a digest");
                }
                entries.add(new Entry(
                        digest,
                        platform == null
                                ? null
                                : Platform.of(
                                        string(platform, "os"),
                                        string(platform, "architecture"),
                                        string(platform, "variant"))));
            }
            return new ManifestIndex(entries);
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
            throw new ImageResolutionException(
                    "the registry sent a malformed image index for " + reference + " (" + JsonReasons.firstLine(e)
                            + "); " + ImageResolutionException.PIN_OR_SKIP,
                    e);
        }
    }

    private static String string(JsonObject object, String member) {
        JsonElement value = object.get(member);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }

    /** The digest of the manifest {@code wanted} pulls: an exact match first, else the first compatible variant. */
    String digestFor(Platform wanted, String reference) throws ImageResolutionException {
        List<Entry> candidates = entries.stream()
                .filter(entry -> entry.platform() != null && wanted.accepts(entry.platform()))
                .toList();
        return candidates.stream()
                .filter(entry -> entry.platform().equals(wanted))
                .findFirst()
                .or(() -> candidates.stream().findFirst())
                .map(Entry::digest)
                .orElseThrow(() -> new ImageResolutionException(reference + " has no " + wanted + " image (it has "
                        + available() + "); build for one of those with --platform or pick another image"));
    }

    private String available() {
        return entries.stream()
                .filter(entry -> entry.platform() != null)
                .map(entry -> entry.platform().toString())
                .distinct()
                .collect(Collectors.joining(", "));
    }
}
