package io.github.dockercache.maven;

import io.github.dockercache.workflow.BaselineSource;
import io.github.dockercache.workflow.BaselineUnavailableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.aether.ConfigurationProperties;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * A baseline published as the snapshot of an earlier build ({@code groupId:artifactId:version}, type {@code json},
 * classifier {@code dockercache}), resolved with Maven's own resolver: mirrors, authentication and offline mode
 * from settings.xml apply. {@code LATEST} and {@code RELEASE} are accepted as versions.
 */
final class ArtifactBaselineSource implements BaselineSource {
    static final String TYPE = "json";
    /**
     * How long a silent repository may keep the fetch waiting, unless the build sets
     * {@code aether.connector.requestTimeout}: Maven's own default is 30 minutes, which would hang the build for a
     * file of a few kilobytes.
     */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Where the resolver reads the request timeout: resolver 1.x (Maven 3) reads the first, resolver 2.x (Maven 4)
     * only the second.
     */
    private static final List<String> REQUEST_TIMEOUT_KEYS =
            List.of(ConfigurationProperties.REQUEST_TIMEOUT, "aether.transport.http.requestTimeout");

    private final RepositorySystem repositorySystem;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;
    private final String coordinates;
    private final String classifier;

    ArtifactBaselineSource(
            RepositorySystem repositorySystem,
            RepositorySystemSession session,
            List<RemoteRepository> repositories,
            String coordinates,
            String classifier) {
        this.repositorySystem = repositorySystem;
        this.session = session;
        this.repositories = repositories;
        this.coordinates = coordinates.trim();
        this.classifier = classifier;
    }

    /** Checks the {@code groupId:artifactId:version} form up front, so a typo is reported as such. */
    static String validate(String coordinates) {
        String[] parts = coordinates.trim().split(":");
        if (parts.length != 3 || List.of(parts).stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("'" + coordinates + "' is not groupId:artifactId:version");
        }
        return coordinates.trim();
    }

    @Override
    public Path locate() throws BaselineUnavailableException {
        String[] parts = coordinates.split(":");
        DefaultArtifact artifact = new DefaultArtifact(parts[0], parts[1], classifier, TYPE, parts[2]);
        try {
            return repositorySystem
                    .resolveArtifact(forBaseline(session), new ArtifactRequest(artifact, repositories, null))
                    .getArtifact()
                    .getFile()
                    .toPath();
        } catch (ArtifactResolutionException e) {
            throw new BaselineUnavailableException(
                    "Cannot resolve the baseline " + describe()
                            + (session.isOffline() ? " in offline mode" : "") + ": " + rootMessage(e)
                            + ". Deploy a build of it first (mvn deploy attaches the snapshot), or check <baselineArtifact>.",
                    e);
        }
    }

    /**
     * The session without its workspace reader, and with {@link #REQUEST_TIMEOUT} unless the build chose a request
     * timeout itself. The baseline is what was published: Maven 4's workspace reader would otherwise serve this
     * project's own snapshot from an earlier local build ({@code target/project-local-repo}) under the same
     * coordinates.
     */
    static RepositorySystemSession forBaseline(RepositorySystemSession session) {
        DefaultRepositorySystemSession copy = new DefaultRepositorySystemSession(session);
        copy.setWorkspaceReader(null);
        if (REQUEST_TIMEOUT_KEYS.stream().noneMatch(session.getConfigProperties()::containsKey)) {
            REQUEST_TIMEOUT_KEYS.forEach(key -> copy.setConfigProperty(key, (int) REQUEST_TIMEOUT.toMillis()));
        }
        return copy;
    }

    @Override
    public String describe() {
        String[] parts = coordinates.split(":");
        return parts[0] + ":" + parts[1] + ":" + TYPE + ":" + classifier + ":" + parts[2];
    }

    @Override
    public boolean remote() {
        return true;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : error.getMessage();
    }
}
