package io.github.dockercache.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EntryChangesTest {
    private static TreeMap<String, String> parts(String... nameAndPart) {
        TreeMap<String, String> parts = new TreeMap<>();
        for (int i = 0; i < nameAndPart.length; i += 2) {
            parts.put(nameAndPart[i], nameAndPart[i + 1]);
        }
        return parts;
    }

    @Test
    void aDependencyUpgradeIsAnAddedAndARemovedJarGroupedByDirectory() {
        EntryChanges changes = EntryChanges.between(
                parts(
                        "BOOT-INF/lib/guava-19.0.jar",
                        "a1@t",
                        "BOOT-INF/classes/app.properties",
                        "b1@t",
                        "App.class",
                        "c@t"),
                parts(
                        "BOOT-INF/lib/guava-20.0.jar",
                        "a2@t",
                        "BOOT-INF/classes/app.properties",
                        "b2@t",
                        "App.class",
                        "c@u"));

        assertEquals(
                new EntryChanges(
                        List.of("BOOT-INF/lib/guava-20.0.jar"),
                        List.of("BOOT-INF/lib/guava-19.0.jar"),
                        List.of("BOOT-INF/classes/app.properties"),
                        List.of("App.class")),
                changes);
        assertEquals(
                "BOOT-INF/classes: changed app.properties; BOOT-INF/lib: added guava-20.0.jar; removed guava-19.0.jar",
                changes.describe());
        assertTrue(changes.hasContentChanges());
    }

    @Test
    void onlyStampsMovedIsNoContentChange() {
        EntryChanges changes = EntryChanges.between(parts("a", "1@x"), parts("a", "1@y"));
        assertFalse(changes.hasContentChanges());
        assertEquals("", changes.describe());
    }

    @Test
    void manyNamesAreCountedAfterTheFirstOnes() {
        TreeMap<String, String> after = new TreeMap<>();
        for (int i = 0; i < 9; i++) {
            after.put("lib/x" + i + ".jar", "1@");
        }
        assertEquals(
                "lib: added x0.jar, x1.jar, x2.jar, x3.jar, x4.jar, x5.jar and 3 more",
                EntryChanges.between(null, after).describe());
    }
}
