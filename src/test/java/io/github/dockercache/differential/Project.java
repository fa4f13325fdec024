package io.github.dockercache.differential;

import com.google.gson.annotations.SerializedName;
import io.github.dockercache.compare.CauseKind;
import io.github.dockercache.model.Builder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A real project of the corpus: {@code src/test/resources/projects/<name>/} holds {@code context/} (the smallest
 * skeleton that makes every COPY/ADD source of the project's Dockerfile real, with that Dockerfile byte for byte),
 * files its edits copy in ({@code edits/}), and {@code project.json}:
 *
 * <pre>{@code
 * {
 *   "description": "...", "kind": "Spring Boot, multi-stage with mvn dependency:go-offline",
 *   "source": {"repository": "owner/name", "commit": "<40 hex>", "path": "path/of/Dockerfile", "licence": "MIT"},
 *   "dockerfile": "Dockerfile",            // relative to context/ (default Dockerfile); may lie outside it
 *   "build": {"buildArgs": {...}, "target": "stage"},   // optional: how the project builds its image
 *   "images": {"gradle:9.3.1-jdk25": {"users": ["gradle:1000:1000:/home/gradle"]}},  // stand-ins to build
 *   "setup": [change...],                  // optional: modes git gives (chmod 0755), applied to every checkout
 *   "notApplicable": {"dependency": "why the project has no such edit"},
 *   "edits": [{
 *     "name": "source", "kind": "source", "description": "what changes and why the outcome is right",
 *     "changes": [change...],              // see Change; "root": "project" reaches files beside context/
 *     "buildArgs": {"NAME": "value"},      // optional: merged over the project's
 *     "gate": "pass",                      // check's outcome with default settings: pass, expected or fail
 *     "expectedEngine": {...}, "knownDifferences": {...}, "variants": {"@26": {...}}, "expectedCauses": {...}
 *   }]
 * }
 * }</pre>
 *
 * <p>Every edit starts from the project as checked out; each standard kind of edit ({@link #KINDS}) is present or
 * said to be not applicable. The images the Dockerfile and its edits name are stand-ins ({@link StandIns}).
 */
final class Project {
    /** The kinds of edit every project plays, unless it says why one does not apply. */
    static final List<String> KINDS = List.of("source", "dependency", "mode", "doc", "build-arg", "base-image");

    /**
     * What {@code check} decides with default settings against a baseline recorded before the edit.
     */
    enum Gate {
        /** No stable step is rebuilt. */
        @SerializedName("pass")
        PASS,
        /** Stable steps are rebuilt, each only for expected causes (a dependency change). */
        @SerializedName("expected")
        EXPECTED,
        /** A stable step is rebuilt for an unexpected cause: the build fails. */
        @SerializedName("fail")
        FAIL
    }

    /** Where the Dockerfile comes from. */
    record Source(String repository, String commit, String path, String licence) {}

    /** A stand-in image: busybox with the toolbox, and these accounts ({@code name:uid:gid:home}). */
    record StandIn(List<String> users) {
        StandIn {
            users = users == null ? List.of() : List.copyOf(users);
        }
    }

    /** One scripted edit of the project and what it does. */
    record Edit(
            String name,
            String kind,
            String description,
            List<Change> changes,
            Map<String, String> buildArgs,
            Gate gate,
            Map<String, EngineStatus> expectedEngine,
            Scenario.KnownDifferences knownDifferences,
            Map<String, Scenario.Variant> variants,
            Map<String, CauseKind> expectedCauses) {

        Edit {
            changes = changes == null ? List.of() : List.copyOf(changes);
            buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
            knownDifferences = knownDifferences == null ? Scenario.KnownDifferences.NONE : knownDifferences;
            expectedCauses = expectedCauses == null ? Map.of() : Map.copyOf(expectedCauses);
        }
    }

    private record Definition(
            String description,
            String kind,
            Source source,
            String dockerfile,
            BuildSpec build,
            Map<String, StandIn> images,
            List<Change> setup,
            Map<String, String> notApplicable,
            List<Edit> edits) {}

    private final String name;
    private final Path directory;
    private final Definition definition;

    private Project(String name, Path directory, Definition definition) {
        this.name = name;
        this.directory = directory;
        this.definition = definition;
    }

    /**
     * Where the corpus lies: {@code src/test/resources/projects}, read there rather than on the test class path, since
     * its skeletons hold stand-in {@code .class} files that Surefire would take for test classes.
     */
    static Path root() {
        return Path.of(System.getProperty("dockercache.projectsDir", "src/test/resources/projects"));
    }

    /** Every project of the corpus, by name. */
    static List<Project> all() throws IOException {
        return Definitions.directories(root(), "project.json").stream()
                .map(Project::load)
                .toList();
    }

    private static Project load(Path directory) {
        Path file = directory.resolve("project.json");
        Definition definition = Definitions.read(file, Definition.class);
        validate(file, definition);
        return new Project(directory.getFileName().toString(), directory, definition);
    }

    private static void validate(Path file, Definition definition) {
        if (definition.source() == null || definition.edits() == null || definition.images() == null) {
            throw new IllegalArgumentException(file + " needs \"source\", \"images\" and \"edits\"");
        }
        Source source = definition.source();
        if (source.repository() == null
                || source.commit() == null
                || !source.commit().matches("[0-9a-f]{40}")
                || source.path() == null
                || source.licence() == null) {
            throw new IllegalArgumentException(file + ": \"source\" needs repository, a 40-hex commit, path, licence");
        }
        Set<String> names = new HashSet<>();
        Set<String> kinds = new HashSet<>();
        for (Edit edit : definition.edits()) {
            if (edit.name() == null
                    || !names.add(edit.name())
                    || edit.kind() == null
                    || edit.gate() == null
                    || edit.description() == null
                    || edit.changes().isEmpty() && edit.buildArgs().isEmpty()) {
                throw new IllegalArgumentException(file + ": edit " + edit.name() + " needs a unique name, a kind, a"
                        + " description, changes or build args, and a gate outcome");
            }
            kinds.add(edit.kind());
            Scenario.validateVariants(file, edit.variants(), null);
        }
        Map<String, String> notApplicable = definition.notApplicable() == null ? Map.of() : definition.notApplicable();
        for (String kind : KINDS) {
            if (kinds.contains(kind) == notApplicable.containsKey(kind)) {
                throw new IllegalArgumentException(file + ": an edit of kind \"" + kind + "\", or a reason in"
                        + " \"notApplicable\" why there is none (not both)");
            }
        }
    }

    String name() {
        return name;
    }

    String description() {
        return definition.description();
    }

    Source source() {
        return definition.source();
    }

    Path definitionFile() {
        return directory.resolve("project.json");
    }

    List<Edit> edits() {
        return definition.edits();
    }

    Map<String, StandIn> images() {
        return definition.images();
    }

    /** The project's own build: its build args and target. */
    BuildSpec build() {
        return definition.build() == null ? BuildSpec.DEFAULT : definition.build();
    }

    /** The build an edit plays: the project's, with the edit's build args over the project's. */
    BuildSpec build(Edit edit) {
        Map<String, String> buildArgs = new LinkedHashMap<>(build().buildArgs());
        buildArgs.putAll(edit.buildArgs());
        return new BuildSpec(buildArgs, build().target(), Map.of(), List.of(), build().environment());
    }

    /** The Dockerfile, in a checkout whose context is {@code contextDir}. */
    Path dockerfile(Path contextDir) {
        return contextDir
                .resolve(definition.dockerfile() == null ? "Dockerfile" : definition.dockerfile())
                .normalize();
    }

    /** What an edit records for {@code engine}: the most specific of its variants, else its own record. */
    static Scenario.Expectation expectation(Edit edit, String engine) {
        return Scenario.expectation(
                edit.variants(),
                new Scenario.Expectation(edit.expectedEngine(), edit.knownDifferences(), null, null, null),
                engine,
                Builder.BUILDKIT);
    }

    /**
     * Replaces {@code checkout} with a copy of the project as checked out (everything but {@code project.json} and
     * {@code edits/}), with the modes git would give, and returns its context directory.
     */
    Path checkout(Path checkout) throws IOException {
        FileTrees.delete(checkout);
        Files.createDirectories(checkout);
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.toList()) {
                String entryName = entry.getFileName().toString();
                if (!entryName.equals("project.json") && !entryName.equals("edits")) {
                    FileTrees.copy(entry, checkout.resolve(entryName));
                }
            }
        }
        FileTrees.setCheckoutModes(checkout);
        apply(definition.setup(), checkout);
        return checkout.resolve("context");
    }

    /** Applies an edit to a checkout made by {@link #checkout(Path)}. */
    void apply(Edit edit, Path checkout) throws IOException {
        apply(edit.changes(), checkout);
    }

    private void apply(List<Change> changes, Path checkout) throws IOException {
        for (Change change : changes == null ? List.<Change>of() : changes) {
            Path root = switch (change.where()) {
                case CONTEXT -> checkout.resolve("context");
                case PROJECT -> checkout;
                case SERVED ->
                    throw new IllegalArgumentException(definitionFile() + ": a project serves no files: " + change);
            };
            change.apply(root, directory);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
