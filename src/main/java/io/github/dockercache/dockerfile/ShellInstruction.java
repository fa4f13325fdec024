package io.github.dockercache.dockerfile;

import java.util.List;

/** {@code SHELL ["executable", "param"]}. */
public record ShellInstruction(InstructionSource source, List<String> shell) implements Instruction {}
