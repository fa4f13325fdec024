package io.github.dockercache.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.model.SecretKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

/** The secret key from the environment or from a settings.xml server, decrypted as Maven 3 decrypts it. */
class SecretKeySourceTest {
    private static final String KEY = "k3y-from-settings-0123456789abcdef";

    @TempDir
    Path dir;

    /** Maven 3's decrypter, with {@code master} as the master password of settings-security.xml. */
    private SettingsDecrypter decrypter(String master) throws Exception {
        Path security = dir.resolve("settings-security.xml");
        Files.writeString(
                security,
                "<settingsSecurity><master>" + new DefaultPlexusCipher().encryptAndDecorate(master, "settings.security")
                        + "</master></settingsSecurity>");
        return new DefaultSettingsDecrypter(
                new DefaultSecDispatcher(new DefaultPlexusCipher(), Map.of(), security.toString()));
    }

    private static Settings server(String id, String password) {
        Server server = new Server();
        server.setId(id);
        server.setPassword(password);
        Settings settings = new Settings();
        settings.addServer(server);
        return settings;
    }

    @Test
    void theEnvironmentVariableComesFirst() throws Exception {
        SecretKey key = SecretKeySource.resolve(
                Map.of(SecretKeySource.VARIABLE, "k3y-from-the-environment-0123"),
                server("dockercache", KEY),
                "dockercache",
                decrypter("master"));
        assertEquals(SecretKey.of("k3y-from-the-environment-0123").id(), key.id());
    }

    @Test
    void anEncryptedServerPasswordIsDecryptedAsMavenDoes() throws Exception {
        String encrypted = new DefaultPlexusCipher().encryptAndDecorate(KEY, "master");
        SecretKey key = SecretKeySource.resolve(
                Map.of(SecretKeySource.VARIABLE, " "),
                server("dockercache", encrypted),
                "dockercache",
                decrypter("master"));
        assertEquals(SecretKey.of(KEY).id(), key.id());
        assertEquals(
                SecretKey.of(KEY).id(),
                SecretKeySource.resolve(Map.of(), server("ci-key", KEY), "ci-key", decrypter("master"))
                        .id(),
                "a plain password is taken as it is, as Maven 4 hands it over");
    }

    @Test
    void noVariableAndNoServerIsNoKey() throws Exception {
        assertNull(SecretKeySource.resolve(Map.of(), server("other", KEY), "dockercache", decrypter("master")));
        assertNull(SecretKeySource.resolve(Map.of(), null, "dockercache", decrypter("master")));
    }

    @Test
    void aServerThatCannotGiveAKeyFailsTheGoalWithoutQuotingIt() throws Exception {
        MojoFailureException noPassword = assertThrows(
                MojoFailureException.class,
                () -> SecretKeySource.resolve(Map.of(), server("dockercache", null), "dockercache", decrypter("m")));
        assertEquals(
                "The <server> 'dockercache' in settings.xml has no <password>: put the secret key there, or"
                        + " remove the server and set DOCKERCACHE_SECRET_KEY.",
                noPassword.getMessage());
        String encrypted = new DefaultPlexusCipher().encryptAndDecorate(KEY, "master");
        MojoFailureException wrongMaster = assertThrows(
                MojoFailureException.class,
                () -> SecretKeySource.resolve(
                        Map.of(), server("dockercache", encrypted), "dockercache", decrypter("another master")));
        assertTrue(
                wrongMaster
                        .getMessage()
                        .startsWith("Cannot decrypt the password of <server> 'dockercache' in" + " settings.xml: "),
                wrongMaster.getMessage());
        assertFalse(wrongMaster.getMessage().contains(KEY), wrongMaster.getMessage());
        MojoFailureException shortKey = assertThrows(
                MojoFailureException.class,
                () -> SecretKeySource.resolve(Map.of(SecretKeySource.VARIABLE, "hunter2"), null, "dockercache", null));
        assertEquals(
                "The secret key from the environment variable DOCKERCACHE_SECRET_KEY is unusable: the secret key"
                        + " has 7 characters, fewer than 16: generate one, e.g. with 'openssl rand -base64 32'.",
                shortKey.getMessage());
    }
}
