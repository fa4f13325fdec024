package io.github.dockercache.differential.generated;

import java.util.List;
import java.util.Objects;

/**
 * One generated question for the engines: a block of stages as the first build sees it ({@code before}), the same
 * block as the second build sees it ({@code after}), and edits of the block's own context directory between the
 * two builds.
 *
 * <p>Blocks are templates: {@code {s}} is the block's stage name (its other stages are {@code {s}-<suffix>}),
 * {@code {d}} its context directory, {@code {i}} the index of its first stage in the whole Dockerfile (for
 * {@code --from=<index>}) and {@code {base}} the engine's base image. A block reads only its own directory, which
 * holds {@link #STANDARD_FILES} before the first build, so that many pairs can share one Dockerfile and one context
 * without one pair's edit reaching another ({@link Batch}).
 *
 * @param id unique, stable across runs: the family and the values' positions
 * @param instruction the instruction the edit is about ({@code RUN}, {@code COPY}, ...; {@code context} for edits of
 *     the files alone)
 * @param form the flag, option or form the edit is about ({@code --chmod}, {@code mount=cache sharing}, ...)
 * @param edit what the edit does, in a few words ({@code 0644 -> 644})
 * @param kind {@link Kind#EQUIVALENT}: an edit the catalogue's author expects not to matter; {@link Kind#CHANGE}: one
 *     expected to matter. Only a label for the matrix: the engines decide
 * @param before the block in the first build
 * @param after the block in the second build
 * @param changes edits of the block's directory between the builds
 * @param wholeFile null for a pair that shares a batch; else the pair acts on the whole Dockerfile or context
 *     (parser directives, global ARGs, {@code .dockerignore}, {@code COPY .}) and is always played alone, in a
 *     Dockerfile and a context of its own
 */
public record Pair(
        String id,
        String instruction,
        String form,
        String edit,
        Kind kind,
        String before,
        String after,
        List<ContextEdit> changes,
        WholeFile wholeFile) {

    /** The files of every block's directory before the first build, path to content (mode 0644). */
    public static final List<String[]> STANDARD_FILES = List.of(
            new String[] {"a", "a\n"},
            new String[] {"b", "b\n"},
            new String[] {"dir/x", "x\n"},
            new String[] {"dir/y", "y\n"},
            new String[] {"dir/sub/z", "z\n"});

    public enum Kind {
        /** Expected not to matter: a respelling, a default written out, a reordering. */
        EQUIVALENT,
        /** Expected to matter. */
        CHANGE
    }

    /**
     * What a whole-file pair has besides its Dockerfile: the {@code .dockerignore} at the context's root in the first
     * and in the second build ({@code {d}} for the pair's directory), null for none.
     */
    public record WholeFile(String ignoreBefore, String ignoreAfter) {
        /** A whole-file pair without a {@code .dockerignore}. */
        public static final WholeFile NO_IGNORE = new WholeFile(null, null);

        /** The {@code .dockerignore} of the first ({@code after} false) or the second build, or null. */
        public String ignore(boolean after) {
            return after ? ignoreAfter : ignoreBefore;
        }
    }

    /** A pair that shares a batch with others. */
    public Pair(
            String id,
            String instruction,
            String form,
            String edit,
            Kind kind,
            String before,
            String after,
            List<ContextEdit> changes) {
        this(id, instruction, form, edit, kind, before, after, changes, null);
    }

    public Pair {
        boolean ignoreChanges = wholeFile != null && !Objects.equals(wholeFile.ignoreBefore(), wholeFile.ignoreAfter());
        if (before.equals(after) && changes.isEmpty() && !ignoreChanges) {
            throw new IllegalArgumentException(id + ": nothing changes");
        }
        changes = List.copyOf(changes);
    }

    /** Whether the pair is played alone, never in a batch ({@link #wholeFile()}). */
    public boolean isWholeFile() {
        return wholeFile != null;
    }
}
