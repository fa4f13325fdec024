package io.github.dockercache.compare;

import static io.github.dockercache.compare.Scenario.step;
import static io.github.dockercache.compare.Scenario.verdicts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.dockercache.model.BaseImage;
import io.github.dockercache.model.ImageDigests;
import io.github.dockercache.model.Snapshot;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images that {@code COPY --from} and {@code RUN --mount=from=} read (cache-model §3.5): keyed like FROM images, on
 * their layers; a moved tag leaves the step to the content of the files it reads, unknown offline.
 */
class ImageSourceTest {
    private static final String TOOL = "registry.example/tool:1";
    private static final String NORMALISED = "registry.example/tool:1";
    private static final String DIGEST_ONE = "sha256:" + "a".repeat(64);
    private static final String DIGEST_TWO = "sha256:" + "b".repeat(64);
    private static final BaseImage ONE = new BaseImage(DIGEST_ONE, "sha256:" + "1".repeat(64), null);
    private static final BaseImage TWO = new BaseImage(DIGEST_TWO, "sha256:" + "2".repeat(64), null);

    @TempDir
    Path dir;

    private Scenario copyFromTool() {
        return new Scenario(dir)
                .file("a.txt", "a")
                .dockerfile(
                        "FROM scratch",
                        "COPY a.txt /a.txt",
                        "COPY --from=" + TOOL + " /bin/tool /tool",
                        "COPY a.txt /b.txt");
    }

    @Test
    void aTagMovedToOtherLayersLeavesTheCopyUnknownAndNamesBothDigests() throws Exception {
        Scenario app = copyFromTool().image(ONE);
        Snapshot before = app.snapshot();
        Comparison comparison = Scenario.compare(app.image(TWO).snapshot(), before);

        assertEquals(Map.of("1", Verdict.CACHED, "2", Verdict.UNKNOWN, "3", Verdict.UNKNOWN), verdicts(comparison));
        Cause cause = step(comparison, "2").causes().get(0);
        assertEquals(CauseKind.SOURCE_IMAGE, cause.kind());
        assertEquals(
                "the image " + NORMALISED + " that COPY --from reads moved: " + DIGEST_ONE + " -> " + DIGEST_TWO,
                cause.detail());
        assertNotNull(cause.advice());
        assertEquals(
                "the image " + NORMALISED + " that this step reads /bin/tool from moved to other layers: the"
                        + " step stays cached only if /bin/tool comes out byte-identical, which takes pulling the image to know",
                step(comparison, "2").unknownReason());
    }

    @Test
    void theSameLayersUnderAnotherManifestKeepTheCopyCached() throws Exception {
        Scenario app = copyFromTool().image(ONE);
        Snapshot before = app.snapshot();
        Snapshot after =
                app.image(new BaseImage(DIGEST_TWO, ONE.layers(), null)).snapshot();

        assertEquals(
                Map.of("1", Verdict.CACHED, "2", Verdict.CACHED, "3", Verdict.CACHED),
                verdicts(Scenario.compare(after, before)));
    }

    @Test
    void aPinnedImageIsItsOwnKeyAndIsNotLookedUp() throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile("FROM scratch", "COPY --from=" + TOOL + "@" + DIGEST_ONE + " /t /t")
                .images((reference, platform) -> {
                    throw new AssertionError("looked up " + reference);
                });
        Snapshot snapshot = app.snapshot();

        assertEquals(
                Map.of("src[0].image", "registry.example/tool@" + DIGEST_ONE, "src[0].path", "/t"),
                snapshot.steps().get(0).reads().inputs().entrySet().stream()
                        .filter(e -> e.getKey().contains("src[0]."))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    @Test
    void aBindMountOfAMovedImageIsUnknownAndSaysWhichInstructionReadsIt() throws Exception {
        Scenario app = new Scenario(dir)
                .image(ONE)
                .dockerfile("FROM scratch", "RUN --mount=from=" + TOOL + ",source=/bin/tool,target=/tool /tool");
        Snapshot before = app.snapshot();
        Comparison comparison = Scenario.compare(app.image(TWO).snapshot(), before);

        assertEquals(Verdict.UNKNOWN, step(comparison, "1").verdict());
        assertEquals(
                "the image " + NORMALISED + " that RUN --mount reads moved: " + DIGEST_ONE + " -> " + DIGEST_TWO,
                step(comparison, "1").causes().get(0).detail());
    }

    @Test
    void anOnbuildCopyFromAnImageIsKeyedOnTheImageToo() throws Exception {
        Scenario app = new Scenario(dir)
                .image(ONE)
                .dockerfile(
                        "FROM scratch AS base", "ONBUILD COPY --from=" + TOOL + " /bin/tool /tool", "FROM base AS app");
        Snapshot before = app.snapshot();

        assertEquals(
                Verdict.UNKNOWN,
                step(Scenario.compare(app.image(TWO).snapshot(), before), "app:1")
                        .verdict());
    }

    @Test
    void offlineTheImageIsWhatTheBaselineRecordedAndIsAssumedNotToHaveMoved() throws Exception {
        Snapshot baseline = copyFromTool().image(ONE).snapshot();
        Map<String, BaseImage> recorded = ImageDigests.recordedIn(baseline);
        assertEquals(Map.of(NORMALISED, ONE), recorded);

        Snapshot offline = copyFromTool()
                .images((reference, platform) -> recorded.get(reference))
                .snapshot();
        assertEquals(
                Map.of("1", Verdict.CACHED, "2", Verdict.CACHED, "3", Verdict.CACHED),
                verdicts(Scenario.compare(offline, baseline)));
    }

    @Test
    void anImageNoOneResolvedKeysOnTheReferenceAndPathAsBefore() throws Exception {
        Snapshot snapshot = copyFromTool().snapshot();

        assertNull(snapshot.steps().get(1).keys().unknownReason());
        assertEquals(Map.of(), ImageDigests.recordedIn(snapshot));
    }
}
