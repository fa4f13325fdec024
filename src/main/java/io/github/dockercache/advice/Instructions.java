package io.github.dockercache.advice;

import io.github.dockercache.dockerfile.Instruction;
import io.github.dockercache.dockerfile.InstructionSource;
import io.github.dockercache.dockerfile.RunInstruction;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Instruction text as the rules quote and rewrite it. */
final class Instructions {
    private Instructions() {}

    /** The instruction word as written ({@code copy} stays lower case). */
    static String keyword(InstructionSource source) {
        return source.text().split("\\s+", 2)[0];
    }

    /** The instruction with {@code flag} added right after its keyword, for a fix line. */
    static String withFlag(InstructionSource source, String flag) {
        String[] parts = source.text().split("\\s+", 2);
        return parts[0] + " " + flag + (parts.length > 1 ? " " + parts[1] : "");
    }

    /** The edit that writes {@code line} in place of the instruction (all its lines, continuations included). */
    static Edit.DockerfileLines replace(InstructionSource source, String line) {
        return Edit.DockerfileLines.replace(source.location().line(), source.endLine(), List.of(line));
    }

    /** What a RUN executes, here-documents included, for matching commands in it. */
    static String command(RunInstruction run) {
        StringBuilder command = new StringBuilder(String.join(" ", run.command()));
        run.heredocs().forEach(heredoc -> command.append('\n').append(heredoc.content()));
        return command.toString();
    }

    /** The first RUN whose command passes {@code test}. */
    static Optional<RunInstruction> firstRun(List<Instruction> instructions, Predicate<String> test) {
        return instructions.stream()
                .filter(RunInstruction.class::isInstance)
                .map(RunInstruction.class::cast)
                .filter(run -> test.test(command(run)))
                .findFirst();
    }

    /** {@code RUN npm ci at line 7}, how messages name an instruction. */
    static String describe(InstructionSource source) {
        return shorten(source.text()) + " at line " + source.location().line();
    }

    /** Long instructions are cut so that a message stays one readable line. */
    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
