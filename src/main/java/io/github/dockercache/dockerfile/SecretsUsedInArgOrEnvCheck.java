package io.github.dockercache.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * SecretsUsedInArgOrEnv: an ARG or ENV whose name has a secret-like word ({@code _TOKEN}, {@code PASSWORD_}...)
 * between underscores. The DC401 advice rule ({@code SecretInLayerRule}) leaves these to this check.
 */
final class SecretsUsedInArgOrEnvCheck implements BuildCheck.OfStep {
    private static final String SECRET_TOKENS =
            "apikey|auth|credential|credentials|key|password|pword|passwd|secret|token";
    private static final Pattern SECRET =
            Pattern.compile("(?:_|^)(?:" + SECRET_TOKENS + ")(?:_|$)", Pattern.CASE_INSENSITIVE);
    /** BuildKit 0.25 allows only "public"; later releases added more words. */
    private static final Pattern SECRET_ALLOWED = Pattern.compile("(?:_|^)public(?:_|$)", Pattern.CASE_INSENSITIVE);

    @Override
    public String name() {
        return BuildChecks.SECRETS_USED_IN_ARG_OR_ENV;
    }

    @Override
    public void check(CheckInput input, CheckDispatch.Step step, List<ParseWarning> warnings) {
        String keyword = step.instruction().source().keyword();
        List<String> keys = switch (keyword) {
            case "ENV" -> envKeys(input.raw().get(step.instruction()).args());
            case "ARG" ->
                ((ArgInstruction) step.instruction())
                        .args().stream().map(ArgDeclaration::name).toList();
            default -> List.of();
        };
        for (String key : keys) {
            if (SECRET.matcher(key).find() && !SECRET_ALLOWED.matcher(key).find()) {
                warnings.add(warning(
                        input,
                        step.location(),
                        "Do not use ARG or ENV instructions for sensitive data (" + keyword + " " + GoText.quote(key)
                                + ")"));
            }
        }
    }

    /** The keys as written: the raw arguments come as key, value, separator. */
    private static List<String> envKeys(List<String> args) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i + 2 < args.size(); i += 3) {
            keys.add(args.get(i));
        }
        return keys;
    }
}
