package io.github.dockercache.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dockercache.testing.PlainTree;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warning about build args no ARG consumes; the engines' side is BuildArgWarningDifferentialTest. */
class UnconsumedBuildArgsTest {
    @TempDir
    Path dir;

    private PlainTree stages() {
        return new PlainTree(dir)
                .dockerfile(
                        "ARG BASE_TAG=1.36",
                        "FROM busybox:${BASE_TAG} AS test",
                        "ARG TEST_FILTER",
                        "RUN echo $TEST_FILTER",
                        "FROM busybox:${BASE_TAG} AS app",
                        "ARG VERSION",
                        "RUN echo $VERSION");
    }

    @Test
    void theLegacyBuildersLineForEveryStageUpToTheTarget() throws Exception {
        List<String> warnings = stages().snapshot(
                        Map.of(
                                "VERSION",
                                "2",
                                "TEST_FILTER",
                                "slow",
                                "http_proxy",
                                "http://p:3128",
                                "REVISON",
                                "3",
                                "BASE_TAG",
                                "1.37",
                                "SOURCE_DATE_EPOCH",
                                "0"),
                        null,
                        Builder.CLASSIC)
                .warnings();
        assertEquals(
                List.of("[Warning] One or more build-args [REVISON SOURCE_DATE_EPOCH] were not consumed"), warnings);
    }

    @Test
    void buildKitsOwnWordsForTheStagesItBuilds() throws Exception {
        List<String> warnings = stages().snapshot(
                        Map.of(
                                "VERSION",
                                "2",
                                "TEST_FILTER",
                                "slow",
                                "Http_Proxy",
                                "http://p:3128",
                                "SOURCE_DATE_EPOCH",
                                "0",
                                "BUILDKIT_INLINE_CACHE",
                                "1"),
                        "app")
                .warnings();
        assertEquals(
                List.of(
                        "build arg TEST_FILTER is passed, but no ARG of the stages this build runs declares it: BuildKit"
                                + " ignores it without a warning, and it changes no step"),
                warnings);
        assertEquals(
                List.of(),
                stages().snapshot(Map.of("TEST_FILTER", "slow"), "test").warnings());
    }
}
