package io.github.dockercache.maven;

import io.github.dockercache.report.Printed;
import java.nio.file.Path;
import org.apache.maven.execution.MavenSession;

/**
 * What check printed for each image in this build, keyed by the image's output directory, so that explain run
 * later in the same build ({@code mvn package dockercache:explain}) prints each cause once. It lives in the
 * session's data, which every module and mojo of one build shares and the next build starts without. It is kept as
 * a {@code String}: as a build extension the plugin's classes may come from another class realm in each mojo, and a
 * class of our own would not be recognised across them.
 */
final class CheckedImages {
    private CheckedImages() {}

    static void remember(MavenSession session, Path outputDirectory, Printed printed) {
        if (session != null) {
            session.getRepositorySession().getData().set(key(outputDirectory), printed.text());
        }
    }

    /** What check printed for the image, or null when check has not run for it in this build. */
    static Printed recall(MavenSession session, Path outputDirectory) {
        return session == null
                ? null
                : session.getRepositorySession().getData().get(key(outputDirectory)) instanceof String text
                        ? new Printed(text)
                        : null;
    }

    private static String key(Path outputDirectory) {
        return CheckedImages.class.getName() + ":"
                + outputDirectory.toAbsolutePath().normalize();
    }
}
