package io.github.dockercache.maven;

import io.github.dockercache.workflow.StatCacheShare;
import java.nio.file.Path;
import org.apache.maven.execution.MavenSession;

/**
 * The stat caches written in this build, by context, in the session's data, which every module and mojo of one build
 * shares (parallel builds included). Kept as strings, as {@link CheckedImages} explains.
 */
final class SessionStatCaches implements StatCacheShare {
    private final MavenSession session;

    SessionStatCaches(MavenSession session) {
        this.session = session;
    }

    @Override
    public Path latest(Path context) {
        return session.getRepositorySession().getData().get(key(context)) instanceof String file ? Path.of(file) : null;
    }

    @Override
    public void wrote(Path context, Path statCache) {
        session.getRepositorySession()
                .getData()
                .set(key(context), statCache.toAbsolutePath().normalize().toString());
    }

    private static String key(Path context) {
        return SessionStatCaches.class.getName() + ":" + context;
    }
}
