package io.github.dockercache.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * What a snapshot keeps of a file that build tools stamp, to explain a change: a zip archive's (jar, war, ear, zip)
 * entries or a text file's keys as {@link StampedParts} parts, and an archive's manifest attributes that say which
 * tool wrote it. Of an archive only the central directory is read, and the small
 * text entries that generators stamp with the build time ({@code build-info.properties}, {@code git.properties}), whose
 * part leaves those stamps out of its checksum: a jar rebuilt with a new {@code build.time} differs only in stamps.
 *
 * @param parts entry name to {@code crc@time}; a stamped text entry's checksum covers its lines without their stamps,
 *     and its stamp is the entry time followed by the stamps ({@code build.time=...})
 * @param manifest an archive's manifest main attributes among {@link #WRITER_ATTRIBUTES}, or null when there are none
 */
record PartsSummary(SortedMap<String, String> parts, SortedMap<String, String> manifest) {
    /** Archives with more entries are summarised by their first entries only: enough to name what differs. */
    static final int MAX_ENTRIES = 5_000;
    /** The size of a zip's end of central directory record without its comment (of at most 64 KiB). */
    private static final int END_RECORD_SIZE = 22;
    /** The text entries read per archive, in bytes: an archive of many resource bundles is not read whole. */
    static final long MAX_TEXT_BYTES = 4L * 1024 * 1024;
    /**
     * The manifest attributes that name the tool that wrote the archive: maven-archiver's {@code Created-By} ("Maven
     * JAR Plugin 3.4.1") and {@code Build-Jdk-Spec}, Spring Boot's repackaging, bnd's {@code Tool}.
     */
    static final List<String> WRITER_ATTRIBUTES =
            List.of("Created-By", "Build-Jdk-Spec", "Spring-Boot-Version", "Tool");

    private static final String MANIFEST = "META-INF/MANIFEST.MF";
    private static final int MAX_ATTRIBUTE_LENGTH = 200;

    /** The archive's summary, or null when it is not a readable zip: the summary only serves explanations. */
    static PartsSummary ofArchive(Path file) {
        try {
            if (!hasEndRecord(file)) {
                return null;
            }
            return ofArchive(ZipFile.builder().setPath(file).get());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * True when the last 64 KiB of the file hold a zip's end of central directory record, where commons-compress looks
     * for it; without one it is no zip. Looked for here in one read: commons-compress seeks and reads a byte at a time,
     * which cost 65,000 system calls on each check for a file named like an archive that is not one.
     */
    private static boolean hasEndRecord(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer tail = ByteBuffer.allocate((int) Math.min(size, END_RECORD_SIZE + 0xffff));
            long start = size - tail.capacity();
            while (tail.hasRemaining() && channel.read(tail, start + tail.position()) > 0) {
                // read the whole tail
            }
            byte[] bytes = tail.array();
            for (int i = tail.position() - END_RECORD_SIZE; i >= 0; i--) {
                if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 5 && bytes[i + 3] == 6) {
                    return true;
                }
            }
            return false;
        }
    }

    /** As {@link #ofArchive(Path)}, for an archive held in memory (a jar nested in another). */
    static PartsSummary ofArchive(byte[] bytes) {
        try {
            return ofArchive(ZipFile.builder()
                    .setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes))
                    .get());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The checksum of an archive's entries without their stamps: equal for two archives that differ only in build
     * times; null when it is not a readable zip.
     */
    static String withoutStamps(byte[] bytes) {
        PartsSummary summary = ofArchive(bytes);
        return summary == null
                ? null
                : Keys.hash(
                        "entries",
                        null,
                        summary.parts().entrySet().stream()
                                .map(e -> Map.entry(e.getKey(), StampedParts.checksum(e.getValue())))
                                .toList());
    }

    private static PartsSummary ofArchive(ZipFile opened) {
        SortedMap<String, String> parts = new TreeMap<>();
        SortedMap<String, String> manifest = null;
        long textBytes = 0;
        try (ZipFile zip = opened) {
            Enumeration<ZipArchiveEntry> all = zip.getEntries();
            while (all.hasMoreElements() && parts.size() < MAX_ENTRIES) {
                ZipArchiveEntry entry = all.nextElement();
                String time = Instant.ofEpochMilli(entry.getTime()).toString();
                String part = StampedParts.part(Long.toHexString(entry.getCrc()), time);
                boolean isText = !entry.isDirectory()
                        && StampedParts.isKeyValueText(entry.getName())
                        && entry.getSize() >= 0
                        && entry.getSize() <= StampedParts.MAX_TEXT_SIZE
                        && textBytes + entry.getSize() <= MAX_TEXT_BYTES;
                if (isText) {
                    textBytes += entry.getSize();
                    byte[] bytes = read(zip, entry);
                    if (entry.getName().equalsIgnoreCase(MANIFEST)) {
                        manifest = writerAttributes(bytes);
                    }
                    SortedMap<String, String> lines = StampedParts.ofKeyValueText(entry.getName(), bytes);
                    if (lines != null) {
                        part = withoutStamps(lines, time);
                    }
                }
                parts.put(entry.getName(), part);
            }
            return new PartsSummary(parts, manifest);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] read(ZipFile zip, ZipArchiveEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readNBytes((int) StampedParts.MAX_TEXT_SIZE + 1);
        }
    }

    /** One part for a stamped text entry: the checksum of its lines without stamps; the entry time and the stamps. */
    private static String withoutStamps(SortedMap<String, String> lines, String time) {
        CRC32 checksum = new CRC32();
        List<String> stamps = new ArrayList<>();
        stamps.add(time);
        lines.forEach((name, line) -> {
            checksum.update((name + "=" + StampedParts.checksum(line) + "\n").getBytes(StandardCharsets.UTF_8));
            if (!StampedParts.stamp(line).isEmpty()) {
                stamps.add(name + "=" + StampedParts.stamp(line));
            }
        });
        return StampedParts.part(Long.toHexString(checksum.getValue()), String.join(" ", stamps));
    }

    private static SortedMap<String, String> writerAttributes(byte[] bytes) {
        Attributes main;
        try {
            main = new Manifest(new ByteArrayInputStream(bytes)).getMainAttributes();
        } catch (IOException | RuntimeException e) {
            return null;
        }
        SortedMap<String, String> found = new TreeMap<>();
        for (String name : WRITER_ATTRIBUTES) {
            String value = main.getValue(name);
            if (value != null) {
                found.put(
                        name, value.length() > MAX_ATTRIBUTE_LENGTH ? value.substring(0, MAX_ATTRIBUTE_LENGTH) : value);
            }
        }
        return found.isEmpty() ? null : found;
    }
}
