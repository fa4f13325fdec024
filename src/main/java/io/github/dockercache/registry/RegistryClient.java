package io.github.dockercache.registry;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The manifest requests for one image on its registry, answering at most one authentication challenge: a bearer
 * token fetched from the challenge's realm (anonymously, or with the credentials), or basic auth. The answer is
 * kept for the next request, so a HEAD followed by a GET fetches one token.
 */
final class RegistryClient {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private static final Pattern LOOPBACK_IPV4 = Pattern.compile("127(?:\\.[0-9]{1,3}){3}");

    private final HttpClient http;
    private final DockerReference image;
    /** The reference as the Dockerfile spells it, for messages. */
    private final String given;

    private final Credentials credentials;
    private String authorization;

    RegistryClient(HttpClient http, DockerReference image, String given, Credentials credentials) {
        this.http = http;
        this.image = image;
        this.given = given;
        this.credentials = credentials;
    }

    /**
     * Plain HTTP only where nothing can listen in between: Docker also talks HTTP to loopback registries without
     * an {@code insecure-registries} entry. A name is not resolved to decide, so only {@code localhost} counts.
     */
    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.split(":", 2)[0];
        return bare.equals("localhost")
                || bare.equals("[::1]")
                || LOOPBACK_IPV4.matcher(bare).matches();
    }

    /** {@code HEAD} or {@code GET} of a manifest by tag or digest; any answer but 200 is an exception. */
    HttpResponse<byte[]> manifest(String method, String tagOrDigest) throws ImageResolutionException {
        return fetch(method, "manifests", tagOrDigest, "manifest " + image.path() + ":" + tagOrDigest);
    }

    /** {@code GET} of a blob (an image config) by digest; any answer but 200 is an exception. */
    HttpResponse<byte[]> blob(String digest) throws ImageResolutionException {
        return fetch("GET", "blobs", digest, "blob " + image.path() + "@" + digest);
    }

    private HttpResponse<byte[]> fetch(String method, String kind, String reference, String what)
            throws ImageResolutionException {
        String host = image.registryHost();
        URI uri = URI.create((isLoopback(host) ? "http://" : "https://") + host + "/v2/" + image.path() + "/" + kind
                + "/" + reference);
        if (uri.getHost() == null) {
            // a name Docker's grammar allows but java.net.URI does not take for a host (127.0127.0.0.1), which the
            // JDK's client then refuses; no resolver could reach it either
            throw new ImageResolutionException("cannot resolve " + given + ": " + host + " is not a host name or"
                    + " address; fix the FROM line or the build argument it comes from");
        }
        HttpResponse<byte[]> response = send(manifestRequest(method, uri), host);
        if (response.statusCode() == 401 && authorization == null) {
            authorization = answer(response);
            response = send(manifestRequest(method, uri), host);
        }
        return switch (response.statusCode()) {
            case 200 -> response;
            case 404 ->
                throw new ImageResolutionException("image " + given + " not found: " + host + " has no " + what
                        + "; check the image name and tag in the Dockerfile");
            case 401, 403 -> throw denied(host, "HTTP " + response.statusCode());
            case 429 ->
                throw new ImageResolutionException(host + " rate-limited the resolution of " + given
                        + " (HTTP 429); wait, pass credentials, or " + ImageResolutionException.PIN_OR_SKIP);
            default ->
                throw new ImageResolutionException(host + " answered HTTP " + response.statusCode()
                        + " to the " + kind.substring(0, kind.length() - 1) + " request for " + given + "; "
                        + ImageResolutionException.PIN_OR_SKIP);
        };
    }

    private HttpRequest manifestRequest(String method, URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", MediaTypes.ACCEPT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    /** The {@code Authorization} value that answers the response's challenge. */
    private String answer(HttpResponse<?> response) throws ImageResolutionException {
        String host = image.registryHost();
        AuthChallenge challenge = AuthChallenge.choose(response.headers().allValues("WWW-Authenticate"))
                .orElseThrow(() -> denied(host, "HTTP 401 without a WWW-Authenticate challenge"));
        if (challenge.isBearer()) {
            return "Bearer " + token(challenge);
        }
        if (challenge.isBasic() && credentials != null) {
            return credentials.basicAuthorization();
        }
        throw denied(
                host,
                challenge.isBasic()
                        ? "it wants a user name and password"
                        : "unsupported authentication scheme " + challenge.scheme());
    }

    /** Docker's token protocol: GET realm?service=&scope=, with basic auth when there are credentials. */
    private String token(AuthChallenge challenge) throws ImageResolutionException {
        String host = image.registryHost();
        String realm = challenge
                .parameter("realm")
                .orElseThrow(() -> denied(host, "its bearer challenge names no token realm"));
        String scope = challenge.parameter("scope").orElse("repository:" + image.path() + ":pull");
        StringBuilder query = new StringBuilder("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        challenge
                .parameter("service")
                .ifPresent(service ->
                        query.append("&service=").append(URLEncoder.encode(service, StandardCharsets.UTF_8)));
        URI uri;
        HttpRequest.Builder request;
        try {
            uri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
            // the JDK's client takes only an http or https URL with a host ("https:" alone is a valid URI)
            request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET();
        } catch (IllegalArgumentException e) {
            throw denied(host, "its token realm \"" + realm + "\" is not a URL");
        }
        // a password goes only where it is encrypted, or cannot leave the machine
        if (credentials != null && ("https".equals(uri.getScheme()) || isLoopback(String.valueOf(uri.getHost())))) {
            request.header("Authorization", credentials.basicAuthorization());
        }
        HttpResponse<byte[]> response = send(request.build(), uri.getHost());
        if (response.statusCode() != 200) {
            throw denied(host, "its token service " + uri.getHost() + " answered HTTP " + response.statusCode());
        }
        return tokenIn(response.body(), host);
    }

    /** The token from the token service's JSON: {@code token}, or the OAuth2 spelling {@code access_token}. */
    private String tokenIn(byte[] body, String host) throws ImageResolutionException {
        try {
            JsonObject json = JsonParser.parseString(new String(body, StandardCharsets.UTF_8))
                    .getAsJsonObject();
            JsonElement token = json.has("token") ? json.get("token") : json.get("access_token");
            if (token != null && token.isJsonPrimitive()) {
                return token.getAsString();
            }
        } catch (JsonParseException | IllegalStateException e) {
            // reported below, as for an answer without a token
        }
        throw denied(host, "its token service sent no token");
    }

    private HttpResponse<byte[]> send(HttpRequest request, String host) throws ImageResolutionException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ImageResolutionException(
                    "cannot reach " + host + " to resolve " + given + ": " + describe(e) + "; "
                            + ImageResolutionException.PIN_OR_SKIP,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageResolutionException("interrupted while resolving " + given, e);
        }
    }

    /** The JDK's exceptions often carry their message on a cause, or none at all (an unknown host, a refusal). */
    private static String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + ImageResolver.CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s";
        }
        Throwable root = e;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException) {
                return "unknown host";
            }
            if (cause.getMessage() != null) {
                return cause.getMessage();
            }
            // JDK 17 reports a refused connection as a ConnectException with no message on any cause
            if (cause instanceof ConnectException && cause.getCause() instanceof ClosedChannelException) {
                return "connection refused";
            }
            root = cause;
        }
        return root.getClass().getSimpleName();
    }

    private ImageResolutionException denied(String host, String why) {
        return new ImageResolutionException(host + " refused access to " + given + " (" + why
                + "); check the image name, pass credentials for " + image.domain() + ", or "
                + ImageResolutionException.PIN_OR_SKIP);
    }
}
