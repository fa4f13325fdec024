package io.github.dockercache.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The name patterns, the user's list and the key (docs/secrets.md). */
class SecretNamesTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "DB_PASS",
                "GITHUB_PAT",
                "NPM_TOKEN",
                "AWS_SECRET_ACCESS_KEY",
                "api_key",
                "apiKey",
                "APIKey",
                "DATABASE_PASSWORD",
                "dbPassword",
                "DBPASSWORD",
                "NPMTOKEN",
                "GH_TOKEN2",
                "DB_PWD",
                "SMTP_PASSWD",
                "PWORD",
                "AUTH",
                "REGISTRY_AUTH",
                "HTTP_AUTHORIZATION",
                "GOOGLE_CREDENTIALS",
                "AZURE_CREDENTIAL",
                "DOCKER_CREDS",
                "PRIVATE_KEY",
                "SSH_PRIVATE",
                "SIGNING_KEY",
                "secret",
                "MY-SECRET",
                "client.secret",
                "KEY",
                "GPG_PASSPHRASE",
                "OAUTH2_TOKEN",
                "S3KEY",
                "tokens",
                "GPG_PRIVATE_KEY",
                "GPG_SECRET_KEY"
            })
    void secretLookingNames(String name) {
        assertTrue(SecretNames.looksSecret(name), name);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "KEYCLOAK_VERSION",
                "MONKEY",
                "PATH",
                "PWD",
                "OLDPWD",
                "AUTHOR",
                "AUTHORS_FILE",
                "PATTERN",
                "VERSION",
                "HTTP_PROXY",
                "TOKENIZERS_PARALLELISM",
                "KEYBOARD",
                "PASSAGE",
                "COMPASS_URL",
                "BYPASS",
                "PUBLIC_KEY",
                "NEXT_PUBLIC_API_KEY",
                "PASSWORD_FILE",
                "GITHUB_TOKEN_FILE",
                "KEY_VERSION",
                "SPATIAL",
                "DISPATCH",
                "HOTKEY_MODE",
                "JAVA_HOME",
                "GPG_KEYS",
                "GPG_KEY",
                "PGP_KEY_FINGERPRINT",
                "KEYSERVER_KEYS"
            })
    void ordinaryNames(String name) {
        assertFalse(SecretNames.looksSecret(name), name);
    }

    @Test
    void wordsBreakAtCaseChangesDigitsAndPunctuation() {
        assertEquals(List.of("github", "pat"), SecretNames.words("githubPat"));
        assertEquals(List.of("api", "key", "id"), SecretNames.words("APIKeyId"));
        assertEquals(List.of("oauth", "2", "token"), SecretNames.words("OAUTH2_TOKEN"));
        assertEquals(List.of("db", "pass"), SecretNames.words("--db.pass--"));
    }

    @Test
    void theUserListsAndUnlistsNames() {
        Secrets secrets = Secrets.of(List.of("SIGNING_PHRASE", " !CACHE_KEY ", ""), null);
        assertEquals(Set.of("SIGNING_PHRASE"), secrets.listed());
        assertEquals(Set.of("CACHE_KEY"), secrets.unlisted());
        assertTrue(secrets.isSecretName("SIGNING_PHRASE"));
        assertFalse(secrets.isSecretName("CACHE_KEY"));
        assertTrue(secrets.isSecretName("NPM_TOKEN"));
        assertFalse(secrets.isSecretName("VERSION"));
    }

    @Test
    void aPasswordInAUrlIsSecretWhateverTheName() {
        Secrets secrets = Secrets.PATTERNS_ONLY;
        assertTrue(secrets.isSecretArg("HTTP_PROXY", "http://me:hunter2@proxy:3128"));
        assertTrue(secrets.isSecretArg("DATABASE_URL", "postgres://app:1234@db/app"));
        assertFalse(secrets.isSecretArg("HTTP_PROXY", "http://proxy:3128"));
        assertFalse(secrets.isSecretArg("MIRROR", "https://user@mirror.example"));
        assertFalse(Secrets.of(List.of("!HTTP_PROXY"), null).isSecretArg("HTTP_PROXY", "http://me:x@proxy"));
    }

    @Test
    void theKeyMacsValuesAndIsNeverPrinted() {
        SecretKey key = SecretKey.of("0123456789abcdef-key");
        String mac = key.mac("hunter2");
        assertTrue(mac.matches("hmac-sha256:[0-9a-f]{8}:[0-9a-f]{64}"), mac);
        assertEquals(key.id(), Secrets.keyIdOf(mac));
        assertEquals(mac, SecretKey.of(" 0123456789abcdef-key\n").mac("hunter2"));
        assertNotEquals(mac, key.mac("hunter3"));
        assertNotEquals(mac, SecretKey.of("0123456789abcdef-other").mac("hunter2"));
        assertFalse(key.toString().contains("0123456789abcdef"), key.toString());
        assertTrue(Secrets.comparable(mac, key.mac("x")));
        assertFalse(Secrets.comparable(mac, Secrets.WITHHELD));
    }

    @Test
    void aShortKeyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SecretKey.of("hunter2"));
        assertEquals(
                "the secret key has 7 characters, fewer than 16: generate one, e.g. with 'openssl rand -base64 32'",
                e.getMessage());
    }

    @Test
    void settingsNameTheirBuildArgsButNotTheirValues() {
        BuildSettings settings =
                new BuildSettings(Path.of("."), Path.of("Dockerfile"), Map.of("DB_PASS", "hunter2"), null, null, null);
        assertFalse(settings.toString().contains("hunter2"), settings.toString());
        assertTrue(settings.toString().contains("DB_PASS"), settings.toString());
    }
}
