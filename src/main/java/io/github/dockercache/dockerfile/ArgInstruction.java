package io.github.dockercache.dockerfile;

import java.util.List;

/** {@code ARG name[=default] ...}; defaults as written. */
public record ArgInstruction(InstructionSource source, List<ArgDeclaration> args) implements Instruction {}
