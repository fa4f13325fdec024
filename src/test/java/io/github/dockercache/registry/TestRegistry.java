package io.github.dockercache.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Assumptions;

/**
 * The registry {@code scripts/registry.sh start} runs on loopback, and a client that pushes to it with the blob
 * upload and manifest APIs, as {@code docker push} does. Without the registry a test is skipped, or fails when
 * {@code CI=true}: CI must not pass by skipping it.
 */
public final class TestRegistry {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** {@code 127.0.0.1:port}, as an image reference names it. */
    public final String host;

    private TestRegistry(String host) {
        this.host = host;
    }

    public static TestRegistry running() {
        String port = System.getenv().getOrDefault("DOCKERCACHE_REGISTRY_PORT", "15000");
        TestRegistry registry = new TestRegistry("127.0.0.1:" + port);
        String problem;
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(registry.uri("/v2/")).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 200) {
                return registry;
            }
            problem = "GET /v2/ answered HTTP " + response.statusCode();
        } catch (IOException e) {
            problem = "nothing answers on " + registry.host;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        }
        String message =
                "no registry for the resolver tests (" + problem + "); start one with: scripts/registry.sh start";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    private URI uri(String path) {
        return URI.create("http://" + host + path);
    }

    /** Uploads a blob in one monolithic PUT after opening an upload session; returns its digest. */
    String pushBlob(String repository, byte[] content) throws IOException, InterruptedException {
        String digest = ImageResolver.sha256(content);
        HttpResponse<String> session = send(
                HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/"))
                        .POST(HttpRequest.BodyPublishers.noBody()),
                202);
        String location = session.headers().firstValue("Location").orElseThrow();
        URI upload = uri("/").resolve(location);
        String separator = upload.getQuery() == null ? "?" : "&";
        send(
                HttpRequest.newBuilder(URI.create(upload + separator + "digest=" + digest))
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(content)),
                201);
        return digest;
    }

    /** Puts a manifest (or index) under a tag; returns the digest the registry answers with. */
    String pushManifest(String repository, String tag, String mediaType, String manifest)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(
                HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + tag))
                        .header("Content-Type", mediaType)
                        .PUT(HttpRequest.BodyPublishers.ofString(manifest)),
                201);
        String digest = response.headers().firstValue("Docker-Content-Digest").orElseThrow();
        assertEquals(
                ImageResolver.sha256(manifest.getBytes(StandardCharsets.UTF_8)),
                digest,
                "a manifest's digest is the sha256 of its bytes");
        return digest;
    }

    /**
     * Pushes a one-layer image (an empty tar, gzipped) whose config names {@code architecture}; {@code marker}
     * goes into the config so that two pushes of the same platform differ. Returns the manifest's digest.
     */
    public String pushImage(String repository, String tag, String architecture, String marker)
            throws IOException, InterruptedException {
        byte[] emptyTar = new byte[1024]; // a tar archive ends with two zero blocks; nothing before them
        return pushImage(
                repository,
                tag,
                architecture,
                marker,
                gzip(emptyTar),
                ImageResolver.sha256(emptyTar),
                "application/vnd.docker.image.rootfs.diff.tar.gzip",
                "");
    }

    /**
     * Pushes a one-layer image whose layer holds the file {@code /marker} with {@code markerFile}, uncompressed so
     * that the digest is the same on every machine; {@code marker} goes into the config's environment.
     */
    public String pushImage(String repository, String tag, String architecture, String marker, String markerFile)
            throws IOException, InterruptedException {
        return pushImage(repository, tag, architecture, marker, markerFile, "");
    }

    /** As {@link #pushImage(String, String, String, String, String)}, with {@code WorkingDir} set unless empty. */
    public String pushImage(
            String repository, String tag, String architecture, String marker, String markerFile, String workingDir)
            throws IOException, InterruptedException {
        return pushImage(repository, tag, architecture, marker, markerFile, null, workingDir);
    }

    /**
     * As {@link #pushImage(String, String, String, String, String, String)}, with a second file {@code /extra} holding
     * {@code extraFile} in the layer unless it is null.
     */
    public String pushImage(
            String repository,
            String tag,
            String architecture,
            String marker,
            String markerFile,
            String extraFile,
            String workingDir)
            throws IOException, InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            addFile(tar, "marker", markerFile);
            if (extraFile != null) {
                addFile(tar, "extra", extraFile);
            }
        }
        byte[] layer = bytes.toByteArray();
        return pushImage(
                repository,
                tag,
                architecture,
                marker,
                layer,
                ImageResolver.sha256(layer),
                "application/vnd.docker.image.rootfs.diff.tar",
                workingDir);
    }

    private String pushImage(
            String repository,
            String tag,
            String architecture,
            String marker,
            byte[] layer,
            String diffId,
            String layerMediaType,
            String workingDir)
            throws IOException, InterruptedException {
        String workingDirMember = workingDir.isEmpty() ? "" : ",\"WorkingDir\":\"" + workingDir + "\"";
        byte[] config = ("{\"architecture\":\"" + architecture + "\",\"os\":\"linux\",\"config\":{\"Env\":[\"MARKER="
                        + marker + "\"]" + workingDirMember + "},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                        + diffId + "\"]}}")
                .getBytes(StandardCharsets.UTF_8);
        String configDigest = pushBlob(repository, config);
        String layerDigest = pushBlob(repository, layer);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":"
                + config.length + ",\"digest\":\"" + configDigest + "\"},"
                + "\"layers\":[{\"mediaType\":\"" + layerMediaType + "\",\"size\":"
                + layer.length + ",\"digest\":\"" + layerDigest + "\"}]}";
        return pushManifest(repository, tag, MediaTypes.DOCKER_MANIFEST, manifest);
    }

    private static void addFile(TarArchiveOutputStream tar, String name, String text) throws IOException {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(0100644);
        entry.setModTime(0);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(content);
        }
        return bytes.toByteArray();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, int expectedStatus)
            throws IOException, InterruptedException {
        HttpRequest built = request.timeout(Duration.ofSeconds(15)).build();
        HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
        assertEquals(
                expectedStatus, response.statusCode(), built.method() + " " + built.uri() + ": " + response.body());
        return response;
    }
}
