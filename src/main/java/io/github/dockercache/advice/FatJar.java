package io.github.dockercache.advice;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

/**
 * What kind of application jar an image copies in one piece, and how much of it its dependencies are: read from the
 * jar itself when the build context has it, else guessed from the project's {@code pom.xml}.
 *
 * @param kind the framework that packed it
 * @param version the framework version ({@code Spring-Boot-Version}), or null when not known
 * @param mainClass the class the application starts from ({@code Start-Class} of a Spring Boot jar, else
 *     {@code Main-Class}), or null when not known
 * @param layers the layer names of a Spring Boot jar's {@code BOOT-INF/layers.idx} in order; empty when it has none
 * @param dependencyBytes the bytes of its released dependencies ({@code BOOT-INF/lib}, SNAPSHOTs left out), or -1
 *     when not known
 * @param totalBytes the bytes of everything in it, or -1 when not known
 */
record FatJar(Kind kind, String version, String mainClass, List<String> layers, long dependencyBytes, long totalBytes) {
    private static final Pattern LAYER = Pattern.compile("^- \"([^\"]+)\":\\s*$", Pattern.MULTILINE);
    private static final Pattern BOOT_PARENT = Pattern.compile(
            "<parent>\\s*<groupId>org\\.springframework\\.boot</groupId>\\s*<artifactId>spring-boot-starter-parent"
                    + "</artifactId>\\s*<version>([^<$]+)</version>");
    private static final Pattern BOOT_PROPERTY =
            Pattern.compile("<spring-boot\\.version>([^<$]+)</spring-boot\\.version>");
    /** A pom is read only when it is no bigger than this. */
    private static final long MAX_POM_BYTES = 1024 * 1024;

    enum Kind {
        SPRING_BOOT,
        QUARKUS,
        /** Any other jar that carries its dependencies inside (shaded, jar-with-dependencies). */
        SHADED
    }

    FatJar {
        layers = List.copyOf(layers);
    }

    /** Reads a jar; empty when it is none of the kinds, when it carries no dependencies, or cannot be read. */
    static Optional<FatJar> read(Path file) {
        try (JarFile jar = new JarFile(file.toFile(), false)) {
            Manifest manifest = jar.getManifest();
            Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
            long total = 0;
            long dependencies = 0;
            int artifacts = 0;
            boolean bootInf = false;
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                long size = Math.max(0, entry.getSize());
                total += size;
                bootInf |= name.startsWith("BOOT-INF/");
                if (name.startsWith("BOOT-INF/lib/") && !name.contains("-SNAPSHOT")) {
                    dependencies += size;
                }
                if (name.matches("META-INF/maven/[^/]+/[^/]+/pom\\.properties")) {
                    artifacts++;
                }
            }
            String bootVersion = main.getValue("Spring-Boot-Version");
            if (bootVersion != null || bootInf) {
                return Optional.of(new FatJar(
                        Kind.SPRING_BOOT, bootVersion, main.getValue("Start-Class"), layers(jar), dependencies, total));
            }
            String mainClass = main.getValue("Main-Class");
            if (mainClass != null && mainClass.startsWith("io.quarkus.")) {
                return Optional.of(new FatJar(Kind.QUARKUS, null, mainClass, List.of(), -1, total));
            }
            // several artifacts' pom.properties and no Class-Path: the dependencies are inside
            if (mainClass != null && artifacts > 1 && main.getValue("Class-Path") == null) {
                return Optional.of(new FatJar(Kind.SHADED, null, mainClass, List.of(), -1, total));
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not a jar the rule can read: it says nothing
        }
    }

    /** Guesses from a Maven project what its build packs; empty when the pom says no framework it knows. */
    static Optional<FatJar> fromPom(Path pom) {
        try {
            if (!Files.isRegularFile(pom) || Files.size(pom) > MAX_POM_BYTES) {
                return Optional.empty();
            }
            String text = Files.readString(pom, StandardCharsets.UTF_8);
            if (text.contains("spring-boot-maven-plugin")) {
                Matcher parent = BOOT_PARENT.matcher(text);
                Matcher property = BOOT_PROPERTY.matcher(text);
                String version = parent.find()
                        ? parent.group(1).strip()
                        : property.find() ? property.group(1).strip() : null;
                return Optional.of(new FatJar(Kind.SPRING_BOOT, version, null, List.of(), -1, -1));
            }
            if (text.contains("quarkus-maven-plugin")) {
                return Optional.of(new FatJar(Kind.QUARKUS, null, null, List.of(), -1, -1));
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * True for a Spring Boot release at least {@code major.minor}; false for an earlier one or an unknown version.
     */
    boolean atLeast(int major, int minor) {
        if (version == null) {
            return false;
        }
        Matcher parts = Pattern.compile("(\\d+)\\.(\\d+)").matcher(version);
        if (!parts.lookingAt()) {
            return false;
        }
        int foundMajor = Integer.parseInt(parts.group(1));
        int foundMinor = Integer.parseInt(parts.group(2));
        return foundMajor > major || foundMajor == major && foundMinor >= minor;
    }

    private static List<String> layers(JarFile jar) throws IOException {
        ZipEntry index = jar.getEntry("BOOT-INF/layers.idx");
        if (index == null) {
            return List.of();
        }
        try (InputStream in = jar.getInputStream(index)) {
            String text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            List<String> names = new ArrayList<>();
            Matcher layer = LAYER.matcher(text);
            while (layer.find()) {
                names.add(layer.group(1));
            }
            return names;
        }
    }
}
