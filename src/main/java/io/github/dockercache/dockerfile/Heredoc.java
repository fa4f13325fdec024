package io.github.dockercache.dockerfile;

/**
 * A here-document of a RUN, COPY or ADD instruction.
 *
 * @param name the delimiter word without quotes
 * @param content the body exactly as written, line endings included, except that a COPY or ADD body of
 *     {@code <<-} has its leading tabs stripped already (BuildKit strips them as it reads the source); a RUN keeps
 *     them, since BuildKit hands the shell the body as written unless the RUN is that one heredoc ({@link #body})
 * @param expand false when the delimiter was quoted, so the frontend does not expand variables in it
 * @param chomp true for {@code <<-}
 * @param fileDescriptor the {@code n} of {@code n<<EOF}, 0 when absent
 */
public record Heredoc(String name, String content, boolean expand, boolean chomp, int fileDescriptor) {

    /** The body as a file holds it: for {@code <<-}, without the leading tabs of its lines. */
    public String body() {
        return chomp ? HeredocSyntax.chomp(content) : content;
    }
}
