package io.github.dockercache.dockerfile;

import java.util.List;

/**
 * {@code COPY} or {@code ADD}.
 *
 * @param add true for ADD
 * @param sources the source words as written, in order; a heredoc source appears as its delimiter
 *     word ({@code <<EOF}) and is described in {@code heredocs}
 * @param destination the destination as written
 * @param heredocs the here-documents used as sources
 * @param from {@code --from}, or null
 * @param chown {@code --chown}, or null
 * @param chmod {@code --chmod}, or null
 * @param link {@code --link} given (and not {@code --link=false})
 * @param excludes {@code --exclude} patterns, in order
 * @param parents {@code --parents} given
 * @param checksum ADD {@code --checksum}, or null
 * @param keepGitDir ADD {@code --keep-git-dir} given
 * @param unpack ADD {@code --unpack} value, or null when absent
 */
public record CopyInstruction(
        InstructionSource source,
        boolean add,
        List<String> sources,
        String destination,
        List<Heredoc> heredocs,
        String from,
        String chown,
        String chmod,
        boolean link,
        List<String> excludes,
        boolean parents,
        String checksum,
        boolean keepGitDir,
        String unpack)
        implements Instruction {

    /** The sources that are paths (or URLs), without the heredoc markers. */
    public List<String> sourcePaths() {
        return sources.stream()
                .filter(word -> HeredocSyntax.parseWordOrNull(word) == null)
                .toList();
    }
}
