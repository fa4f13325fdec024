package io.github.dockercache.advice;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Jars laid out as their build tools lay them out, with filler bytes of known sizes, for the DC105 tests. */
public final class TestJars {
    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    public static TestJars springBoot(String version, boolean layered, String... libraries) {
        boolean launch = version.compareTo("3.2") >= 0;
        TestJars jar = new TestJars()
                .manifest(
                        "Main-Class: org.springframework.boot.loader." + (launch ? "launch." : "") + "JarLauncher",
                        "Start-Class: com.example.App",
                        "Spring-Boot-Version: " + version,
                        "Spring-Boot-Classes: BOOT-INF/classes/",
                        "Spring-Boot-Lib: BOOT-INF/lib/");
        jar.entry("org/springframework/boot/loader/JarLauncher.class", 1000);
        jar.entry("BOOT-INF/classes/com/example/App.class", 1000);
        StringBuilder dependencies = new StringBuilder("- \"dependencies\":\n");
        StringBuilder snapshots = new StringBuilder("- \"snapshot-dependencies\":\n");
        for (String library : libraries) {
            jar.entry("BOOT-INF/lib/" + library, 10_000);
            (library.contains("SNAPSHOT") ? snapshots : dependencies)
                    .append("  - \"BOOT-INF/lib/")
                    .append(library)
                    .append("\"\n");
        }
        if (layered) {
            jar.text(
                    "BOOT-INF/layers.idx",
                    dependencies + "- \"spring-boot-loader\":\n  - \"org/\"\n" + snapshots
                            + "- \"application\":\n  - \"BOOT-INF/classes/\"\n  - \"META-INF/\"\n");
        }
        return jar;
    }

    public TestJars manifest(String... attributes) {
        return text("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n" + String.join("\r\n", attributes) + "\r\n\r\n");
    }

    public TestJars entry(String name, int size) {
        entries.put(name, "x".repeat(size).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public TestJars text(String name, String content) {
        entries.put(name, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
