package io.github.dockercache.advice;

import io.github.dockercache.dockerfile.ParseWarning;
import io.github.dockercache.model.SecretExposure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * DC401: a secret reaches a layer (docs/secrets.md). A RUN with a secret build arg in its environment has BuildKit
 * write the stage's build args, values included, into that layer's image history, and keys the step's cache on the
 * value; an ENV whose value is a secret or derived from one stays in the configuration of the image built. BuildKit's
 * own SecretsUsedInArgOrEnv check flags ARG and ENV lines whose names look secret to it; this rule points at the
 * layers instead, follows values through other names (ENV CONN=...${DB_PASS}...), and leaves out the ENV lines that
 * check flags already.
 */
final class SecretInLayerRule implements Rule {
    static final String ID = "DC401";
    /** BuildKit's check of the same concern (BuildChecks), whose warnings this rule does not repeat. */
    private static final String BUILDKIT_CHECK = "SecretsUsedInArgOrEnv";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(AdviceInput input) {
        List<Finding> findings = new ArrayList<>();
        Map<String, List<SecretExposure>> runsByArg = new LinkedHashMap<>();
        for (SecretExposure exposure : input.secretExposures()) {
            if (exposure.instruction().equals("ENV")) {
                if (!flaggedByBuildKit(input, exposure)) {
                    findings.add(env(input, exposure));
                }
            } else if (exposure.origin() != null && exposure.origin().contains("ARG")) {
                // an ENV's value is in the image's configuration, said above, and in no RUN's history
                runsByArg
                        .computeIfAbsent(exposure.variable() + "\n" + exposure.origin(), k -> new ArrayList<>())
                        .add(exposure);
            }
        }
        runsByArg.values().forEach(runs -> findings.add(runs(input, runs)));
        return findings;
    }

    private static Finding runs(AdviceInput input, List<SecretExposure> runs) {
        SecretExposure first = runs.get(0);
        String variable = first.variable();
        String lines = runs.stream()
                .map(run -> Integer.toString(run.line()))
                .distinct()
                .collect(Collectors.joining(", "));
        String where = runs.stream().anyMatch(SecretExposure::finalImage)
                ? "BuildKit writes the stage's build args, values included, into the image history of each RUN's layer"
                        + " (docker history --no-trunc shows them)"
                : "the build cache keeps it with each RUN's layer";
        String message = "the secret build arg " + variable + " (" + first.origin() + ") is in the environment of the"
                + " RUN" + (runs.size() > 1 ? "s at lines " : " at line ") + lines + ": " + where
                + ", and its value keys those steps' cache";
        String id = variable.toLowerCase(Locale.ROOT);
        String fix = Fixes.of(
                "declare no ARG for it; mount it as a secret in the RUN that uses it, and pass it with"
                        + " docker build --secret id=" + id + ",env=" + variable,
                "RUN --mount=type=secret,id=" + id + " export " + variable + "=\"$(cat /run/secrets/" + id
                        + ")\" && <command>");
        return new Finding(
                ID, Severity.WARNING, input.dockerfile().displayName(), first.line(), null, message, fix, List.of());
    }

    private static Finding env(AdviceInput input, SecretExposure env) {
        String message = "ENV " + env.variable() + " holds a secret or a value derived from one: it stays in the"
                + " configuration of the image (docker inspect shows it), and every RUN after it keys its cache on it";
        String fix = "set " + env.variable() + " when the container starts (docker run -e, or the orchestrator's"
                + " secrets) instead of in the Dockerfile";
        return new Finding(
                ID, Severity.WARNING, input.dockerfile().displayName(), env.line(), null, message, fix, List.of());
    }

    /** True when BuildKit's SecretsUsedInArgOrEnv already warns about this ENV. */
    private static boolean flaggedByBuildKit(AdviceInput input, SecretExposure env) {
        String named = "ENV \"" + env.variable() + "\"";
        for (ParseWarning warning : input.dockerfile().warnings()) {
            if (warning.rule().equals(BUILDKIT_CHECK)
                    && warning.location().line() == env.line()
                    && warning.message().contains(named)) {
                return true;
            }
        }
        return false;
    }
}
