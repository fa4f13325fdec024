package io.github.dockercache.dockerfile;

import java.util.List;

/**
 * BuildKit's raw parse of a Dockerfile: the instructions, unchecked.
 *
 * @param displayName how messages name the file
 * @param escapeChar the escape character in effect
 * @param instructions the top-level instructions in file order
 * @param warnings the parser's warnings (empty continuation lines)
 */
public record RawDockerfile(
        String displayName, char escapeChar, List<RawInstruction> instructions, List<ParseWarning> warnings) {

    /** First line of the first instruction. */
    public int startLine() {
        return instructions.get(0).startLine();
    }

    /** Last line of the last instruction. */
    public int endLine() {
        return instructions.get(instructions.size() - 1).endLine();
    }

    /** The tree in the format of BuildKit's {@code Node.Dump()} (the parser tests' {@code result} files, minus the final newline). */
    public String dump() {
        StringBuilder out = new StringBuilder();
        for (RawInstruction instruction : instructions) {
            out.append('(').append(instruction.dump()).append(")\n");
        }
        return GoText.trimSpace(out.toString());
    }
}
