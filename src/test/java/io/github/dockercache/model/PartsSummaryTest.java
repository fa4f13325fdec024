package io.github.dockercache.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An archive's parts are read where its end record says, also behind a long comment; a file that is no zip has none. */
class PartsSummaryTest {
    @TempDir
    Path dir;

    private Path zip(String name, String comment) throws Exception {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("a.txt"));
            zip.write("alpha".getBytes());
            zip.closeEntry();
            zip.setComment(comment);
        }
        return file;
    }

    @Test
    void anArchiveIsReadBehindACommentOfAnyLength() throws Exception {
        for (int length : new int[] {0, 1, 1000, 0xffff}) {
            PartsSummary parts = PartsSummary.ofArchive(zip("c" + length + ".jar", "x".repeat(length)));
            assertEquals(
                    java.util.List.of("a.txt"),
                    java.util.List.copyOf(parts.parts().keySet()),
                    "comment " + length);
        }
    }

    @Test
    void aFileThatIsNoZipHasNoParts() throws Exception {
        byte[] random = new byte[200_000];
        new Random(7).nextBytes(random);
        assertNull(PartsSummary.ofArchive(Files.write(dir.resolve("random.jar"), random)));
        assertNull(PartsSummary.ofArchive(Files.write(dir.resolve("empty.jar"), new byte[0])));
        assertNull(PartsSummary.ofArchive(Files.write(dir.resolve("short.jar"), "PK\5\6".getBytes())));
        assertNull(PartsSummary.ofArchive(dir.resolve("missing.jar")));
    }
}
