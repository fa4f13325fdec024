package io.github.dockercache.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.dockercache.testing.PlainTree;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bind mount's source is keyed as the cleaned path it selects, with the content under it: BuildKit's solver clears
 * the selector from the RUN's key. Found by the generated pair {@code run-mount-bind-0-3} ({@code source=d} to
 * {@code source=d/}): both engines reuse the RUN, the plugin said rebuilt.
 */
class RunMountSourceTest {
    @TempDir
    Path dir;

    private String runKey(String name, String mount) throws Exception {
        return new PlainTree(dir.resolve(name))
                        .file("d/x", "x\n")
                        .file("d/sub/y", "y\n")
                        .dockerfile("FROM busybox", "RUN --mount=" + mount + " ls -R /b")
                        .snapshot(Map.of(), null)
                        .steps()
                        .stream()
                        .filter(step -> step.place().instruction().equals("RUN"))
                        .findFirst()
                        .orElseThrow()
                        .keys()
                        .key();
    }

    @Test
    void respellingsOfTheSourceKeepTheKey() throws Exception {
        String plain = runKey("plain", "type=bind,source=d,target=/b");
        assertEquals(plain, runKey("slash", "type=bind,source=d/,target=/b"));
        assertEquals(plain, runKey("dot", "type=bind,source=./d,target=/b"));
        assertEquals(plain, runKey("dot-end", "type=bind,source=d/.,target=/b"));
        assertNotEquals(plain, runKey("other", "type=bind,source=d/sub,target=/b"));
    }

    /** A stage's files are keyed under the path the mount selects: differential scenario run-mount-bind-from-source-respelled. */
    @Test
    void respellingsOfAStageSourceKeepTheKey() throws Exception {
        String root = fromStageKey("root", "type=bind,from=src,target=/b");
        assertEquals(root, fromStageKey("dot", "type=bind,from=src,source=.,target=/b"));
        assertEquals(root, fromStageKey("slash", "type=bind,from=src,source=/,target=/b"));
        String m = fromStageKey("m", "type=bind,from=src,source=/m,target=/b");
        assertEquals(m, fromStageKey("m-slash", "type=bind,from=src,source=m/,target=/b"));
        assertNotEquals(root, m);
    }

    private String fromStageKey(String name, String mount) throws Exception {
        return new PlainTree(dir.resolve(name))
                        .dockerfile(
                                "FROM busybox AS src",
                                "RUN mkdir /m",
                                "FROM busybox",
                                "RUN --mount=" + mount + " ls -R /b")
                        .snapshot(Map.of(), null)
                        .steps()
                        .stream()
                        .filter(step -> step.place().instruction().equals("RUN")
                                && !step.place().stage().equals("src"))
                        .findFirst()
                        .orElseThrow()
                        .keys()
                        .key();
    }
}
