package io.github.dockercache.maven;

import io.github.dockercache.model.SecretKey;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Where the secret key comes from (docs/secrets.md): the environment variable {@value #VARIABLE}, else the password
 * of a {@code <server>} in settings.xml, decrypted as Maven decrypts the credentials it keeps there (Maven 3 hands
 * plugins the encrypted text and a {@link SettingsDecrypter}; Maven 4 decrypts settings when it reads them, and its
 * decrypter passes plain text through). Never from the pom or a {@code -D} property: those are committed or printed.
 */
final class SecretKeySource {
    static final String VARIABLE = "DOCKERCACHE_SECRET_KEY";

    private SecretKeySource() {}

    /** The key, or null when neither the variable nor the server is set. */
    static SecretKey resolve(
            Map<String, String> environment, Settings settings, String serverId, SettingsDecrypter decrypter)
            throws MojoFailureException {
        String variable = environment.get(VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return parse(variable, "the environment variable " + VARIABLE);
        }
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            return null;
        }
        String where = "the password of <server> '" + serverId + "' in settings.xml";
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        List<SettingsProblem> errors = result.getProblems().stream()
                .filter(problem -> problem.getSeverity() != SettingsProblem.Severity.WARNING)
                .toList();
        if (!errors.isEmpty()) {
            throw new MojoFailureException("Cannot decrypt " + where + ": "
                    + errors.stream().map(SettingsProblem::getMessage).collect(Collectors.joining("; ")));
        }
        String password = result.getServer() == null ? null : result.getServer().getPassword();
        if (password == null || password.isBlank()) {
            throw new MojoFailureException("The <server> '" + serverId + "' in settings.xml has no <password>: put the"
                    + " secret key there, or remove the server and set " + VARIABLE + ".");
        }
        return parse(password, where);
    }

    private static SecretKey parse(String text, String where) throws MojoFailureException {
        try {
            return SecretKey.of(text);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("The secret key from " + where + " is unusable: " + e.getMessage() + ".");
        }
    }
}
