package io.github.dockercache.dockerfile;

/** {@code WORKDIR path}, the path as written. */
public record WorkdirInstruction(InstructionSource source, String path) implements Instruction {}
