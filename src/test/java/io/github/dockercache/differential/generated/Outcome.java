package io.github.dockercache.differential.generated;

import java.util.List;

/**
 * What one engine and the plugin answered for one pair, as the runner records it ({@code target/explore/}).
 *
 * @param pair the pair's id
 * @param engine the engine's name ({@code 28}, {@code 26})
 * @param status {@link Status}
 * @param message why the engine or the plugin refused the pair, else null
 * @param steps every step of the pair's block in the second build, FROM left out
 * @param alone true for the batching check (a batched pair played again in a Dockerfile of its own); false for the
 *     pair's own answer, from its batch or, for a whole-file pair, from its own Dockerfile
 */
public record Outcome(String pair, String engine, Status status, String message, List<Step> steps, boolean alone) {

    public enum Status {
        /** Both builds ran; {@link #steps()} holds the answers. */
        PLAYED,
        /** The engine refused the Dockerfile or failed to build the block; {@link #message()} says whether the plugin did too. */
        ENGINE_REJECTED,
        /** The plugin refused a Dockerfile the engine builds (the pair played alone to see). */
        PLUGIN_REJECTED
    }

    /**
     * One step of the second build.
     *
     * @param id as BuildKit labels it ({@code <stage>:<N>})
     * @param text the instruction as the engine printed it, or as the plugin saw it when the engine printed none
     * @param engine {@code CACHED}, {@code BUILT}, or null when the engine printed no such step
     * @param plugin {@code CACHED}, {@code REBUILT}, {@code UNKNOWN}, or null when the plugin has no such step
     * @param reason the plugin's reason for an unknown verdict, else null
     */
    public record Step(String id, String text, String engine, String plugin, String reason) {
        public Agreement agreement() {
            if (engine == null || plugin == null) {
                return Agreement.SHAPE;
            }
            if (plugin.equals("UNKNOWN")) {
                return Agreement.UNKNOWN;
            }
            boolean cached = engine.equals("CACHED");
            if (cached == plugin.equals("CACHED")) {
                return Agreement.AGREES;
            }
            return cached ? Agreement.CONSERVATIVE : Agreement.UNSAFE;
        }
    }

    /** How the plugin's verdict of a step stands to the engine's. */
    public enum Agreement {
        AGREES,
        /** An unknown verdict, with its reason: allowed. */
        UNKNOWN,
        /** The plugin says REBUILT, the engine reused the step: a false alarm. */
        CONSERVATIVE,
        /** One side has a step the other has not, or the plugin refuses what the engine builds. */
        SHAPE,
        /** The plugin says CACHED, the engine rebuilt: never allowed. */
        UNSAFE
    }

    /** The engine's answer in a few words: {@code cached}, or the first rebuilt step. */
    public String engineAnswer() {
        return switch (status) {
            case ENGINE_REJECTED -> "rejected";
            case PLUGIN_REJECTED -> "built";
            case PLAYED ->
                steps.stream()
                        .filter(step -> !"CACHED".equals(step.engine()))
                        .findFirst()
                        .map(step -> "rebuilt from " + step.id().replaceAll("^.*:", "step "))
                        .orElse("cached");
        };
    }

    /** The worst agreement of the pair's steps; a plugin rejection of what the engine builds counts as SHAPE. */
    public Agreement agreement() {
        if (status == Status.ENGINE_REJECTED) {
            return Agreement.AGREES;
        }
        if (status == Status.PLUGIN_REJECTED) {
            return Agreement.SHAPE;
        }
        Agreement worst = Agreement.AGREES;
        for (Step step : steps) {
            Agreement agreement = step.agreement();
            if (agreement.ordinal() > worst.ordinal()) {
                worst = agreement;
            }
        }
        return worst;
    }
}
