package io.github.dockercache.dockerfile;

/**
 * An instruction that only changes the image configuration and never produces a build step in
 * BuildKit: LABEL, EXPOSE, CMD, ENTRYPOINT, HEALTHCHECK, STOPSIGNAL, VOLUME, MAINTAINER.
 */
public record MetadataInstruction(InstructionSource source) implements Instruction {}
