package io.github.dockercache.report;

/**
 * Element ids for stages and steps, so that boxes, arrows and causes can link to each other. Stage
 * labels and step ids are user-controlled, so characters outside a safe set are spelled out in hex:
 * distinct names keep distinct ids.
 */
final class Anchors {
    private Anchors() {}

    static String stage(String stage) {
        return "stage-" + safe(stage);
    }

    static String step(String stepId) {
        return "step-" + safe(stepId);
    }

    /** A link to a stage's lane. */
    static String toStage(String stage) {
        return "#" + stage(stage);
    }

    /** A link to a step's box. */
    static String toStep(String stepId) {
        return "#" + step(stepId);
    }

    private static String safe(String name) {
        StringBuilder id = new StringBuilder();
        name.codePoints().forEach(c -> {
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == ':')) {
                id.appendCodePoint(c);
            } else {
                id.append('_').append(Integer.toHexString(c)).append('_');
            }
        });
        return id.toString();
    }
}
