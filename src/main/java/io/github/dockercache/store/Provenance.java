package io.github.dockercache.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which commit a baseline is recorded at: from the CI's variable when there is one, else read from the
 * {@code .git} directory above the project (no git binary needed).
 */
public final class Provenance {
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    private static final int SHORT = 12;

    private Provenance() {}

    /** The short commit id, or empty when it cannot be found. */
    public static Optional<String> commit(Path start, Map<String, String> environment) {
        for (String variable : new String[] {"GITHUB_SHA", "CI_COMMIT_SHA", "GIT_COMMIT", "BUILD_VCS_NUMBER"}) {
            String value = environment.get(variable);
            if (value != null && SHA.matcher(value.trim()).matches()) {
                return Optional.of(value.trim().substring(0, SHORT));
            }
        }
        return repositoryRoot(start).flatMap(root -> headOf(root.resolve(".git")));
    }

    /** The nearest directory at or above {@code start} that holds a {@code .git}, if any. */
    public static Optional<Path> repositoryRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> headOf(Path dotGit) {
        try {
            Path gitDir = dotGit;
            if (Files.isRegularFile(dotGit)) { // a worktree or submodule: "gitdir: <path>"
                String pointer =
                        Files.readString(dotGit, StandardCharsets.UTF_8).trim();
                gitDir = dotGit.getParent()
                        .resolve(pointer.substring(pointer.indexOf(':') + 1).trim());
            }
            String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8)
                    .trim();
            if (!head.startsWith("ref:")) {
                return shortSha(head);
            }
            String ref = head.substring(4).trim();
            Path commonDir = commonDir(gitDir);
            for (Path base : new Path[] {gitDir, commonDir}) {
                Path refFile = base.resolve(ref);
                if (Files.isRegularFile(refFile)) {
                    return shortSha(
                            Files.readString(refFile, StandardCharsets.UTF_8).trim());
                }
            }
            Path packed = commonDir.resolve("packed-refs");
            if (Files.isRegularFile(packed)) {
                for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                    if (line.endsWith(" " + ref)) {
                        return shortSha(line.substring(0, line.indexOf(' ')));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // provenance is a convenience: a repository we cannot read just leaves the commit out
        }
        return Optional.empty();
    }

    private static Path commonDir(Path gitDir) throws IOException {
        Path pointer = gitDir.resolve("commondir");
        return Files.isRegularFile(pointer)
                ? gitDir.resolve(Files.readString(pointer, StandardCharsets.UTF_8)
                                .trim())
                        .normalize()
                : gitDir;
    }

    private static Optional<String> shortSha(String sha) {
        return SHA.matcher(sha).matches() ? Optional.of(sha.substring(0, SHORT)) : Optional.empty();
    }
}
