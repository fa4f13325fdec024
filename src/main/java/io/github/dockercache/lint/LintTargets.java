package io.github.dockercache.lint;

import io.github.dockercache.dockerfile.DockerfileNames;
import io.github.dockercache.files.IoReasons;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.PatternSyntaxException;

/**
 * The Dockerfiles that paths, directories and globs name, each once, sorted by the name the outputs give it.
 *
 * <p>A file is taken whatever its name. A directory is searched for files named as Dockerfiles
 * ({@link DockerfileNames}), without entering hidden directories, {@code target} or {@code node_modules} (a
 * build's copies and dependencies, not the project's own files). A glob ({@code *}, {@code ?}, {@code [..]},
 * {@code {a,b}}; {@code **} crosses directories, and {@code **}{@code /} also matches no directory) is matched
 * against paths relative to the base directory, below its part without wildcards. Symbolic links to directories
 * are not followed.
 */
final class LintTargets {
    /** Bounds the walk of a directory or glob, so that a mistaken root cannot walk a whole disk unnoticed. */
    static final int MAX_VISITED = 200_000;

    static final int MAX_FILES = 10_000;
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "node_modules");

    /** A file to lint and its name in the outputs. */
    record Target(Path path, String name) {}

    private final Path base;
    private final TreeMap<String, Target> found = new TreeMap<>();
    private int visited;
    /** Whether the last walk matched a file, possibly one an earlier pattern took already. */
    private boolean matchedAny;

    private LintTargets(Path base) {
        this.base = base.toAbsolutePath().normalize();
    }

    /**
     * The files {@code patterns} name, relative to {@code base}.
     *
     * @throws LintException a path that does not exist, a directory without a Dockerfile, a glob that matches no
     *     file or is malformed, or a walk past the bounds
     */
    static List<Target> resolve(Path base, List<String> patterns) throws LintException {
        LintTargets targets = new LintTargets(base);
        for (String pattern : patterns) {
            targets.add(pattern.strip());
        }
        return List.copyOf(targets.found.values());
    }

    private void add(String pattern) throws LintException {
        if (pattern.isEmpty()) {
            throw new LintException(LintException.Input.PATHS, "an empty path");
        }
        if (isGlob(pattern)) {
            addGlob(pattern);
            if (!matchedAny) {
                throw new LintException(LintException.Input.PATHS, "no file matches the glob '" + pattern + "'");
            }
            return;
        }
        Path path = path(pattern);
        if (Files.isDirectory(path)) {
            walk(path, null);
            if (!matchedAny) {
                throw new LintException(
                        LintException.Input.PATHS,
                        "no Dockerfile in the directory '" + pattern + "' (looked for Dockerfile,"
                                + " Dockerfile.*, *.Dockerfile and Containerfile, outside hidden directories, target and"
                                + " node_modules)");
            }
        } else if (Files.exists(path)) {
            try {
                take(path);
            } catch (WalkLimit e) {
                throw new LintException(LintException.Input.PATHS, e.getMessage());
            }
        } else {
            throw new LintException(LintException.Input.PATHS, "'" + pattern + "' does not exist");
        }
    }

    private void addGlob(String pattern) throws LintException {
        List<String> literal = new ArrayList<>();
        for (String segment : pattern.replace('\\', '/').split("/", -1)) {
            if (isGlob(segment)) {
                break;
            }
            literal.add(segment);
        }
        String root = String.join("/", literal);
        Path start = root.isEmpty() ? base : path(root);
        if (!Files.isDirectory(start)) {
            throw new LintException(
                    LintException.Input.PATHS,
                    "no file matches the glob '" + pattern + "': '" + root + "' is not a directory");
        }
        PathMatcher matcher;
        try {
            // Java's ** needs at least one directory for **/; a user means "any depth", none included
            String glob =
                    pattern.contains("**/") && !pattern.contains("{") ? pattern.replace("**/", "{**/,}") : pattern;
            matcher = FileSystems.getDefault()
                    .getPathMatcher("glob:" + base.resolve(glob).normalize());
        } catch (PatternSyntaxException | InvalidPathException e) {
            throw new LintException(
                    LintException.Input.PATHS,
                    "'" + pattern + "' is not a valid glob: "
                            + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
        walk(start, matcher);
    }

    /** Walks below {@code root}: with a matcher, every file it matches; without, every file named as a Dockerfile. */
    private void walk(Path root, PathMatcher matcher) throws LintException {
        matchedAny = false;
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    count();
                    String name =
                            dir.getFileName() == null ? "" : dir.getFileName().toString();
                    boolean skipped = matcher == null
                            && !dir.equals(root)
                            && (name.startsWith(".") || SKIPPED_DIRECTORIES.contains(name));
                    return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    count();
                    boolean wanted = matcher != null
                            ? matcher.matches(file.toAbsolutePath().normalize())
                            : DockerfileNames.matches(file.getFileName().toString());
                    if (wanted && !attributes.isDirectory()) {
                        matchedAny = true;
                        take(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (file.equals(root)) {
                        throw e;
                    }
                    return FileVisitResult.CONTINUE; // an unreadable directory below: its Dockerfiles cannot be named
                }
            });
        } catch (WalkLimit e) {
            throw new LintException(LintException.Input.PATHS, e.getMessage());
        } catch (IOException e) {
            throw new LintException(LintException.Input.PATHS, "cannot read " + IoReasons.describe(e), e);
        }
    }

    private void count() throws WalkLimit {
        if (++visited > MAX_VISITED) {
            throw new WalkLimit("more than " + MAX_VISITED + " files and directories to search: name the Dockerfiles"
                    + " or narrower directories");
        }
    }

    private void take(Path file) throws WalkLimit {
        Path absolute = file.toAbsolutePath().normalize();
        String name = absolute.startsWith(base) && !absolute.equals(base)
                ? base.relativize(absolute).toString().replace('\\', '/')
                : absolute.toString();
        found.putIfAbsent(name, new Target(absolute, name));
        if (found.size() > MAX_FILES) {
            throw new WalkLimit("more than " + MAX_FILES + " Dockerfiles: lint them in several runs");
        }
    }

    private Path path(String pattern) throws LintException {
        try {
            return base.resolve(pattern).normalize();
        } catch (InvalidPathException e) {
            throw new LintException(
                    LintException.Input.PATHS, "'" + pattern + "' is not a valid path: " + e.getReason(), e);
        }
    }

    private static boolean isGlob(String pattern) {
        return pattern.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0);
    }

    /** Stops a walk; an IOException, so that the visitor may throw it. */
    private static final class WalkLimit extends IOException {
        WalkLimit(String message) {
            super(message);
        }
    }
}
