package io.github.dockercache.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The authentication flows against a stub registry on loopback: the packaged registry needs a token server and
 * certificates for bearer auth, which would test the set-up more than the resolver.
 */
class ImageResolverAuthTest {
    private static final String TOKEN = "t0k3n";
    private static final byte[] MANIFEST = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\"}")
            .getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    private String host;
    /** "METHOD path?query Authorization", per request, the query as sent (encoded). */
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        host = "127.0.0.1:" + server.getAddress().getPort();
        server.createContext(
                "/token",
                exchange -> respond(
                        exchange, 200, Map.of(), ("{\"token\":\"" + TOKEN + "\"}").getBytes(StandardCharsets.UTF_8)));
        // no Docker-Content-Digest: the digest must then be the sha256 of the body
        server.createContext("/v2/team/app/manifests/1", exchange -> {
            if (("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 200, Map.of("Content-Type", MediaTypes.OCI_MANIFEST), MANIFEST);
            } else {
                respond(
                        exchange,
                        401,
                        Map.of(
                                "WWW-Authenticate",
                                "Bearer realm=\"http://" + host + "/token\","
                                        + "service=\"stub\",scope=\"repository:team/app:pull\""),
                        new byte[0]);
            }
        });
        server.createContext("/v2/private/app/manifests/1", exchange -> {
            if (new Credentials("me", "secret")
                    .basicAuthorization()
                    .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(
                        exchange,
                        200,
                        Map.of(
                                "Content-Type",
                                MediaTypes.DOCKER_MANIFEST,
                                "Docker-Content-Digest",
                                "sha256:" + "cd".repeat(32)),
                        MANIFEST);
            } else {
                respond(exchange, 401, Map.of("WWW-Authenticate", "Basic realm=\"stub\""), new byte[0]);
            }
        });
        server.start();
    }

    private void respond(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        requests.add(
                exchange.getRequestMethod() + " " + exchange.getRequestURI().toASCIIString() + " "
                        + exchange.getRequestHeaders().getFirst("Authorization"));
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.getResponseHeaders().add("Content-Length", String.valueOf(body.length));
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void anonymousBearerTokenIsFetchedOnceAndTheDigestIsTheBodysSha256() throws Exception {
        ResolvedImage resolved = new ImageResolver().resolve(host + "/team/app:1", null);

        assertEquals(ImageResolver.sha256(MANIFEST), resolved.digest());
        assertEquals(
                List.of(
                        "HEAD /v2/team/app/manifests/1 null",
                        "GET /token?scope=repository%3Ateam%2Fapp%3Apull&service=stub null",
                        "HEAD /v2/team/app/manifests/1 Bearer " + TOKEN,
                        "GET /v2/team/app/manifests/1 Bearer " + TOKEN),
                requests);
    }

    @Test
    void credentialsGoToTheTokenService() throws Exception {
        Credentials credentials = new Credentials("me", "secret");
        new ImageResolver(Map.of(host, credentials)).resolve(host + "/team/app:1", null);

        assertTrue(
                requests.contains("GET /token?scope=repository%3Ateam%2Fapp%3Apull&service=stub "
                        + credentials.basicAuthorization()),
                requests.toString());
    }

    @Test
    void basicChallengeIsAnsweredWithCredentialsOnly() throws Exception {
        String reference = host + "/private/app:1";
        ResolvedImage resolved =
                new ImageResolver(Map.of(host, new Credentials("me", "secret"))).resolve(reference, null);
        assertEquals("sha256:" + "cd".repeat(32), resolved.digest());

        ImageResolutionException error =
                assertThrows(ImageResolutionException.class, () -> new ImageResolver().resolve(reference, null));
        assertEquals(
                host + " refused access to " + reference + " (it wants a user name and password); check the image "
                        + "name, pass credentials for " + host + ", or pin the digest in the Dockerfile, or turn tag "
                        + "resolution off",
                error.getMessage());
    }

    @Test
    void unreachableRegistrySaysWhatToDo() {
        server.stop(0);
        String reference = host + "/team/app:1";
        ImageResolutionException error =
                assertThrows(ImageResolutionException.class, () -> new ImageResolver().resolve(reference, null));
        assertEquals(
                "cannot reach " + host + " to resolve " + reference + ": connection refused; pin the digest in the "
                        + "Dockerfile, or turn tag resolution off",
                error.getMessage());
    }
}
