package io.github.dockercache.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedFileTest {
    @TempDir
    Path dir;

    @Test
    void aRegularFileWithinTheLimitIsReadThroughItsLink() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "abc");
        Path link = Files.createSymbolicLink(dir.resolve("l"), file);
        assertArrayEquals("abc".getBytes(), BoundedFile.read(link, 3));
    }

    @Test
    void sizesAreWordedForPeople() {
        assertEquals("1000 bytes", BoundedFile.size(1000));
        assertEquals("1 MiB", BoundedFile.size(1 << 20));
        assertEquals("1.5 KiB", BoundedFile.size(1536));
        assertEquals("2 GiB", BoundedFile.size(2L << 30));
    }
}
