package io.github.dockercache.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A Spring Boot executable jar laid out as spring-boot-maven-plugin's repackage writes it: the manifest, the loader
 * under {@code org/}, {@code BOOT-INF/classes}, the libraries stored (not compressed) under {@code BOOT-INF/lib}, the
 * classpath index and the layers index with Spring Boot's default layers (a {@code -SNAPSHOT} library in
 * {@code snapshot-dependencies}). Entries given explicitly replace the generated ones; every entry gets one time.
 */
public final class SpringBootJar {
    public static final String LAYERS_INDEX = "BOOT-INF/layers.idx";
    public static final String CLASSPATH_INDEX = "BOOT-INF/classpath.idx";
    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    public static final Instant DEFAULT_TIME = Instant.parse("2024-01-01T00:00:00Z");

    private final Map<String, byte[]> files = new TreeMap<>();
    private Instant time = DEFAULT_TIME;

    /** A small application: a class, a resource, two libraries, a SNAPSHOT library, the jarmode tools and a loader class. */
    public static SpringBootJar app() {
        return new SpringBootJar()
                .file("org/springframework/boot/loader/launch/JarLauncher.class", "loader 3.5.0")
                .file("BOOT-INF/classes/com/example/App.class", "class App v1")
                .file("BOOT-INF/classes/application.properties", "server.port=8080\n")
                .file("BOOT-INF/lib/caffeine-3.2.2.jar", "caffeine 3.2.2 bytes")
                .file("BOOT-INF/lib/guava-19.0.jar", "guava 19.0 bytes")
                .file("BOOT-INF/lib/demo-lib-1.0-SNAPSHOT.jar", "demo-lib snapshot v1")
                .file("BOOT-INF/lib/spring-boot-jarmode-tools-3.5.0.jar", "jarmode tools 3.5.0");
    }

    /**
     * Every regular file under {@code tree} as an entry, by its relative path; {@code X.class.txt} becomes the entry
     * {@code X.class}: a {@code .class} file among the test resources would be loaded as a test class.
     */
    public static SpringBootJar fromTree(Path tree) throws IOException {
        SpringBootJar jar = new SpringBootJar();
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                jar.file(
                        tree.relativize(path).toString().replace('\\', '/').replaceFirst("\\.class\\.txt$", ".class"),
                        Files.readAllBytes(path));
            }
        }
        return jar;
    }

    /** Adds or replaces an entry ({@code BOOT-INF/layers.idx} and the manifest too). */
    public SpringBootJar file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds or replaces an entry with these bytes (a nested jar: {@link #bytes()} of another). */
    public SpringBootJar file(String name, byte[] content) {
        files.put(name, content.clone());
        return this;
    }

    public SpringBootJar without(String name) {
        files.remove(name);
        return this;
    }

    /** The time of every entry. */
    public SpringBootJar time(Instant value) {
        time = value;
        return this;
    }

    /** Writes the jar (mode 0644), creating its directory. */
    public void writeTo(Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        Files.write(jar, bytes());
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** The jar's bytes. */
    public byte[] bytes() throws IOException {
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put(MANIFEST, files.getOrDefault(MANIFEST, utf8(manifest())));
        files.keySet().stream().filter(n -> n.startsWith("org/")).forEach(n -> all.put(n, files.get(n)));
        files.keySet().stream().filter(n -> n.startsWith("BOOT-INF/classes/")).forEach(n -> all.put(n, files.get(n)));
        files.keySet().stream().filter(n -> n.startsWith("BOOT-INF/lib/")).forEach(n -> all.put(n, files.get(n)));
        all.put(CLASSPATH_INDEX, files.getOrDefault(CLASSPATH_INDEX, utf8(classpathIndex())));
        all.put(LAYERS_INDEX, files.getOrDefault(LAYERS_INDEX, utf8(layersIndex())));
        files.forEach(all::putIfAbsent);
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(jar)) {
            TreeSet<String> directories = new TreeSet<>();
            for (Map.Entry<String, byte[]> entry : all.entrySet()) {
                for (int slash = entry.getKey().indexOf('/');
                        slash > 0;
                        slash = entry.getKey().indexOf('/', slash + 1)) {
                    String directory = entry.getKey().substring(0, slash + 1);
                    if (directories.add(directory)) {
                        zip.putNextEntry(entry(directory, new byte[0], false));
                        zip.closeEntry();
                    }
                }
                zip.putNextEntry(
                        entry(entry.getKey(), entry.getValue(), entry.getKey().startsWith("BOOT-INF/lib/")));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return jar.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Libraries are stored, as Spring Boot requires of nested jars; the rest is deflated. */
    private ZipEntry entry(String name, byte[] bytes, boolean stored) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(time.toEpochMilli());
        if (stored) {
            CRC32 crc = new CRC32();
            crc.update(bytes);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(bytes.length);
            entry.setCompressedSize(bytes.length);
            entry.setCrc(crc.getValue());
        }
        return entry;
    }

    private static String manifest() {
        return """
                Manifest-Version: 1.0
                Created-By: Maven JAR Plugin 3.4.1
                Build-Jdk-Spec: 21
                Main-Class: org.springframework.boot.loader.launch.JarLauncher
                Start-Class: com.example.App
                Spring-Boot-Version: 3.5.0
                Spring-Boot-Classes: BOOT-INF/classes/
                Spring-Boot-Lib: BOOT-INF/lib/
                Spring-Boot-Classpath-Index: BOOT-INF/classpath.idx
                Spring-Boot-Layers-Index: BOOT-INF/layers.idx

                """.replace("\n", "\r\n");
    }

    private List<String> libraries() {
        return files.keySet().stream()
                .filter(n -> n.startsWith("BOOT-INF/lib/") && n.endsWith(".jar"))
                .toList();
    }

    private String classpathIndex() {
        StringBuilder index = new StringBuilder();
        libraries().forEach(library -> index.append("- \"").append(library).append("\"\n"));
        return index.toString();
    }

    private String layersIndex() {
        List<String> snapshots = new ArrayList<>();
        StringBuilder index = new StringBuilder("- \"dependencies\":\n");
        for (String library : libraries()) {
            if (library.contains("SNAPSHOT")) {
                snapshots.add(library);
            } else {
                index.append("  - \"").append(library).append("\"\n");
            }
        }
        index.append("- \"spring-boot-loader\":\n  - \"org/\"\n- \"snapshot-dependencies\":\n");
        snapshots.forEach(library -> index.append("  - \"").append(library).append("\"\n"));
        return index.append("- \"application\":\n  - \"BOOT-INF/classes/\"\n  - \"BOOT-INF/classpath.idx\"\n")
                .append("  - \"BOOT-INF/layers.idx\"\n  - \"META-INF/\"\n")
                .toString();
    }
}
