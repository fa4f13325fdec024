package io.github.dockercache.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The test repository of the history tests: a Maven-style image, then one commit of each kind of change (a source
 * edit, a dependency edit, a chmod, a doc edit, a base-image bump, its revert), with fixed dates.
 */
final class HistoryRepository {
    static final String DOCKERFILE = """
            FROM busybox:1.36
            WORKDIR /app
            COPY pom.xml .
            RUN mvn -B dependency:go-offline
            COPY src ./src
            RUN mvn -B package
            COPY target/app.jar app.jar
            """;

    private final Path directory;
    private final Git git;
    private int commits;

    private HistoryRepository(Path directory, Git git) {
        this.directory = directory;
        this.git = git;
    }

    /** Builds the whole history in {@code directory}; target/app.jar is left untracked, as a build leaves it. */
    static HistoryRepository build(Path directory) throws IOException, GitAPIException {
        HistoryRepository repository = new HistoryRepository(
                directory,
                Git.init()
                        .setDirectory(directory.toFile())
                        .setInitialBranch("main")
                        .call());
        repository.write(".gitignore", "target/\n");
        repository.write("Dockerfile", DOCKERFILE);
        repository.write("pom.xml", "<project><artifactId>app</artifactId></project>\n");
        repository.write("src/Main.java", "class Main {}\n");
        repository.write("README.md", "# app\n");
        repository.commit("Initial import");
        repository.write("src/Main.java", "class Main { int answer = 42; }\n");
        repository.commit("Edit the source");
        repository.write("pom.xml", "<project><artifactId>app</artifactId><dependencies/></project>\n");
        repository.commit("Add a dependency");
        Files.setPosixFilePermissions(directory.resolve("pom.xml"), PosixFilePermissions.fromString("rwxr-xr-x"));
        repository.commit("Make pom.xml executable");
        repository.write("README.md", "# app\n\nBuild with mvn package.\n");
        repository.commit("Document the build");
        repository.write("Dockerfile", DOCKERFILE.replace("busybox:1.36", "busybox:1.37"));
        RevCommit bump = repository.commit("Bump busybox to 1.37");
        repository.git.revert().include(bump).call();
        repository.write("target/app.jar", "not a jar\n");
        return repository;
    }

    Git git() {
        return git;
    }

    void write(String path, String content) throws IOException {
        Path file = directory.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    RevCommit commit(String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent(
                "Test",
                "test@example.com",
                Date.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * commits++)),
                TimeZone.getTimeZone("UTC"));
        return git.commit()
                .setMessage(message)
                .setAuthor(who)
                .setCommitter(who)
                .setSign(false)
                .call();
    }
}
