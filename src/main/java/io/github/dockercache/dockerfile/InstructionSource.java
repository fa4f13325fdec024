package io.github.dockercache.dockerfile;

import java.util.List;

/**
 * Where an instruction stands and how it was written.
 *
 * @param keyword the instruction word in upper case ({@code RUN})
 * @param text the instruction as BuildKit prints it in its progress output: keyword and arguments,
 *     continuation lines joined, comment lines removed
 * @param location line and column of the keyword
 * @param endLine the last line of the instruction, heredoc bodies included
 * @param comments the comment lines directly above the instruction, without the leading {@code #}
 *     and surrounding whitespace, in file order
 */
public record InstructionSource(
        String keyword, String text, SourceLocation location, int endLine, List<String> comments) {}
