package io.github.dockercache.compare;

import io.github.dockercache.model.InputName;
import io.github.dockercache.model.Secrets;
import io.github.dockercache.model.StepSnapshot;

/**
 * The causes of inputs derived from a secret: a change compared through the secret key is named, never shown; two
 * values that cannot be compared say why.
 */
final class SecretCauses {
    private SecretCauses() {}

    /** A change to a value derived from a secret, compared through the key: named, never shown. */
    static Cause secretCause(StepSnapshot step, StepSnapshot before, InputName name, String then, String now) {
        String text = name.toString();
        String origin = step.reads()
                .origins()
                .getOrDefault(text, before.reads().origins().get(text));
        boolean variable = name instanceof InputName.Variable;
        boolean isArg = variable && origin != null && origin.contains("ARG");
        String subject = name instanceof InputName.Variable v ? v.variable() : text;
        String what = InputWords.describeSecretInput(step, before, name);
        CauseKind kind = variable
                ? (isArg ? CauseKind.BUILD_ARG : CauseKind.ENV)
                : switch (text) {
                    case "workdir", "path" -> CauseKind.WORKDIR;
                    case "user", "owner" -> CauseKind.USER;
                    default -> CauseKind.INSTRUCTION;
                };
        String change = then == null ? " is now set" : now == null ? " is no longer set" : " changed";
        return new Cause(
                kind,
                subject,
                null,
                null,
                what + change + "; it depends on a secret, so its value is not" + " shown"
                        + (origin == null ? "" : " (" + origin + ")"),
                isArg ? Advice.SECRET_MOUNT : null);
    }

    /** Why two values, one of them masked, cannot be compared; null when they are two MACs under one key. */
    static String notComparedBecause(String then, String now) {
        if (then == null || now == null) {
            return null; // added or removed: a change whatever the value
        }
        String thenKey = Secrets.keyIdOf(then);
        String nowKey = Secrets.keyIdOf(now);
        if (thenKey != null && thenKey.equals(nowKey)) {
            return null;
        }
        if (Secrets.isLegacy(then) || !Secrets.isMasked(then) || !Secrets.isMasked(now)) {
            return "the baseline holds another form (recorded by an earlier version, or while the build arg was not"
                    + " secret)";
        }
        if (thenKey == null) {
            return "the baseline was recorded without a secret key";
        }
        return nowKey == null ? "no secret key is configured" : "the baseline was recorded with another secret key";
    }
}
