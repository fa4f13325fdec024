package io.github.dockercache.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The resolver against a real registry v2 on loopback ({@code scripts/registry.sh}), with images pushed by the test. */
class ImageResolverRegistryTest {
    private final ImageResolver resolver = new ImageResolver();
    private TestRegistry registry;
    /** A repository of its own per test, so runs and tests never see each other's tags. */
    private String repository;

    @BeforeEach
    void setUp() {
        registry = TestRegistry.running();
        repository = "dockercache-test/base-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void movedTagResolvesToTheNewDigest() throws Exception {
        String first = registry.pushImage(repository, "17-jre", "amd64", "first");
        String reference = registry.host + "/" + repository + ":17-jre";

        ResolvedImage before = resolver.resolve(reference, "linux/amd64");
        assertEquals(first, before.digest());
        assertEquals(first, before.platformDigest(), "a single-platform image is its own platform manifest");
        assertEquals(registry.host + "/" + repository + ":17-jre", before.reference());
        assertEquals(registry.host + "/" + repository + "@" + first, before.pinned());

        String second = registry.pushImage(repository, "17-jre", "amd64", "second");
        assertNotEquals(first, second);
        assertEquals(second, resolver.resolve(reference, null).digest());
    }

    @Test
    void multiPlatformIndexPinsTheIndexAndPicksThePlatform() throws Exception {
        String amd64 = registry.pushImage(repository, "amd64", "amd64", "x");
        String arm64 = registry.pushImage(repository, "arm64", "arm64", "x");
        String index = registry.pushManifest(
                repository,
                "multi",
                MediaTypes.OCI_INDEX,
                "{\"schemaVersion\":2,"
                        + "\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
                        + entry(amd64, "\"architecture\":\"amd64\",\"os\":\"linux\"") + ","
                        + entry(arm64, "\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"") + "]}");
        String reference = registry.host + "/" + repository + ":multi";

        ResolvedImage resolved = resolver.resolve(reference, "linux/arm64");
        assertEquals(index, resolved.digest());
        assertEquals(arm64, resolved.platformDigest());
        assertEquals(amd64, resolver.resolve(reference, null).platformDigest(), "linux/amd64 is the default");

        ImageResolutionException missing =
                assertThrows(ImageResolutionException.class, () -> resolver.resolve(reference, "linux/s390x"));
        assertEquals(
                reference + " has no linux/s390x image (it has linux/amd64, linux/arm64); "
                        + "build for one of those with --platform or pick another image",
                missing.getMessage());
    }

    @Test
    void configIsReadForThePlatformTheIndexGives() throws Exception {
        String amd64 = registry.pushImage(repository, "amd64", "amd64", "on-amd64");
        String arm64 = registry.pushImage(repository, "arm64", "arm64", "on-arm64");
        registry.pushManifest(
                repository,
                "multi",
                MediaTypes.OCI_INDEX,
                "{\"schemaVersion\":2,"
                        + "\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
                        + entry(amd64, "\"architecture\":\"amd64\",\"os\":\"linux\"") + ","
                        + entry(arm64, "\"architecture\":\"arm64\",\"os\":\"linux\"") + "]}");
        String reference = registry.host + "/" + repository + ":multi";

        assertEquals(List.of("MARKER=on-amd64", "amd64"), envAndArchitecture(resolver.config(reference, null)));
        assertEquals(
                List.of("MARKER=on-arm64", "arm64"), envAndArchitecture(resolver.config(reference, "linux/arm64")));
        // a single-platform image is what it is, whatever was asked: the build check then tells the mismatch
        ImageConfig armOnly = resolver.config(registry.host + "/" + repository + ":arm64", null);
        assertEquals(List.of("MARKER=on-arm64", "arm64"), envAndArchitecture(armOnly));
        assertEquals(
                armOnly,
                resolver.config(registry.host + "/" + repository + "@" + arm64, null),
                "a pinned reference is read by its digest");
    }

    private static List<String> envAndArchitecture(ImageConfig config) {
        List<String> values = new java.util.ArrayList<>(config.env());
        values.add(config.architecture());
        return values;
    }

    @Test
    void layersAreKeyedByTheirChainIdAndOnlyTheConfigMovesWithIt() throws Exception {
        registry.pushImage(repository, "one", "amd64", "one", "same layer\n");
        registry.pushImage(repository, "two", "amd64", "two", "same layer\n");
        ImageConfig one = resolver.config(registry.host + "/" + repository + ":one", null);
        ImageConfig two = resolver.config(registry.host + "/" + repository + ":two", null);

        assertEquals(1, one.diffIds().size());
        assertEquals(one.diffIds().get(0), one.chainId(), "the ChainID of one layer is its diff_id");
        assertEquals(one.chainId(), two.chainId());
        assertEquals(List.of("MARKER=two"), two.env());
        assertEquals("", two.workingDir());
    }

    private static String entry(String digest, String platform) {
        return "{\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"size\":1,\"digest\":\"" + digest
                + "\",\"platform\":{" + platform + "}}";
    }

    @Test
    void unknownTagIsAClearError() throws Exception {
        registry.pushImage(repository, "1", "amd64", "x");
        String reference = registry.host + "/" + repository + ":no-such-tag";

        ImageResolutionException error =
                assertThrows(ImageResolutionException.class, () -> resolver.resolve(reference, null));
        assertEquals(
                "image " + reference + " not found: " + registry.host + " has no manifest " + repository
                        + ":no-such-tag; check the image name and tag in the Dockerfile",
                error.getMessage());
    }

    @Test
    void pinnedReferenceIsNotLookedUpEvenWhenTheRepositoryIsUnknown() throws Exception {
        String digest = "sha256:" + "ab".repeat(32);
        ResolvedImage resolved = resolver.resolve(registry.host + "/" + repository + ":1@" + digest, null);
        assertEquals(digest, resolved.digest());
        assertTrue(resolved.platformManifestDigest().isEmpty());
        assertEquals(registry.host + "/" + repository + "@" + digest, resolved.pinned());
    }
}
