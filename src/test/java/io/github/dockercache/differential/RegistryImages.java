package io.github.dockercache.differential;

import io.github.dockercache.registry.TestRegistry;
import java.io.IOException;

/**
 * Images a scenario pushes to the loopback registry ({@code scripts/registry.sh}), for FROM lines pinned by digest
 * or by a tag that moves between the two builds. The engine pulls them from there: Docker treats registries on
 * 127.0.0.0/8 as insecure (plain HTTP) without configuration. The images have no shell, so a scenario builds on
 * them with COPY and WORKDIR only.
 */
final class RegistryImages {
    private RegistryImages() {}

    /**
     * Pushes {@code reference} ({@code repository:tag}, without the registry) with a {@code /marker} file, and an
     * {@code /extra} file unless {@code extraFile} is null; the config names {@code workingDir} when it is not empty.
     */
    static void push(String reference, String markerFile, String extraFile, String configMarker, String workingDir)
            throws IOException {
        int colon = reference.lastIndexOf(':');
        if (colon < 0 || reference.indexOf('/', colon) >= 0) {
            throw new IllegalArgumentException("pushImage needs \"target\": \"repository:tag\", not " + reference);
        }
        try {
            TestRegistry.running()
                    .pushImage(
                            reference.substring(0, colon),
                            reference.substring(colon + 1),
                            "amd64",
                            configMarker,
                            markerFile,
                            extraFile,
                            workingDir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while pushing " + reference, e);
        }
    }
}
