package io.github.dockercache.differential;

import io.github.dockercache.compare.CauseKind;
import io.github.dockercache.model.Builder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A differential scenario: {@code src/test/resources/differential/<name>/} holds {@code context/} (the initial
 * build context with its Dockerfile) and {@code scenario.json}:
 *
 * <pre>{@code
 * {
 *   "description": "what the scenario shows",
 *   "before": {"buildArgs": {"VERSION": "1"}, "target": "app"},  // optional, default: none; also "secrets",
 *                                              // and "allow": ["network.host"] (docker build --allow)
 *   "after": {...},                                              // optional, default: as before
 *   "setup": [change...],    // optional, applied before the first build: links, modes, empty directories
 *   "changes": [change...],  // applied in order between the two builds, see Change
 *   "freshCheckout": true,   // optional: the second build uses a copy of the changed context in a new directory
 *   "resolveImages": true,   // optional: the plugin resolves FROM tags in the registry, as with dockercache.resolve
 *   "images": {"eclipse-temurin:21-jre": "spring-boot-jre"},  // optional: images built on the engine before the
 *                            // first build from src/test/resources/differential-images/<dir>/, under that tag
 *   "secretArgs": ["PHRASE"],  // optional: build args the plugin treats as secret besides its name patterns; the
 *                              // plugin always compares secrets through a test key, as a configured user does
 *   "expectedEngine": {"2": "CACHED", "3": "BUILT"},  // the engine's second build, base-image steps left out
 *   "knownDifferences": {"steps": ["3"], "reason": "why the plugin differs"}, // optional: tolerated mismatches
 *   "expectedCauses": {"1": "BASE_IMAGE"},  // optional: a cause the plugin must name for the step
 *   "builders": ["buildkit", "classic"],  // optional, default buildkit: the builders that play it
 *   "variants": {"classic": {"why": "...", "expectedEngine": {...}, "knownDifferences": {...}}},  // optional
 *   "rejected": {"line": 2, "message": "unknown flag: --parents"}  // optional: the engine and the plugin refuse it
 *                                        // with this parse error (a variant's own outcome takes precedence);
 *                                        // "solve": true for an error of the conversion, see Rejected
 * }
 * }</pre>
 *
 * <p>A scenario is played on every configured engine with every builder it lists. {@code variants} records where a
 * builder or an engine does something else than {@code expectedEngine} says, and why: the key is the builder
 * ({@code classic}), {@code @<engine>} for BuildKit on that engine ({@code @26}), or both ({@code classic@26}); the
 * most specific one applies, else the scenario's own record. A variant with {@code "buildFails": true} instead of
 * {@code expectedEngine} says that engine or builder rejects the Dockerfile: its first build must fail; one with
 * {@code "rejected"} says how it and the plugin (told that engine's BuildKit release) word the parse error.
 *
 * <p>{@code freshCheckout} models a CI machine: BuildKit keeps its synced copy of a context directory between
 * builds and updates some metadata there (a directory's mode, extended attributes) without re-hashing it; a new
 * directory is hashed in full.
 */
final class Scenario {
    private record Definition(
            String description,
            BuildSpec before,
            BuildSpec after,
            List<Change> setup,
            List<Change> changes,
            Boolean freshCheckout,
            Boolean resolveImages,
            Map<String, String> images,
            List<String> secretArgs,
            Map<String, EngineStatus> expectedEngine,
            KnownDifferences knownDifferences,
            Map<String, CauseKind> expectedCauses,
            List<String> builders,
            Map<String, Variant> variants,
            Rejected rejected) {}

    /**
     * A Dockerfile every engine refuses: its build fails with {@code dockerfile parse error on line <line>: <message>},
     * and the plugin must give the same reason at the same line instead of a verdict. With {@code "solve": true} the
     * frontend refuses it later, while converting it: the build fails with {@code failed to solve: <message>} (buildx
     * words it {@code failed to run Build function: <message>} on some runs), after the engine's excerpt of the Dockerfile at that line when it has one.
     */
    record Rejected(int line, String message, Boolean solve) {
        boolean whileSolving() {
            return Boolean.TRUE.equals(solve);
        }
    }

    /** What one builder or engine does differently, and why. */
    record Variant(
            String why,
            Map<String, EngineStatus> expectedEngine,
            KnownDifferences knownDifferences,
            Boolean buildFails,
            Rejected rejected) {}

    /**
     * What a play of the scenario on one engine with one builder must show.
     *
     * @param expectedEngine the engine's statuses in the second build, null if not recorded
     * @param knownDifferences tolerated mismatches of the plugin
     * @param variant the {@code variants} key that applies, or null for the scenario's own record
     * @param buildFails why the engine rejects the Dockerfile, or null when it builds it
     * @param rejected the parse error the engine and the plugin give instead of building, or null
     */
    record Expectation(
            Map<String, EngineStatus> expectedEngine,
            KnownDifferences knownDifferences,
            String variant,
            String buildFails,
            Rejected rejected) {}

    private static final Pattern VARIANT_KEY = Pattern.compile("(classic)?(@\\d+)?");

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
    /** Created empty by the first served change of a play. */
    private Path servedDirectory;

    private Scenario(String name, Path directory, Definition definition) {
        this.name = name;
        this.directory = directory;
        this.definition = definition;
    }

    /** Every scenario on the test class path, by name. */
    static List<Scenario> all() throws IOException {
        return Definitions.directories(Definitions.onClassPath("/differential"), "scenario.json").stream()
                .map(Scenario::load)
                .toList();
    }

    private static Scenario load(Path directory) {
        Path file = directory.resolve("scenario.json");
        Definition definition = Definitions.read(file, Definition.class);
        if (definition.changes() == null) {
            throw new IllegalArgumentException(file + " lists no \"changes\"");
        }
        validateBuilders(file, definition);
        return new Scenario(directory.getFileName().toString(), directory, definition);
    }

    private static void validateBuilders(Path file, Definition definition) {
        for (String builder : definition.builders() == null ? List.<String>of() : definition.builders()) {
            try {
                Builder.fromSetting(builder);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": \"builders\": " + e.getMessage(), e);
            }
        }
        validateVariants(file, definition.variants(), definition.builders());
    }

    /**
     * Checks that each variant's key is {@code classic}, {@code @<engine>} or {@code classic@<engine>} (classic only
     * when {@code builders} lists it) and that it records one outcome and why.
     */
    static void validateVariants(Path file, Map<String, Variant> variants, List<String> builders) {
        (variants == null ? Map.<String, Variant>of() : variants).forEach((key, variant) -> {
            Matcher parts = VARIANT_KEY.matcher(key);
            if (key.isEmpty() || !parts.matches()) {
                throw new IllegalArgumentException(
                        file + ": variant \"" + key + "\" is not classic, @<engine> or" + " classic@<engine>");
            }
            if (parts.group(1) != null && (builders == null || !builders.contains("classic"))) {
                throw new IllegalArgumentException(file + ": variant \"" + key + "\" but \"builders\" lacks classic");
            }
            long outcomes = variant == null
                    ? 0
                    : Stream.of(
                                    variant.expectedEngine() != null,
                                    Boolean.TRUE.equals(variant.buildFails()),
                                    variant.rejected() != null)
                            .filter(b -> b)
                            .count();
            if (variant == null || variant.why() == null || variant.why().isBlank() || outcomes != 1) {
                throw new IllegalArgumentException(file + ": variant \"" + key + "\" needs \"why\" and one of"
                        + " \"expectedEngine\", \"buildFails\": true or \"rejected\"");
            }
        });
    }

    String name() {
        return name;
    }

    /** The builders that play the scenario: those it lists, else BuildKit alone. */
    List<Builder> builders() {
        return definition.builders() == null
                ? List.of(Builder.BUILDKIT)
                : definition.builders().stream().map(Builder::fromSetting).toList();
    }

    /** The record that applies on {@code engine} with {@code builder}: the most specific variant, else the default. */
    Expectation expectation(String engine, Builder builder) {
        return expectation(
                definition.variants(),
                new Expectation(expectedEngine(), knownDifferences(), null, null, definition.rejected()),
                engine,
                builder);
    }

    /** The most specific of {@code variants} for {@code engine} and {@code builder}, else {@code own}. */
    static Expectation expectation(Map<String, Variant> variants, Expectation own, String engine, Builder builder) {
        String builderKey = builder == Builder.BUILDKIT ? "" : builder.settingName();
        for (String key : List.of(builderKey + "@" + engine, builderKey)) {
            Variant variant = variants == null ? null : variants.get(key);
            if (variant != null) {
                return new Expectation(
                        variant.expectedEngine(),
                        variant.knownDifferences() == null ? KnownDifferences.NONE : variant.knownDifferences(),
                        key,
                        Boolean.TRUE.equals(variant.buildFails()) ? variant.why() : null,
                        variant.rejected());
            }
        }
        return own;
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

    /** True when the plugin resolves FROM tags in the registry, as {@code -Ddockercache.resolve=true} does. */
    boolean resolveImages() {
        return Boolean.TRUE.equals(definition.resolveImages());
    }

    /**
     * The images to build on the engine before the first build: tag to a directory of
     * {@code differential-images/} (a Dockerfile and its files), for base images the offline engine cannot pull.
     */
    Map<String, Path> images() throws IOException {
        Map<String, Path> images = new java.util.TreeMap<>();
        if (definition.images() != null) {
            Path root = directory.getParent().resolveSibling("differential-images");
            for (Map.Entry<String, String> image : definition.images().entrySet()) {
                Path context = root.resolve(image.getValue()).normalize();
                if (!context.startsWith(root) || !Files.isRegularFile(context.resolve("Dockerfile"))) {
                    throw new IOException(definitionFile() + ": \"images\" names no directory with a Dockerfile under "
                            + root + ": " + image.getValue());
                }
                images.put(image.getKey(), context);
            }
        }
        return images;
    }

    /** The build args the plugin is told are secret besides its patterns ({@code secretArgs}). */
    List<String> secretArgs() {
        return definition.secretArgs() == null ? List.of() : definition.secretArgs();
    }

    /** For some steps, a cause the plugin must name; empty when the scenario checks verdicts only. */
    Map<String, CauseKind> expectedCauses() {
        return definition.expectedCauses() == null ? Map.of() : definition.expectedCauses();
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
        servedDirectory = null;
        FileTrees.delete(workspace);
        FileTrees.copy(directory.resolve("context"), workspace);
        FileTrees.setCheckoutModes(workspace);
        apply(definition.setup(), workspace);
    }

    void applyChanges(Path workspace) throws IOException {
        apply(definition.changes(), workspace);
    }

    private void apply(List<Change> changes, Path workspace) throws IOException {
        if (changes != null) {
            for (Change change : changes) {
                Path root = switch (change.where()) {
                    case CONTEXT -> workspace;
                    case SERVED -> servedDirectory();
                    case PROJECT ->
                        throw new IllegalArgumentException(
                                definitionFile() + ": \"root\": \"project\" is for real projects only: " + change);
                };
                change.apply(root, directory);
            }
        }
    }

    private Path servedDirectory() throws IOException {
        if (servedDirectory == null) {
            servedDirectory = ServedFiles.freshDirectory(name);
        }
        return servedDirectory;
    }

    @Override
    public String toString() {
        return name;
    }
}
