package io.github.dockercache.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bit-exact anchors: the expected digests of BuildKit's own tests
 * (moby/buildkit@73ed6825c4b7 cache/contenthash/checksum_test.go). Upstream writes files 0644, dirs 0755,
 * symlinks 0777, owned by uid/gid 0, exactly as a Linux client sends them.
 */
class BuildKitChecksumTest {
    static final String DATA0 = "sha256:cd8e75bca50f2d695f220d0cb0997d8ead387e4f926e8669a92d7f104cc9885b";
    static final String DATA1 = "sha256:c2b5e234f5f38fc5864da7def04782f82501a40d46192e4207d5b3f0c3c4732b";
    static final String DIR_D0 = "sha256:d47454417d2c554067fbefe5f5719edc49f3cfe969c36b62e34a187a4da0cc9a";
    static final String DIR_D0_FILE_BY_FILE = "sha256:6b612ad5c13159112ae26357ef7bd34df29916941ba40ec2ce38dfb70c6c60c3";
    static final String DIR_D0_MODIFIED = "sha256:555ffa3028630d97ba37832b749eda85ab676fd64ffb629fbf0f4ec8c1e3bff1";

    @TempDir
    Path tmp;

    /** TestChecksumBasicFile. */
    @Test
    void basicFiles() throws Exception {
        BuildContext ctx = new TreeBuilder(tmp)
                .file("foo", "data0")
                .file("bar", "data1")
                .dir("d0")
                .file("d0/abc", "data0")
                .symlink("d0/def", "abc")
                .symlink("d0/ghi", "nosuchfile")
                .scan();
        assertEquals(DATA0, ctx.select("foo", List.of()).checksum());
        assertEquals(DATA1, ctx.select("bar", List.of()).checksum());
        assertEquals(DATA0, ctx.select("d0/abc", List.of()).checksum());
        assertEquals(DATA0, ctx.select("d0/def", List.of()).checksum(), "a symlink source is followed");
        assertThrows(ContextException.class, () -> ctx.select("d0/ghi", List.of()));
        assertThrows(ContextException.class, () -> ctx.select("nosuch", List.of()));
        assertEquals(DIR_D0, ctx.select("d0", List.of()).checksum());
    }

    /** Upstream hashes "/" of a snapshot whose root is a 0755 directory; a 0755 subdirectory hashes the same. */
    @Test
    void directoryDigestsMatchUpstreamRootDigests() throws Exception {
        BuildContext ctx = new TreeBuilder(tmp)
                .dir("r")
                .file("r/foo", "data0")
                .file("r/bar", "data1")
                .dir("r/d0")
                .file("r/d0/abc", "data0")
                .symlink("r/d0/def", "abc")
                .symlink("r/d0/ghi", "nosuchfile")
                .dir("m")
                .file("m/abc", "data0")
                .symlink("m/def", "abc")
                .scan();
        assertEquals(
                "sha256:427c9cf9ae98c0f81fb57a3076b965c7c149b6b0a85625ad4e884236649a42c6",
                ctx.select("r", List.of()).checksum());
        assertEquals(DIR_D0_MODIFIED, ctx.select("m", List.of()).checksum(), "a removed broken link changes it");
    }

    @Test
    void nestedFile() throws Exception {
        BuildContext ctx = new TreeBuilder(tmp)
                .dir("abc")
                .dir("abc/aa")
                .file("abc/aa/foo", "data2")
                .scan();
        assertEquals(
                "sha256:1c67653c3cf95b12a0014e2c4cd1d776b474b3218aee54155d6ae27b9b999c54",
                ctx.select("abc/aa/foo", List.of()).checksum());
    }

