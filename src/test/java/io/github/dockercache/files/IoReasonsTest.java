package io.github.dockercache.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class IoReasonsTest {
    @Test
    void theReasonJavaDropsIsRestored() {
        // an AccessDeniedException's message is the path alone: "Cannot read the baseline b.json: b.json" said nothing
        assertEquals("b.json: Permission denied", IoReasons.describe(new AccessDeniedException("b.json")));
        assertEquals("b.json: No such file or directory", IoReasons.describe(new NoSuchFileException("b.json")));
    }

    @Test
    void aReasonJavaKeptIsKept() {
        assertEquals(
                "b.json: Read-only file system",
                IoReasons.describe(new FileSystemException("b.json", null, "Read-only file system")));
    }
}
