package io.github.dockercache.testing;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The upstream conformance vectors kept in {@code src/test/resources/conformance} (sources and licences in its
 * NOTICE.md), read from the test classpath so that a clone alone runs them.
 */
public final class ConformanceVectors {
    private ConformanceVectors() {}

    /** The directory of one vector folder ({@code dockerfile-parser}, {@code shell-lexer}, ...). */
    public static Path folder(String name) {
        URL url = ConformanceVectors.class.getResource("/conformance/" + name);
        if (url == null) {
            throw new AssertionError("conformance folder " + name + " is not on the test classpath"
                    + " (expected in src/test/resources/conformance)");
        }
        try {
            Path dir = Path.of(url.toURI());
            if (!Files.isDirectory(dir)) {
                throw new AssertionError("conformance " + name + " is not a directory: " + dir);
            }
            return dir;
        } catch (URISyntaxException e) {
            throw new AssertionError("cannot locate conformance folder " + name + " from " + url, e);
        }
    }
}
