package io.github.dockercache.advice;

import java.util.List;

/**
 * A change a finding proposes, as data: what to write where. Values the plugin cannot know (a digest, a
 * checksum, a release number) are written as {@code <placeholder>}s in angle brackets, as the fix text shows them.
 */
public sealed interface Edit permits Edit.IgnoreLines, Edit.DockerfileLines, Edit.Prerequisite {

    /**
     * Lines to append to an ignore file, in order.
     *
     * @param file the ignore file as {@link io.github.dockercache.context.BuildContext#ignoreFile()} names it:
     *     relative to the context when inside it; {@code .dockerignore} when the context has none yet
     * @param lines the patterns, {@code !} exceptions included
     */
    record IgnoreLines(String file, List<String> lines) implements Edit {
        public IgnoreLines {
            lines = List.copyOf(lines);
        }
    }

    /**
     * Lines {@code first} to {@code last} of the Dockerfile (1-based, inclusive) replaced by {@code lines}; with
     * {@code last == first - 1} nothing is replaced and the lines are inserted above line {@code first}, and with
     * no lines the range is deleted.
     */
    record DockerfileLines(int first, int last, List<String> lines) implements Edit {
        public DockerfileLines {
            if (first < 1 || last < first - 1) {
                throw new IllegalArgumentException("bad line range " + first + "-" + last);
            }
            lines = List.copyOf(lines);
        }

        static DockerfileLines replace(int first, int last, List<String> lines) {
            return new DockerfileLines(first, last, lines);
        }

        static DockerfileLines insertAbove(int line, List<String> lines) {
            return new DockerfileLines(line, line - 1, lines);
        }

        static DockerfileLines delete(int first, int last) {
            return new DockerfileLines(first, last, List.of());
        }
    }

    /**
     * A change outside the Dockerfile and the ignore file that the other edits need first, such as a build plugin
     * that writes the files a new COPY reads; said in words, since the plugin does not edit build files.
     */
    record Prerequisite(String what) implements Edit {}
}
