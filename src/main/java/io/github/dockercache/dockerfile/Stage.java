package io.github.dockercache.dockerfile;

import java.util.List;

/**
 * One {@code FROM} and the instructions up to the next one.
 *
 * @param index 0-based position among the stages
 * @param name the {@code AS} name as written, or null
 * @param instructions the instructions after FROM, in file order
 */
public record Stage(int index, String name, FromInstruction from, List<Instruction> instructions) {}
