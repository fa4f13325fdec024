package io.github.dockercache.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Docker's normalisation rules ({@code distribution/reference}), without network. */
class DockerReferenceTest {
    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    @ParameterizedTest
    @CsvSource({
        "busybox,                             docker.io/library/busybox:latest,         registry-1.docker.io",
        "eclipse-temurin:17-jre,              docker.io/library/eclipse-temurin:17-jre, registry-1.docker.io",
        "bitnami/redis:7.2,                   docker.io/bitnami/redis:7.2,              registry-1.docker.io",
        "docker.io/busybox,                   docker.io/library/busybox:latest,         registry-1.docker.io",
        "index.docker.io/library/busybox:1,   docker.io/library/busybox:1,              registry-1.docker.io",
        "ghcr.io/owner/app/tool:v1.2,         ghcr.io/owner/app/tool:v1.2,              ghcr.io",
        "localhost/app,                       localhost/app:latest,                     localhost",
        "localhost:5000/app:dev,              localhost:5000/app:dev,                   localhost:5000",
        "127.0.0.1:15000/team/base:17-jre,    127.0.0.1:15000/team/base:17-jre,         127.0.0.1:15000",
        "Registry/app,                        Registry/app:latest,                      Registry",
        "[::1]:5000/app:1,                    [::1]:5000/app:1,                         [::1]:5000",
        "my_org/app__x.y-z,                   docker.io/my_org/app__x.y-z:latest,       registry-1.docker.io",
    })
    void normalisesLikeDocker(String given, String canonical, String registryHost) throws Exception {
        DockerReference reference = DockerReference.parse(given);
        assertEquals(canonical, reference.toString());
        assertEquals(registryHost, reference.registryHost());
        assertFalse(reference.isPinned());
    }

    @ParameterizedTest
    @ValueSource(strings = {"busybox@", "busybox:1.36@", "docker.io/library/busybox@"})
    void aDigestIsPinnedAndWinsOverATag(String prefix) throws Exception {
        DockerReference reference = DockerReference.parse(prefix + DIGEST);
        assertTrue(reference.isPinned());
        assertEquals(DIGEST, reference.manifestReference());
        assertEquals("docker.io/library/busybox@" + DIGEST, reference.toString());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Busybox               | repository name must be lowercase",
                "ghcr.io/Owner/app     | repository name must be lowercase",
                "busybox:              | bad tag \"\"",
                "busybox:-x            | bad tag \"-x\"",
                "busybox@sha256:abc    | bad digest \"sha256:abc\"",
                "busybox@md5:0123      | bad digest \"md5:0123\"",
                "app//x                | bad repository name \"app//x\"",
                "-app                  | bad repository name \"library/-app\"",
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | a 64-character image ID is not a name",
            })
    void rejectsWhatDockerRejects(String given, String why) {
        ImageResolutionException error =
                assertThrows(ImageResolutionException.class, () -> DockerReference.parse(given));
        assertEquals(
                "invalid image reference \"" + given + "\": " + why
                        + "; fix the FROM line or the build argument it comes from",
                error.getMessage());
    }
}