    /** TestChecksumWildcardOrFilter. */
    @Test
    void wildcards() throws Exception {
        BuildContext ctx = new TreeBuilder(tmp)
                .file("bar", "data1")
                .file("foo", "data0")
                .file("fox", "data2")
                .dir("x")
                .dir("x/d0")
                .file("x/d0/abc", "data0")
                .symlink("x/d0/def", "abc")
                .symlink("x/d0/ghi", "nosuchfile")
                .symlink("y1", "foo")
                .symlink("y2", "fox")
                .scan();
        byte[] single = ("\0foo" + DATA0).getBytes(StandardCharsets.UTF_8);
        assertEquals(Digests.of(single), ctx.select("f*o", List.of()).checksum());
        assertEquals(
                "sha256:0b6731924f0a32a812bf8a729202e55e54ded331f9e4ff2397f681e43694e086",
                ctx.select("f*", List.of()).checksum());
        assertEquals(DIR_D0_FILE_BY_FILE, ctx.select("x/d?", List.of()).checksum());
        assertEquals(DATA0, ctx.select("x/d?/def", List.of()).checksum());
        assertEquals(
                "sha256:982153600b9653a1decb0f961e09e2bc1be335cfcaac9b39dbd1120b65fdf92c",
                ctx.select("y*", List.of()).checksum());
    }

    /** TestSymlinksNoFollow. */
    @Test
    void symlinksInsideDirectoriesAreNotFollowed() throws Exception {
        BuildContext ctx = new TreeBuilder(tmp)
                .file("target", "data0")
                .symlink("sym", "target")
                .symlink("sym2", "target2")
                .dir("foo")
                .symlink("foo/ghi", "target")
                .symlink("y1", "foo/ghi")
                .scan();
        String linkDigest = "sha256:a2ba571981f48ec34eb79c9a3ab091b6491e825c2f7e9914ea86e8e958be7fae";
        assertEquals(linkDigest, ctx.entries().get("sym").digest());
        assertEquals(linkDigest, ctx.entries().get("foo/ghi").digest());
        String fooDir = "sha256:9b761577efcb1239cf4be971914c5d7404914dd32ff436401af1764dc5446b83";
        assertEquals(fooDir, ctx.select("foo", List.of()).checksum());
        assertEquals(
                "sha256:2797e710c6d1a89ff2d91c834b828b1dc500f2982430a58241df8e146f4c4bb4",
                ctx.select("fo?", List.of()).checksum());
        assertEquals(fooDir, ctx.select("foo", List.of("*.git")).checksum(), "still works with an exclude");
        assertThrows(ContextException.class, () -> ctx.select("y1", List.of()), "broken link chain");
    }

    /** TestChecksumSymlinks (links inside the context, relative and absolute). */
    @Test
    void linkChainsResolveInsideTheContext() throws Exception {
        BuildContext ctx = new TreeBuilder(tmp)
                .dir("target")
                .file("target/file", "data0")
                .dir("link1")
                .symlink("link1/target_file", "../target/file")
                .symlink("link1/target_file_abs", "/target/file")
                .symlink("link1/target_dir", "../target")
                .symlink("link1/target_dir_abs", "/target")
                .dir("link2")
                .symlink("link2/link1_rel", "../link1")
                .symlink("link2/link1_abs", "/link1")
                .dir("link3")
                .symlink("link3/target", "../link2/link1_rel/target_dir")
                .symlink("link3/target_file", "../link2/link1_rel/target_file")
                .scan();
        for (String path : List.of(
                "target/file",
                "link1/target_file",
                "link1/target_dir/file",
                "link2/link1_rel/target_file",
                "link2/link1_rel/target_file_abs",
                "link2/link1_rel/target_dir/file",
                "link2/link1_rel/target_dir_abs/file",
                "link2/link1_abs/target_file",
                "link2/link1_abs/target_file_abs",
                "link2/link1_abs/target_dir/file",
                "link2/link1_abs/target_dir_abs/file",
                "link3/target_file",
                "link3/target/file")) {
            Selection selection = ctx.select(path, List.of());
            assertEquals(DATA0, selection.checksum(), path);
            assertEquals(
                    List.of("target/file"),
                    selection.entries().stream().map(FileEntry::path).toList(),
                    path);
        }
        assertTrue(ctx.entries().get("link1/target_file_abs").linkTarget().equals("/target/file"));
    }
}
