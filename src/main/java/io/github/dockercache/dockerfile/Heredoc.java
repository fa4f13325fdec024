package io.github.dockercache.dockerfile;

/**
 * A here-document of a RUN, COPY or ADD instruction.
 *
 * @param name the delimiter word without quotes
 * @param content the body exactly as written, line endings included; for {@code <<-} leading tabs are
 *     already stripped
 * @param expand false when the delimiter was quoted, so the frontend does not expand variables in it
 * @param chomp true for {@code <<-}
 * @param fileDescriptor the {@code n} of {@code n<<EOF}, 0 when absent
 */
public record Heredoc(String name, String content, boolean expand, boolean chomp, int fileDescriptor) {}
