package io.github.dockercache.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * A Spring Boot executable jar as its jarmode extraction reads it ({@code spring-boot-jarmode-tools}'s
 * {@code ExtractCommand}, {@code spring-boot-jarmode-layertools}' before 3.3): the manifest, the layers index
 * ({@code BOOT-INF/layers.idx}), the classpath index ({@code BOOT-INF/classpath.idx}) and every entry with the digest
 * of its bytes. Every entry is read: a layer is predicted cached only when the bytes it holds are known to be equal.
 */
final class BootJar {
    /** A jar with more entries is not read: no prediction rather than unbounded work. */
    static final int MAX_ENTRIES = 200_000;

    private static final int MAX_INDEX_BYTES = 4 * 1024 * 1024;
    /** Nested jars up to this size are read in memory to tell a re-stamped library from a changed one. */
    private static final int MAX_NESTED_JAR_BYTES = 16 * 1024 * 1024;

    /**
     * One entry, in the jar's central-directory order.
     *
     * @param name the entry's name
     * @param directory true for a directory entry
     * @param digest SHA-256 of the bytes, hex
     * @param times modification, access and creation time in milliseconds as the entry records them ({@code -} where
     *     it records none): what a rewritten jar (the non-launcher extraction's {@code application.jar}) keeps
     * @param withoutStamps for a nested jar (a library), the checksum of its entries without their build times, so
     *     that a library built again without fixed timestamps is told from a changed one; else null
     */
    record Entry(String name, boolean directory, String digest, String times, String withoutStamps) {}

    /** Why a jar cannot be predicted: the extraction fails on it, or it cannot be read. */
    static final class UnusableJarException extends Exception {
        UnusableJarException(String message) {
            super(message);
        }
    }

    private final List<Entry> entries;
    private final Map<String, Entry> byName;
    private final Attributes manifest;
    private final Map<String, byte[]> indexes;

    private BootJar(List<Entry> entries, Attributes manifest, Map<String, byte[]> indexes) {
        this.entries = entries;
        this.manifest = manifest;
        this.indexes = indexes;
        this.byName = new LinkedHashMap<>();
        entries.forEach(entry -> byName.put(entry.name(), entry));
    }

    /** Reads every entry of the jar; {@code shownPath} names it in messages. */
    static BootJar read(Path file, String shownPath) throws UnusableJarException {
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<String, byte[]> small = new LinkedHashMap<>();
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            Enumeration<ZipArchiveEntry> all = zip.getEntries();
            MessageDigest sha256 = Keys.sha256();
            byte[] buffer = new byte[64 * 1024];
            while (all.hasMoreElements()) {
                ZipArchiveEntry entry = all.nextElement();
                if (entries.size() >= MAX_ENTRIES) {
                    throw new UnusableJarException(shownPath + " has more than " + MAX_ENTRIES + " entries");
                }
                if (!names.add(entry.getName())) {
                    throw new UnusableJarException(shownPath + " holds the entry " + entry.getName() + " twice");
                }
                sha256.reset();
                boolean keep = entry.getName().equals("META-INF/MANIFEST.MF")
                        || entry.getName().endsWith(".idx");
                boolean nested = entry.getName().endsWith(".jar")
                        && entry.getSize() >= 0
                        && entry.getSize() <= MAX_NESTED_JAR_BYTES;
                int limit = keep ? MAX_INDEX_BYTES : nested ? MAX_NESTED_JAR_BYTES : -1;
                ByteArrayOutputStream kept = new ByteArrayOutputStream();
                try (InputStream in = zip.getInputStream(entry)) {
                    for (int read; (read = in.read(buffer)) >= 0; ) {
                        sha256.update(buffer, 0, read);
                        if (kept.size() <= limit) {
                            kept.write(buffer, 0, read);
                        }
                    }
                }
                if (keep) {
                    small.put(entry.getName(), kept.toByteArray());
                }
                String withoutStamps =
                        nested && kept.size() <= limit ? PartsSummary.withoutStamps(kept.toByteArray()) : null;
                entries.add(new Entry(
                        entry.getName(),
                        entry.isDirectory(),
                        HexFormat.of().formatHex(sha256.digest()),
                        millis(entry.getLastModifiedTime()) + " " + millis(entry.getLastAccessTime()) + " "
                                + millis(entry.getCreationTime()),
                        withoutStamps));
            }
        } catch (IOException | RuntimeException e) {
            throw new UnusableJarException(shownPath + " cannot be read as a jar: " + e.getMessage());
        }
        byte[] manifestBytes = small.get("META-INF/MANIFEST.MF");
        if (manifestBytes == null) {
            throw new UnusableJarException(shownPath + " has no META-INF/MANIFEST.MF");
        }
        try {
            return new BootJar(
                    List.copyOf(entries),
                    new Manifest(new ByteArrayInputStream(manifestBytes)).getMainAttributes(),
                    small);
        } catch (IOException | RuntimeException e) {
            throw new UnusableJarException(shownPath + " has a manifest that cannot be read: " + e.getMessage());
        }
    }

    private static String millis(FileTime time) {
        return time == null ? "-" : Long.toString(time.toMillis());
    }

    List<Entry> entries() {
        return entries;
    }

    Entry entry(String name) {
        return byName.get(name);
    }

    /** A main attribute of the manifest, or null. */
    String attribute(String name) {
        return manifest.getValue(name);
    }

    /** The bytes of an index or of the manifest ({@code *.idx}, {@code META-INF/MANIFEST.MF}), or null. */
    byte[] smallEntry(String name) {
        return indexes.get(name);
    }

    /**
     * The layers index named by {@code Spring-Boot-Layers-Index}, as {@code IndexedLayers} reads it: layer name to its
     * entries, in order ({@code BOOT-INF/lib/} for a directory).
     */
    LinkedHashMap<String, List<String>> layers(String shownPath) throws UnusableJarException {
        String location = attribute("Spring-Boot-Layers-Index");
        byte[] index = location == null ? null : smallEntry(location);
        if (index == null) {
            throw new UnusableJarException(shownPath + " has no layers index ("
                    + (location == null ? "no Spring-Boot-Layers-Index in its manifest" : location + " is missing")
                    + "): Spring Boot's extraction fails with \"Layers are not enabled\"");
        }
        LinkedHashMap<String, List<String>> layers = new LinkedHashMap<>();
        List<String> contents = null;
        for (String line : lines(index)) {
            if (line.startsWith("- ") && line.length() >= 5) {
                contents = new ArrayList<>();
                layers.put(line.substring(3, line.length() - 2), contents);
            } else if (line.startsWith("  - ") && contents != null && line.length() >= 6) {
                contents.add(line.substring(5, line.length() - 1));
            } else {
                throw new UnusableJarException(shownPath + ": " + location + " is malformed at \"" + line
                        + "\": Spring Boot's extraction fails on it");
            }
        }
        if (layers.isEmpty()) {
            throw new UnusableJarException(shownPath + ": " + location + " lists no layer");
        }
        return layers;
    }

    /** The classpath index named by {@code Spring-Boot-Classpath-Index}: library entry names, in order. */
    List<String> classpath(String shownPath) throws UnusableJarException {
        String location = attribute("Spring-Boot-Classpath-Index");
        byte[] index = location == null ? null : smallEntry(location);
        if (index == null) {
            throw new UnusableJarException(shownPath + " has no classpath index (Spring-Boot-Classpath-Index): Spring"
                    + " Boot's extraction without --launcher needs it");
        }
        List<String> libraries = new ArrayList<>();
        for (String line : lines(index)) {
            if (!line.startsWith("- ") || line.length() < 4) {
                throw new UnusableJarException(shownPath + ": " + location + " is malformed at \"" + line + "\"");
            }
            libraries.add(line.substring(3, line.length() - 1));
        }
        return Collections.unmodifiableList(libraries);
    }

    /** The non-blank lines of an index, without carriage returns, as Spring Boot splits them. */
    private static List<String> lines(byte[] index) {
        List<String> lines = new ArrayList<>();
        for (String line : new String(index, StandardCharsets.UTF_8).split("\n")) {
            String stripped = line.replace("\r", "");
            if (!stripped.isBlank()) {
                lines.add(stripped);
            }
        }
        return lines;
    }
}
