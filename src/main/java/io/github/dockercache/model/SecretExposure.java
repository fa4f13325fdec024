package io.github.dockercache.model;

/**
 * A place where a secret reaches a layer: a RUN with the secret in its environment (BuildKit writes the stage's
 * build args into the RUN's image history, and the value keys its cache), or an ENV whose value is kept in the
 * configuration of the image built.
 *
 * @param line the 1-based line of the instruction
 * @param instruction {@code RUN} or {@code ENV}
 * @param variable the variable holding the secret or a value derived from it
 * @param origin where the variable was set ({@code --build-arg DB_PASS, declared by ARG at line 3})
 * @param finalImage true when the instruction belongs to the image built (the target stage or a stage it is built
 *     FROM), false for a stage only copied from
 */
public record SecretExposure(int line, String instruction, String variable, String origin, boolean finalImage) {}
