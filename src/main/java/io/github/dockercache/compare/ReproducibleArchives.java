package io.github.dockercache.compare;

import io.github.dockercache.model.FileInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fix for an archive that differs only in build-time stamps, worded for the tool that wrote it, as its manifest
 * tells: maven-archiver's {@code Created-By: Maven JAR Plugin 3.4.1}, Spring Boot's {@code Spring-Boot-Version}, bnd's
 * {@code Tool}. Maven plugins write the same archive again when {@code project.build.outputTimestamp} is set, from the
 * versions maven-artifact-plugin's {@code check-buildplan} lists as reproducible.
 */
final class ReproducibleArchives {
    /** maven-archiver's {@code Created-By} since 3.5: {@code Maven JAR Plugin 3.4.1}. */
    private static final Pattern MAVEN_PLUGIN = Pattern.compile("Maven (\\w+(?: \\w+)*) Plugin (\\S+)");
    /** The first version of each Apache Maven packaging plugin that writes reproducible archives. */
    private static final Map<String, String> FIRST_REPRODUCIBLE = Map.of(
            "maven-jar-plugin",
            "3.2.0",
            "maven-war-plugin",
            "3.3.1",
            "maven-ear-plugin",
            "3.1.0",
            "maven-assembly-plugin",
            "3.2.0",
            "maven-source-plugin",
            "3.2.1",
            "maven-ejb-plugin",
            "3.1.0",
            "maven-rar-plugin",
            "3.0.0",
            "maven-shade-plugin",
            "3.2.3");

    private static final String SPRING_BOOT_FIRST_REPRODUCIBLE = "2.7.1";
    private static final String OUTPUT_TIMESTAMP =
            "set <project.build.outputTimestamp> in the pom (e.g. 2024-01-01T00:00:00Z)";

    private ReproducibleArchives() {}

    /**
     * The advice for {@code path}, whose current summary is {@code now}; {@code restamped} names the entries whose
     * stamps moved, so that the generators of stamped files inside it are named too.
     */
    static String advice(String path, FileInfo now, List<String> restamped) {
        SortedMap<String, String> manifest = now.manifest() == null ? new TreeMap<>() : now.manifest();
        List<String> sentences = new ArrayList<>();
        sentences.add(writerFix(manifest, bundlesOtherArtifacts(now)));
        if (restamped.stream().anyMatch(name -> name.endsWith("build-info.properties"))) {
            sentences.add(
                    "spring-boot-maven-plugin's build-info goal takes build.time from it too (or set <time>off</time>)");
        }
        if (restamped.stream().anyMatch(name -> name.endsWith("git.properties") || name.endsWith("git.json"))) {
            sentences.add("git-commit-id-maven-plugin writes it as git.build.time (or exclude git.build.time with"
                    + " <excludeProperties>)");
        }
        return String.join("; ", sentences);
    }

    private static String writerFix(SortedMap<String, String> manifest, boolean bundles) {
        String createdBy = manifest.getOrDefault("Created-By", "");
        boolean maven = createdBy.contains("Maven") || manifest.containsKey("Build-Jdk-Spec");
        String springBoot = manifest.get("Spring-Boot-Version");
        if (springBoot != null && !maven) {
            return "Spring Boot's Gradle bootJar wrote this jar (Spring Boot " + springBoot + "): set"
                    + " preserveFileTimestamps = false and reproducibleFileOrder = true on it, so that an unchanged build"
                    + " writes the same bytes";
        }
        if (springBoot != null) {
            return "spring-boot-maven-plugin's repackage wrote this jar (Spring Boot " + springBoot + "): "
                    + OUTPUT_TIMESTAMP + "; from " + SPRING_BOOT_FIRST_REPRODUCIBLE
                    + " repackage then writes the same entries and times on every build";
        }
        Matcher plugin = MAVEN_PLUGIN.matcher(createdBy);
        if (plugin.find()) {
            String artifactId =
                    "maven-" + plugin.group(1).toLowerCase(Locale.ROOT).replace(' ', '-') + "-plugin";
            String version = plugin.group(2);
            String first = FIRST_REPRODUCIBLE.get(artifactId);
            String upgrade = first != null && olderThan(version, first)
                    ? "upgrade " + artifactId + " to " + first + " or later, which honours it, and "
                    : "";
            String written = artifactId + " " + version + " wrote this archive (Created-By)"
                    + (bundles
                            ? ", and it bundles other artifacts: maven-shade-plugin (from 3.2.3) and"
                                    + " maven-assembly-plugin (from 3.2.0) honour the same setting"
                            : "");
            return written + ": " + upgrade + OUTPUT_TIMESTAMP + ", so that an unchanged build writes the same bytes";
        }
        if (manifest.getOrDefault("Tool", "").startsWith("Bnd")) {
            return "bnd wrote this archive (" + manifest.get("Tool") + "): " + OUTPUT_TIMESTAMP
                    + "; bnd-maven-plugin and maven-bundle-plugin (from 5.1.9) then leave out Bnd-LastModified and write"
                    + " fixed times";
        }
        return Advice.REPRODUCIBLE_ARCHIVES;
    }

    /** More than one artifact's {@code pom.properties}: a shaded or assembled jar, whatever its manifest says. */
    private static boolean bundlesOtherArtifacts(FileInfo info) {
        return info.parts() != null
                && info.parts().keySet().stream()
                                .filter(name -> name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties"))
                                .count()
                        > 1;
    }

    /** Dotted numeric versions; a qualifier or anything unreadable is taken as new enough. */
    static boolean olderThan(String version, String than) {
        String[] a = version.split("[.-]");
        String[] b = than.split("[.-]");
        for (int i = 0; i < b.length; i++) {
            int left;
            try {
                left = i < a.length ? Integer.parseInt(a[i]) : 0;
            } catch (NumberFormatException e) {
                return false;
            }
            int right = Integer.parseInt(b[i]);
            if (left != right) {
                return left < right;
            }
        }
        return false;
    }
}
