package io.github.dockercache.differential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Bare git repositories for scenarios that {@code ADD} a git URL, served over git's "dumb" HTTP protocol by the
 * loopback nginx ({@code scripts/repository.sh}): plain files, kept readable by {@code git update-server-info}.
 * Commits are made with git's plumbing and fixed names and dates, so a scenario can pin a commit id it knows.
 */
final class GitRepositories {
    private static final Map<String, String> FIXED_IDENTITY = Map.of(
            "GIT_AUTHOR_NAME",
            "dockercache",
            "GIT_AUTHOR_EMAIL",
            "dockercache@example.invalid",
            "GIT_COMMITTER_NAME",
            "dockercache",
            "GIT_COMMITTER_EMAIL",
            "dockercache@example.invalid",
            "GIT_AUTHOR_DATE",
            "2000-01-01T00:00:00Z",
            "GIT_COMMITTER_DATE",
            "2000-01-01T00:00:00Z");

    private GitRepositories() {}

    /** Commits a tree of one file on {@code main} of {@code repository}, after the commit it points to now. */
    static String commit(Path repository, String file, String content) throws IOException {
        if (!Files.isDirectory(repository)) {
            Files.createDirectories(repository.getParent());
            git(null, null, "init", "--quiet", "--bare", "--initial-branch=main", repository.toString());
        }
        String blob = git(repository, content, "hash-object", "-w", "--stdin");
        String tree = git(repository, "100644 blob " + blob + "\t" + file + "\n", "mktree");
        String parent = git(repository, null, "for-each-ref", "--format=%(objectname)", "refs/heads/main");
        List<String> commitTree = new ArrayList<>(List.of("commit-tree", tree, "-m", "commit " + file));
        if (!parent.isEmpty()) {
            commitTree.addAll(List.of("-p", parent));
        }
        String commit = git(repository, null, commitTree.toArray(String[]::new));
        git(repository, null, "update-ref", "refs/heads/main", commit);
        git(repository, null, "update-server-info");
        return commit;
    }

    private static String git(Path repository, String input, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("git"));
        if (repository != null) {
            command.add("--git-dir=" + repository);
        }
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(FIXED_IDENTITY);
        Process process = builder.start();
        try (var stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}
