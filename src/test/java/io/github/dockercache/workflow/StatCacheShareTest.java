package io.github.dockercache.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatCacheShareTest {
    @TempDir
    Path dir;

    private final Map<Path, Path> written = new HashMap<>();
    private final StatCacheShare share = new StatCacheShare() {
        @Override
        public Path latest(Path context) {
            return written.get(context);
        }

        @Override
        public void wrote(Path context, Path statCache) {
            written.put(context, statCache);
        }
    };

    @Test
    void anImageWithoutAStatCacheStartsFromTheOneAnotherImageWroteForTheSameContext() throws Exception {
        Path context = dir.resolve("context");
        Path first = write("app/target/dockercache/stat-cache.json", "first", Instant.now());
        share.wrote(context, first);
        Path own = dir.resolve("worker/target/dockercache/stat-cache.json");

        StatCacheShare.startFrom(share, context, own);

        assertEquals("first", Files.readString(own));
        assertEquals(List.of("stat-cache.json"), names(own.getParent()), "no temporary file is left");
    }

    @Test
    void anOlderOwnStatCacheIsReplacedAndANewerOneKept() throws Exception {
        Path context = dir.resolve("context");
        Instant now = Instant.now();
        Path latest = write("app/stat-cache.json", "latest", now);
        share.wrote(context, latest);
        Path older = write("worker/stat-cache.json", "older", now.minusSeconds(60));
        Path newer = write("batch/stat-cache.json", "newer", now.plusSeconds(60));

        StatCacheShare.startFrom(share, context, older);
        StatCacheShare.startFrom(share, context, newer);

        assertEquals("latest", Files.readString(older));
        assertEquals("newer", Files.readString(newer));
    }

    @Test
    void anotherContextItsOwnFileOrAVanishedFileIsNoSource() throws Exception {
        Path context = dir.resolve("context");
        Path own = write("app/stat-cache.json", "own", Instant.now().minusSeconds(60));
        share.wrote(dir.resolve("other"), write("other/stat-cache.json", "other", Instant.now()));

        StatCacheShare.startFrom(share, context, own);
        share.wrote(context, own);
        StatCacheShare.startFrom(share, context, own);
        share.wrote(context, dir.resolve("gone/stat-cache.json"));
        Path fresh = dir.resolve("fresh/stat-cache.json");
        StatCacheShare.startFrom(share, context, fresh);

        assertEquals("own", Files.readString(own));
        assertFalse(Files.exists(fresh));
        assertNull(StatCacheShare.NONE.latest(context));
    }

    private Path write(String path, String text, Instant modified) throws Exception {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private static List<String> names(Path directory) throws Exception {
        try (var files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
