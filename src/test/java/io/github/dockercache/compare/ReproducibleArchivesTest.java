package io.github.dockercache.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.model.FileInfo;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The fix for a re-stamped archive, for the tool its manifest names. */
class ReproducibleArchivesTest {
    private static FileInfo jar(SortedMap<String, String> manifest, String... entries) {
        SortedMap<String, String> parts = new TreeMap<>();
        for (String entry : entries) {
            parts.put(entry, "1@t");
        }
        return new FileInfo("file", "0644", 1, null, null, null, parts, manifest);
    }

    private static SortedMap<String, String> manifest(String... attributes) {
        SortedMap<String, String> manifest = new TreeMap<>();
        for (int i = 0; i < attributes.length; i += 2) {
            manifest.put(attributes[i], attributes[i + 1]);
        }
        return manifest;
    }

    @Test
    void gradlesBootJarIsToldItsOwnSettings() {
        String advice = ReproducibleArchives.advice(
                "build/libs/app.jar", jar(manifest("Spring-Boot-Version", "3.4.1")), List.of("App.class"));
        assertTrue(
                advice.startsWith("Spring Boot's Gradle bootJar wrote this jar (Spring Boot 3.4.1): set"
                        + " preserveFileTimestamps = false and reproducibleFileOrder = true"),
                advice);
    }

    @Test
    void aShadedJarNamesTheShadeAndAssemblyPlugins() {
        String advice = ReproducibleArchives.advice(
                "target/app.jar",
                jar(
                        manifest("Created-By", "Maven JAR Plugin 3.4.1"),
                        "META-INF/maven/com.example/app/pom.properties",
                        "META-INF/maven/com.google.guava/guava/pom.properties"),
                List.of("App.class"));
        assertTrue(
                advice.contains("it bundles other artifacts: maven-shade-plugin (from 3.2.3) and"
                        + " maven-assembly-plugin (from 3.2.0) honour the same setting"),
                advice);
    }

    @Test
    void bndAndGitCommitIdAreNamed() {
        String advice = ReproducibleArchives.advice(
                "target/bundle.jar", jar(manifest("Tool", "Bnd-6.4.0.202211291949")), List.of("git.properties"));
        assertTrue(advice.startsWith("bnd wrote this archive (Bnd-6.4.0.202211291949)"), advice);
        assertTrue(
                advice.endsWith("git-commit-id-maven-plugin writes it as git.build.time (or exclude git.build.time"
                        + " with <excludeProperties>)"),
                advice);
    }

    @Test
    void versionsCompareByNumbers() {
        assertTrue(ReproducibleArchives.olderThan("3.1.2", "3.2.0"));
        assertTrue(ReproducibleArchives.olderThan("2.6", "2.7.1"));
        assertFalse(ReproducibleArchives.olderThan("3.10.0", "3.2.0"));
        assertFalse(ReproducibleArchives.olderThan("3.2.0", "3.2.0"));
        assertFalse(ReproducibleArchives.olderThan("4.0.0-beta-1", "3.2.0"));
        assertEquals(false, ReproducibleArchives.olderThan("next", "3.2.0"));
    }
}
