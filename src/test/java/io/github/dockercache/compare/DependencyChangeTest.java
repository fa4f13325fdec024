package io.github.dockercache.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.model.Dependencies;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which changes of a dependency layer a change of the project's dependencies explains. */
class DependencyChangeTest {
    private static Dependencies listed(String... coordinates) {
        return new Dependencies(List.of(coordinates), List.of(), new TreeMap<>());
    }

    private static final DependencyChange BUMP = DependencyChange.between(
            listed(
                    "com.example:lib-a:jar:1.0",
                    "com.example:lib-b:jar:2.0-SNAPSHOT",
                    "com.example:lib-d:jar:tests:1.0"),
            listed(
                    "com.example:lib-a:jar:1.1",
                    "com.example:lib-b:jar:2.0-SNAPSHOT",
                    "com.example:lib-c:jar:1.0",
                    "com.example:lib-d:jar:tests:1.0"));

    @Test
    void theChangesAreNamedByArtifact() {
        assertEquals(DependencyChange.Basis.LISTS, BUMP.basis());
        assertTrue(BUMP.changed());
        assertEquals(List.of("com.example:lib-a 1.0 -> 1.1", "added com.example:lib-c:1.0"), BUMP.changes());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(nullValues = "none", textBlock = """
            lib-a-1.1.jar,                                   FILE_ADDED,       dependency com.example:lib-a 1.0 -> 1.1
            lib-a-1.0.jar,                                   FILE_REMOVED,     dependency com.example:lib-a 1.0 -> 1.1
            com.example.lib-c-1.0.jar,                       FILE_ADDED,       dependency added com.example:lib-c:1.0
            com.example-lib-a-1.1.jar,                       FILE_ADDED,       dependency com.example:lib-a 1.0 -> 1.1
            lib-a-1.1.jar,                                   FILE_REMOVED,     none
            lib-a-1.1.jar,                                   FILE_MODE,        none
            lib-b-2.0-SNAPSHOT.jar,                          FILE_CONTENT,     none
            lib-b-2.0-20260101.101010-3.jar,                 BUILD_TIMESTAMPS, none
            com.example.lib-d-1.0-tests.jar,                 FILE_CONTENT,     none
            io.quarkus.quarkus-bootstrap-runner-3.15.1.jar,  FILE_CONTENT,     'the dependencies changed (com.example:lib-a 1.0 -> 1.1, added com.example:lib-c:1.0)'
            """)
    void aFileOfAChangedDependencyIsExpectedAFileOfAnUnchangedOneIsNot(String file, CauseKind change, String reason) {
        assertEquals(reason, BUMP.explains(file, change));
    }

    /** The trial's reactor: app depends on common, a sibling module, whose jar a source edit of common changes. */
    private static Dependencies withCommon(boolean module) {
        List<String> coordinates = List.of("io.quarkus:quarkus-rest:jar:3.38.2", "org.acme:common:jar:1.0.0-SNAPSHOT");
        return new Dependencies(
                coordinates, module ? List.of("org.acme:common:jar:1.0.0-SNAPSHOT") : List.of(), new TreeMap<>());
    }

    @ParameterizedTest(name = "module in the baseline: {0}, now: {1}")
    @CsvSource({"false, true", "true, false", "true, true"})
    void theJarOfAModuleOfTheBuildChangesAsExpectedWhicheverSideMarksIt(boolean inBaseline, boolean now) {
        DependencyChange change = DependencyChange.between(withCommon(inBaseline), withCommon(now));
        assertFalse(change.changed());
        assertEquals(
                "org.acme:common is a module of this build",
                change.explains("org.acme.common-1.0.0-SNAPSHOT.jar", CauseKind.FILE_CONTENT));
        assertEquals(
                "org.acme:common is a module of this build",
                change.explains("common-1.0.0-SNAPSHOT.jar", CauseKind.BUILD_TIMESTAMPS));
        assertNull(change.explains("io.quarkus.quarkus-rest-3.38.2.jar", CauseKind.FILE_CONTENT), "a third-party jar");
        assertNull(change.explains("org.acme.common-1.0.0-SNAPSHOT.jar", CauseKind.FILE_MODE));
    }

    @Test
    void aJarOfTheSameNameIsNotAModuleWhenNeitherSideMarksIt() {
        DependencyChange change = DependencyChange.between(withCommon(false), withCommon(false));
        assertNull(change.explains("org.acme.common-1.0.0-SNAPSHOT.jar", CauseKind.FILE_CONTENT));
    }

    @Test
    void aFileThatNamesNoDependencyNamesTheFirstChangesAndCountsTheRest() {
        DependencyChange platform = DependencyChange.between(
                listed(
                        "io.netty:netty-buffer:jar:4.1.137.Final",
                        "io.netty:netty-codec:jar:4.1.137.Final",
                        "io.quarkus:quarkus-core:jar:3.38.2",
                        "io.quarkus:quarkus-rest:jar:3.38.2",
                        "io.quarkus:quarkus-vertx:jar:3.38.2"),
                listed(
                        "io.netty:netty-buffer:jar:4.1.136.Final",
                        "io.netty:netty-codec:jar:4.1.136.Final",
                        "io.quarkus:quarkus-core:jar:3.38.1",
                        "io.quarkus:quarkus-rest:jar:3.38.1",
                        "io.quarkus:quarkus-vertx:jar:3.38.1"));
        String reason = platform.explains("io.quarkus.quarkus-bootstrap-runner-3.38.1.jar", CauseKind.FILE_ADDED);
        assertEquals(
                "the dependencies changed (5 changes: io.netty:netty-buffer 4.1.137.Final -> 4.1.136.Final,"
                        + " io.netty:netty-codec 4.1.137.Final -> 4.1.136.Final, io.quarkus:quarkus-core 3.38.2 -> 3.38.1 and 2"
                        + " more)",
                reason);
        assertEquals("the dependencies changed (5 changes, listed above)", platform.listedAbove(reason));
        String jar = platform.explains("io.quarkus.quarkus-core-3.38.1.jar", CauseKind.FILE_ADDED);
        assertEquals("dependency io.quarkus:quarkus-core 3.38.2 -> 3.38.1", platform.listedAbove(jar));
        assertEquals(
                "the dependencies changed (com.example:lib-a 1.0 -> 1.1, added com.example:lib-c:1.0)",
                BUMP.listedAbove(BUMP.explains("quarkus-run.jar", CauseKind.FILE_CONTENT)),
                "a short list stays");
    }

    @Test
    void withoutAnyChangeNothingIsExpected() {
        DependencyChange same =
                DependencyChange.between(listed("com.example:lib-a:jar:1.0"), listed("com.example:lib-a:jar:1.0"));
        assertFalse(same.changed());
        assertNull(same.explains("lib-a-1.0.jar", CauseKind.FILE_CONTENT));
        assertNull(same.explains("loader/Launcher.class", CauseKind.FILE_CONTENT));
    }

    @Test
    void withoutListsTheManifestsStandForTheDependencies() {
        Dependencies before =
                new Dependencies(null, List.of(), new TreeMap<>(Map.of("pom.xml", "sha256:" + "a".repeat(64))));
        Dependencies edited = new Dependencies(
                List.of("com.example:lib-a:jar:1.0"),
                List.of(),
                new TreeMap<>(Map.of("pom.xml", "sha256:" + "b".repeat(64))));
        DependencyChange change = DependencyChange.between(before, edited);
        assertEquals(DependencyChange.Basis.MANIFESTS, change.basis());
        assertEquals(List.of("pom.xml changed"), change.changes());
        assertEquals(
                "the dependency manifests changed (pom.xml)", change.explains("lib-a-1.0.jar", CauseKind.FILE_CONTENT));
        assertNull(DependencyChange.between(before, before).explains("lib-a-1.0.jar", CauseKind.FILE_CONTENT));
    }

    @Test
    void aBaselineThatRecordedNoDependenciesLetsTheChangeThroughAndSaysSo() {
        DependencyChange change = DependencyChange.between(null, listed("com.example:lib-a:jar:1.0"));
        assertEquals(DependencyChange.Basis.NONE, change.basis());
        assertFalse(change.changed());
        assertEquals(
                "the baseline records no dependencies to check this against; record it again",
                change.explains("lib-a-1.0.jar", CauseKind.FILE_CONTENT));
        assertNull(change.explains("lib-a-1.0.jar", CauseKind.FILE_MODE));
    }

    @Test
    void withoutListsOrManifestsOnEitherSideTheChangeIsLetThroughWithoutAskingForANewBaseline() {
        Dependencies nothing =
                new Dependencies(null, List.of(), new TreeMap<>()); // a module's target/ as the context, no pom
        DependencyChange change = DependencyChange.between(nothing, nothing);
        assertEquals(DependencyChange.Basis.UNLISTED, change.basis());
        assertFalse(change.changed());
        assertEquals(
                "nothing lists the dependencies to check this against: no dependency list from the build tool, and no"
                        + " dependency manifest at the top of the build context",
                change.explains("lib-a-1.0.jar", CauseKind.FILE_ADDED));
        assertNull(change.explains("lib-a-1.0.jar", CauseKind.FILE_MODE));
    }
}
