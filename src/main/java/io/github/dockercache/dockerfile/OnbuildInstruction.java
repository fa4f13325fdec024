package io.github.dockercache.dockerfile;

/** {@code ONBUILD <instruction>}; {@code trigger} is the nested instruction's text. */
public record OnbuildInstruction(InstructionSource source, String trigger) implements Instruction {}
