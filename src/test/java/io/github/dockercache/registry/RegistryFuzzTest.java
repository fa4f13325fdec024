package io.github.dockercache.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.dockercache.fuzz.FuzzInput;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * Fuzzes what the resolver reads from a registry: status codes, {@code WWW-Authenticate} challenges, token service
 * answers, {@code Docker-Content-Digest} and {@code Content-Type} headers, manifests, image indexes and image
 * configs. Whatever a registry (or something posing as one) answers, resolving a tag and reading a base image's
 * config either give digests BuildKit could pin, or fail with an {@link ImageResolutionException} whose message is
 * one line; no message holds the password, and the password goes only where it is encrypted or cannot leave the
 * machine.
 *
 * <p>No network: the resolver talks to a client that answers each request with the next response of the input.
 * Input: {@code reference\nplatform}, then NUL-separated responses, each a status line ({@code 200}), header lines
 * ({@code Content-Type: ...}), an empty line and the body; requests after the last response get a 404. Both
 * {@link ImageResolver#resolve} and {@link ImageResolver#config} run through the same responses.
 * {@code ./mvnw test} replays the seeds in
 * {@code src/test/resources/io/github/dockercache/registry/RegistryFuzzTestInputs/resolveAndReadConfig/}: the
 * exchanges of the resolver's tests (a single-platform image, an index, bearer and basic auth), and every crash
 * found so far. To fuzz: {@code scripts/fuzz.sh RegistryFuzzTest#resolveAndReadConfig [seconds]}.
 */
class RegistryFuzzTest {
    private static final String PASSWORD = "s3cr3t-fuzz-password";
    private static final Credentials CREDENTIALS = new Credentials("me", PASSWORD);
    private static final Map<String, Credentials> BY_REGISTRY =
            Map.of("registry.example", CREDENTIALS, "127.0.0.1:5000", CREDENTIALS, "docker.io", CREDENTIALS);
    private static final Pattern DIGEST =
            Pattern.compile("sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128}");
    private static final String DEFAULT_REFERENCE = "registry.example/team/app:1";
    /** A header name as HTTP allows it (RFC 9110 token); the JDK's client delivers no other. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    @FuzzTest(maxDuration = "10m")
    @DictionaryEntries({
        "Content-Type: ",
        "Docker-Content-Digest: ",
        "WWW-Authenticate: ",
        "Bearer realm=\"",
        "Basic realm=",
        ",service=\"",
        ",scope=\"",
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
        "\"manifests\"",
        "\"platform\"",
        "\"digest\"",
        "\"os\"",
        "\"architecture\"",
        "\"variant\"",
        "\"config\"",
        "\"rootfs\"",
        "\"diff_ids\"",
        "\"layers\"",
        "\"Env\"",
        "\"WorkingDir\"",
        "\"User\"",
        "\"Shell\"",
        "\"token\"",
        "\"access_token\"",
        "sha256:",
        "401",
        "linux/arm64/v8"
    })
    void resolveAndReadConfig(byte[] input) {
        List<byte[]> fields = FuzzInput.byteFields(input);
        String[] request = new String(fields.get(0), StandardCharsets.UTF_8).split("\n", -1);
        String reference = request[0].isEmpty() ? DEFAULT_REFERENCE : request[0];
        String platform = request.length > 1 ? request[1] : null;
        List<byte[]> responses = fields.subList(1, fields.size());
        try {
            ResolvedImage resolved =
                    new ImageResolver(new ScriptedClient(responses), BY_REGISTRY).resolve(reference, platform);
            assertPinnable(resolved);
        } catch (ImageResolutionException e) {
            assertWellWorded(e);
        }
        try {
            new ImageResolver(new ScriptedClient(responses), BY_REGISTRY)
                    .config(reference, platform)
                    .chainId();
        } catch (ImageResolutionException e) {
            assertWellWorded(e);
        }
    }

    /** What a resolution gives is what the snapshot records and BuildKit pins: digests, and a valid reference. */
    private static void assertPinnable(ResolvedImage resolved) throws ImageResolutionException {
        assertTrue(DIGEST.matcher(resolved.digest()).matches(), () -> "not a digest: " + resolved);
        resolved.platformManifestDigest()
                .ifPresent(digest -> assertTrue(DIGEST.matcher(digest).matches(), () -> "not a digest: " + resolved));
        assertEquals(resolved.digest(), DockerReference.parse(resolved.pinned()).digest());
    }

    private static void assertWellWorded(ImageResolutionException e) {
        String message = e.getMessage();
        assertEquals(1, message.lines().count(), () -> "more than one line: " + message);
        assertFalse(
                message.contains(PASSWORD) || message.contains(CREDENTIALS.basicAuthorization()),
                () -> "the password in a message: " + message);
    }

    /** Answers each request with the next response of the input, as a {@link HttpClient} would deliver it. */
    private static final class ScriptedClient extends HttpClient {
        private final List<byte[]> responses;
        private int next;

        ScriptedClient(List<byte[]> responses) {
            this.responses = responses;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
            request.headers().allValues("Authorization").forEach(value -> {
                if (value.equals(CREDENTIALS.basicAuthorization())) {
                    assertTrue(
                            "https".equals(request.uri().getScheme())
                                    || RegistryClient.isLoopback(
                                            String.valueOf(request.uri().getHost())),
                            () -> "the password sent in clear to " + request);
                }
            });
            if (next >= responses.size()) {
                return (HttpResponse<T>)
                        new ScriptedResponse(404, request, HttpHeaders.of(Map.of(), (n, v) -> true), new byte[0]);
            }
            return (HttpResponse<T>) ScriptedResponse.parse(responses.get(next++), request);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(
                HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            throw new UnsupportedOperationException("the resolver sends synchronously");
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(
                HttpRequest request,
                HttpResponse.BodyHandler<T> handler,
                HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
            throw new UnsupportedOperationException("the resolver sends synchronously");
        }

        @Override
        public Optional<CookieHandler> cookieHandler() {
            return Optional.empty();
        }

        @Override
        public Optional<Duration> connectTimeout() {
            return Optional.of(ImageResolver.CONNECT_TIMEOUT);
        }

        @Override
        public Redirect followRedirects() {
            return Redirect.NEVER;
        }

        @Override
        public Optional<ProxySelector> proxy() {
            return Optional.empty();
        }

        @Override
        public SSLContext sslContext() {
            throw new UnsupportedOperationException("no TLS without a network");
        }

        @Override
        public SSLParameters sslParameters() {
            throw new UnsupportedOperationException("no TLS without a network");
        }

        @Override
        public Optional<Authenticator> authenticator() {
            return Optional.empty();
        }

        @Override
        public Version version() {
            return Version.HTTP_1_1;
        }

        @Override
        public Optional<Executor> executor() {
            return Optional.empty();
        }
    }

    private record ScriptedResponse(int statusCode, HttpRequest request, HttpHeaders headers, byte[] body)
            implements HttpResponse<byte[]> {
        /**
         * A status line, header lines and, after an empty line, the body; header bytes are Latin-1 as on the wire,
         * and a HEAD response has no body, as the JDK's client delivers them.
         */
        static ScriptedResponse parse(byte[] raw, HttpRequest request) {
            int end = indexOf(raw, new byte[] {'\n', '\n'});
            String head = new String(raw, 0, end < 0 ? raw.length : end, StandardCharsets.ISO_8859_1);
            byte[] body = end < 0 || request.method().equals("HEAD")
                    ? new byte[0]
                    : Arrays.copyOfRange(raw, end + 2, raw.length);
            String[] lines = head.split("\n");
            // header names are case-insensitive: the JDK's client gives "Www-Authenticate" and "WWW-Authenticate"
            // as one
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                String name = colon < 0 ? "" : lines[i].substring(0, colon);
                if (HEADER_NAME.matcher(name).matches()) {
                    headers.computeIfAbsent(name, n -> new ArrayList<>())
                            .add(lines[i].substring(colon + 1).strip());
                }
            }
            // a head of newlines only splits into no lines at all
            return new ScriptedResponse(
                    status(lines.length == 0 ? "" : lines[0]),
                    request,
                    HttpHeaders.of(headers, (name, value) -> true),
                    body);
        }

        private static int status(String line) {
            String digits = line.strip();
            return digits.matches("[1-5][0-9][0-9]") ? Integer.parseInt(digits) : 200;
        }

        private static int indexOf(byte[] bytes, byte[] part) {
            for (int i = 0; i + part.length <= bytes.length; i++) {
                if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public Optional<HttpResponse<byte[]>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
