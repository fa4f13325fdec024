package io.github.dockercache.differential;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A differential scenario: {@code src/test/resources/differential/<name>/} holds {@code context/} (the initial
 * build context with its Dockerfile) and {@code scenario.json}:
 *
 * <pre>{@code
 * {
 *   "description": "what the scenario shows",
 *   "before": {"buildArgs": {"VERSION": "1"}, "target": "app"},  // optional, default: none
 *   "after": {...},                                              // optional, default: as before
 *   "setup": [change...],    // optional, applied before the first build: links, modes, empty directories
 *   "changes": [change...],  // applied in order between the two builds, see Change
 *   "freshCheckout": true,   // optional: the second build uses a copy of the changed context in a new directory
 *   "expectedEngine": {"2": "CACHED", "3": "BUILT"},  // the engine's second build, base-image steps left out
 *   "knownDifferences": {"steps": ["3"], "reason": "why the plugin differs"}, // optional: tolerated mismatches
 *   "rejected": {"line": 2, "message": "unknown flag: --parents"}  // optional: the engine refuses the Dockerfile
 * }
 * }</pre>
 *
 * <p>{@code freshCheckout} models a CI machine: BuildKit keeps its synced copy of a context directory between
 * builds and updates some metadata there (a directory's mode, extended attributes) without re-hashing it; a new
 * directory is hashed in full.
 */
final class Scenario {
    private static final Gson GSON = new Gson();

    private record Definition(
            String description,
            BuildSpec before,
            BuildSpec after,
            List<Change> setup,
            List<Change> changes,
            Boolean freshCheckout,
            Map<String, EngineStatus> expectedEngine,
            KnownDifferences knownDifferences,
            Rejected rejected) {}

    /**
     * A Dockerfile the engine refuses: its build fails with {@code dockerfile parse error on line <line>: <message>},
     * and the plugin must give the same reason at the same line instead of a verdict.
     */
    record Rejected(int line, String message) {}

    /**
     * Steps where the plugin is known to disagree with the engine, on purpose or until fixed.
     *
     * @param steps the step ids
     * @param reason why; shown in the test output
     */
    record KnownDifferences(List<String> steps, String reason) {
        static final KnownDifferences NONE = new KnownDifferences(List.of(), null);

        KnownDifferences {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    private final String name;
    private final Path directory;
    private final Definition definition;

    private Scenario(String name, Path directory, Definition definition) {
        this.name = name;
        this.directory = directory;
        this.definition = definition;
    }

    /** Every scenario on the test class path, by name. */
    static List<Scenario> all() throws IOException {
        URL root = Scenario.class.getResource("/differential");
        if (root == null) {
            throw new IOException("no differential/ directory on the test class path");
        }
        try (Stream<Path> directories = Files.list(Path.of(root.toURI()))) {
            return directories
                    .filter(directory -> Files.isRegularFile(directory.resolve("scenario.json")))
                    .sorted()
                    .map(Scenario::load)
                    .toList();
        } catch (URISyntaxException e) {
            throw new IOException("unusable class path location " + root, e);
        }
    }

    private static Scenario load(Path directory) {
        Path file = directory.resolve("scenario.json");
        try {
            Definition definition = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), Definition.class);
            if (definition == null || definition.changes() == null) {
                throw new IllegalArgumentException(file + " lists no \"changes\"");
            }
            return new Scenario(directory.getFileName().toString(), directory, definition);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    String description() {
        return definition.description();
    }

    Path definitionFile() {
        return directory.resolve("scenario.json");
    }

    BuildSpec before() {
        return definition.before() == null ? BuildSpec.DEFAULT : definition.before();
    }

    BuildSpec after() {
        return definition.after() == null ? before() : definition.after();
    }

    boolean freshCheckout() {
        return Boolean.TRUE.equals(definition.freshCheckout());
    }

    /** The parse error the engine gives for the Dockerfile, or null when it builds. */
    Rejected rejected() {
        return definition.rejected();
    }

    KnownDifferences knownDifferences() {
        return definition.knownDifferences() == null ? KnownDifferences.NONE : definition.knownDifferences();
    }

    /**
     * The engine's statuses in the second build, as observed when the scenario was written, without base-image steps;
     * null if not recorded.
     */
    Map<String, EngineStatus> expectedEngine() {
        return definition.expectedEngine();
    }

    /**
     * Replaces {@code workspace} with a copy of the initial context, then applies the setup. Modes are set
     * explicitly (files 0644, directories 0755) because a checkout's modes depend on git and the umask, and modes
     * are part of BuildKit's file checksums.
     */
    void createWorkspace(Path workspace) throws IOException {
        FileTrees.delete(workspace);
        FileTrees.copy(directory.resolve("context"), workspace);
        try (Stream<Path> entries = Files.walk(workspace)) {
            for (Path entry : entries.toList()) {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(entry, Change.DIRECTORY_MODE);
                } else if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(entry, Change.FILE_MODE);
                }
            }
        }
        apply(definition.setup(), workspace);
    }

    void applyChanges(Path workspace) throws IOException {
        apply(definition.changes(), workspace);
    }

    private static void apply(List<Change> changes, Path workspace) throws IOException {
        if (changes != null) {
            for (Change change : changes) {
                change.apply(workspace);
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
