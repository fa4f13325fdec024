package io.github.dockercache.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code WWW-Authenticate} parsing, without network. */
class AuthChallengeTest {
    @Test
    void dockerHubBearerChallenge() {
        AuthChallenge challenge = AuthChallenge.parse("Bearer realm=\"https://auth.docker.io/token\","
                        + "service=\"registry.docker.io\",scope=\"repository:library/ubuntu:pull\"")
                .orElseThrow();
        assertTrue(challenge.isBearer());
        assertEquals(
                Map.of(
                        "realm",
                        "https://auth.docker.io/token",
                        "service",
                        "registry.docker.io",
                        "scope",
                        "repository:library/ubuntu:pull"),
                challenge.parameters());
    }

    @Test
    void quotedCommasEscapesTokensAndSpacing() {
        AuthChallenge challenge = AuthChallenge.parse(
                        "  bearer Realm=\"https://r/t\" , scope=\"repository:a/b:pull,push\","
                                + " error=insufficient_scope ,note=\"say \\\"hi\\\"\"")
                .orElseThrow();
        assertEquals("bearer", challenge.scheme());
        assertEquals(
                Map.of(
                        "realm",
                        "https://r/t",
                        "scope",
                        "repository:a/b:pull,push",
                        "error",
                        "insufficient_scope",
                        "note",
                        "say \"hi\""),
                challenge.parameters());
    }

    @Test
    void basicChallengeAndBareScheme() {
        AuthChallenge basic =
                AuthChallenge.parse("Basic realm=\"Registry Realm\"").orElseThrow();
        assertTrue(basic.isBasic());
        assertEquals("Registry Realm", basic.parameter("realm").orElseThrow());
        assertEquals(Map.of(), AuthChallenge.parse("Negotiate").orElseThrow().parameters());
        assertTrue(AuthChallenge.parse("  ").isEmpty());
    }

    @Test
    void bearerIsChosenOverBasic() {
        assertTrue(AuthChallenge.choose(List.of("Basic realm=\"x\"", "Bearer realm=\"https://r/t\""))
                .orElseThrow()
                .isBearer());
        assertTrue(
                AuthChallenge.choose(List.of("Basic realm=\"x\"")).orElseThrow().isBasic());
        assertTrue(AuthChallenge.choose(List.of()).isEmpty());
    }
}
