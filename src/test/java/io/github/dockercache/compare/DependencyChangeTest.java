package io.github.dockercache.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.model.Dependencies;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Which changes of a dependency layer a change of the project's dependencies explains. */
class DependencyChangeTest {
    private static Dependencies listed(String... coordinates) {
        return new Dependencies(List.of(coordinates), new TreeMap<>());
    }

    private static final DependencyChange BUMP = DependencyChange.between(
            listed("com.example:lib-a:jar:1.0", "com.example:lib-b:jar:2.0-SNAPSHOT", "com.example:lib-d:jar:tests:1.0"),
            listed("com.example:lib-a:jar:1.1", "com.example:lib-b:jar:2.0-SNAPSHOT", "com.example:lib-c:jar:1.0",
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

    @Test
    void withoutAnyChangeNothingIsExpected() {
        DependencyChange same = DependencyChange.between(listed("com.example:lib-a:jar:1.0"), listed("com.example:lib-a:jar:1.0"));
        assertFalse(same.changed());
        assertNull(same.explains("lib-a-1.0.jar", CauseKind.FILE_CONTENT));
        assertNull(same.explains("loader/Launcher.class", CauseKind.FILE_CONTENT));
    }

    @Test
    void withoutListsTheManifestsStandForTheDependencies() {
        Dependencies before = new Dependencies(null, new TreeMap<>(Map.of("pom.xml", "sha256:" + "a".repeat(64))));
        Dependencies edited = new Dependencies(List.of("com.example:lib-a:jar:1.0"),
                new TreeMap<>(Map.of("pom.xml", "sha256:" + "b".repeat(64))));
        DependencyChange change = DependencyChange.between(before, edited);
        assertEquals(DependencyChange.Basis.MANIFESTS, change.basis());
        assertEquals(List.of("pom.xml changed"), change.changes());
        assertEquals("the dependency manifests changed (pom.xml)", change.explains("lib-a-1.0.jar", CauseKind.FILE_CONTENT));
        assertNull(DependencyChange.between(before, before).explains("lib-a-1.0.jar", CauseKind.FILE_CONTENT));
    }

    @Test
    void aBaselineThatRecordedNoDependenciesLetsTheChangeThroughAndSaysSo() {
        DependencyChange change = DependencyChange.between(null, listed("com.example:lib-a:jar:1.0"));
        assertEquals(DependencyChange.Basis.NONE, change.basis());
        assertFalse(change.changed());
        assertEquals("the baseline records no dependencies to check this against; record it again",
                change.explains("lib-a-1.0.jar", CauseKind.FILE_CONTENT));
        assertNull(change.explains("lib-a-1.0.jar", CauseKind.FILE_MODE));
    }

    @Test
    void withoutListsOrManifestsOnEitherSideTheChangeIsLetThroughWithoutAskingForANewBaseline() {
        Dependencies nothing = new Dependencies(null, new TreeMap<>()); // a module's target/ as the context, no pom
        DependencyChange change = DependencyChange.between(nothing, nothing);
        assertEquals(DependencyChange.Basis.UNLISTED, change.basis());
        assertFalse(change.changed());
        assertEquals("nothing lists the dependencies to check this against: no dependency list from Maven, and no"
                + " dependency manifest at the top of the build context",
                change.explains("lib-a-1.0.jar", CauseKind.FILE_ADDED));
        assertNull(change.explains("lib-a-1.0.jar", CauseKind.FILE_MODE));
    }
}
