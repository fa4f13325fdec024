package io.github.dockercache.dockerfile;

/** {@code USER user[:group]} as written. */
public record UserInstruction(InstructionSource source, String user) implements Instruction {}
