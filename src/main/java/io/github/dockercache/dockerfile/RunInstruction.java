package io.github.dockercache.dockerfile;

import java.util.List;

/**
 * {@code RUN}.
 *
 * @param command exec form: the JSON array; shell form: one element, the command text exactly as
 *     BuildKit joins it (continuations joined, comment lines dropped, not expanded)
 * @param shellForm true for the shell form
 * @param heredocs the here-documents, in order, their bodies as written (tabs of {@code <<-} kept)
 * @param mounts the raw {@code --mount} values, in order, not expanded
 * @param network the {@code --network} value, or null
 * @param security the {@code --security} value, or null
 */
public record RunInstruction(
        InstructionSource source,
        List<String> command,
        boolean shellForm,
        List<Heredoc> heredocs,
        List<String> mounts,
        String network,
        String security)
        implements Instruction {

    /**
     * The heredoc when the command is that one heredoc and nothing else ({@code RUN <<EOF}): BuildKit then runs its
     * body rather than the line (dispatchRun); null otherwise.
     */
    public Heredoc soleHeredoc() {
        return shellForm && heredocs.size() == 1 && HeredocSyntax.parseWordOrNull(command.get(0)) != null
                ? heredocs.get(0)
                : null;
    }
}
