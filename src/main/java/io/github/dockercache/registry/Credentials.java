package io.github.dockercache.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A user name and password (or token) for one registry, sent as HTTP basic auth to the registry or its token
 * service. {@link #toString()} hides the password so that it never reaches a log.
 */
public record Credentials(String username, String password) {
    String basicAuthorization() {
        return "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]";
    }
}
