package io.github.dockercache.registry;

import java.util.Set;

/** The manifest media types BuildKit accepts for a base image, Docker's and OCI's. */
final class MediaTypes {
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

    /** Without an Accept header a registry may convert the manifest to the legacy schema 1 and change its digest. */
    static final String ACCEPT = String.join(", ", OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

    private static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_MANIFEST_LIST);
    private static final Set<String> MANIFESTS = Set.of(OCI_MANIFEST, DOCKER_MANIFEST);

    private MediaTypes() {}

    /** True for a multi-platform index; parameters such as {@code ; charset=utf-8} are ignored. */
    static boolean isIndex(String contentType) {
        return INDEXES.contains(essence(contentType));
    }

    /** True for a single-platform image manifest. */
    static boolean isManifest(String contentType) {
        return MANIFESTS.contains(essence(contentType));
    }

    private static String essence(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].strip();
    }
}
