package io.github.dockercache.dockerfile;

import java.util.List;

/** {@code ENV k=v ...} or the legacy {@code ENV k v}; values as written. */
public record EnvInstruction(InstructionSource source, List<KeyValue> pairs) implements Instruction {}
