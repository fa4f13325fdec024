package io.github.dockercache.compare;

import static io.github.dockercache.compare.Scenario.step;
import static io.github.dockercache.compare.Scenario.verdicts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dockercache.model.Builder;
import io.github.dockercache.model.Snapshot;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What enters a step's key besides the Dockerfile's words and the context: {@code ADD --keep-git-dir}, the build
 * arguments BuildKit's frontend reads itself, the client's {@code SOURCE_DATE_EPOCH} (cache-model §3.6, §5, §7).
 */
class KeyedBuildOptionsTest {
    private static final String PINNED_GIT = "https://git.example/repo.git#" + "c".repeat(40);

    @TempDir
    Path dir;

    @Test
    void addingKeepGitDirToAGitAddRebuildsIt() throws Exception {
        Scenario app = new Scenario(dir).dockerfile("FROM scratch", "ADD " + PINNED_GIT + " /src");
        Snapshot before = app.snapshot();
        app.dockerfile("FROM scratch", "ADD --keep-git-dir=true " + PINNED_GIT + " /src");
        assertEquals(
                Verdict.REBUILT,
                step(Scenario.compare(app.snapshot(), before), "1").verdict());
        app.dockerfile("FROM scratch", "ADD --keep-git-dir=false " + PINNED_GIT + " /src");
        assertEquals(
                Verdict.CACHED,
                step(Scenario.compare(app.snapshot(), before), "1").verdict(),
                "--keep-git-dir=false is the default");
    }

    /**
     * As the differential scenarios build-arg-sandbox-hostname-changed and build-arg-cache-mount-ns-changed show on
     * Docker 28 and 26: a hostname is part of every RUN (not of a COPY), a namespace of a cache mount without its own
     * id (not of one with an id).
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "COPY a.txt /a.txt;RUN hostname | BUILDKIT_SANDBOX_HOSTNAME"
                        + " | BUILDKIT_SANDBOX_HOSTNAME, the hostname of every RUN, changed: 'one' -> 'two'",
                "RUN --mount=type=cache,id=named,target=/named true;RUN --mount=type=cache,target=/cache true"
                        + " | BUILDKIT_CACHE_MOUNT_NS | the cache name that BuildKit keys for a cache mount without an id of"
                        + " its own, named by BUILDKIT_CACHE_MOUNT_NS, changed: 'one//cache' -> 'two//cache'"
            })
    void aFrontendArgumentRebuildsTheRunsWhoseKeyHoldsIt(String instructions, String argument, String detail)
            throws Exception {
        Scenario app = new Scenario(dir)
                .file("a.txt", "a")
                .dockerfile(("FROM busybox:1.36;" + instructions).split(";"))
                .buildArg(argument, "one");
        Snapshot before = app.snapshot();
        Comparison comparison = Scenario.compare(app.buildArg(argument, "two").snapshot(), before);

        assertEquals(Map.of("1", Verdict.CACHED, "2", Verdict.CACHED, "3", Verdict.REBUILT), verdicts(comparison));
        Cause cause = step(comparison, "3").causes().get(0);
        assertEquals(CauseKind.BUILD_ARG, cause.kind());
        assertEquals(detail, cause.detail());
    }

    /** An empty value is none: a RUN keeps the key it had before the plugin knew the argument. */
    @ParameterizedTest
    @CsvSource({
        "RUN hostname,                                  BUILDKIT_SANDBOX_HOSTNAME",
        "'RUN --mount=type=cache,target=/cache true',  BUILDKIT_CACHE_MOUNT_NS"
    })
    void anEmptyFrontendArgumentIsNone(String run, String argument) throws Exception {
        Scenario app = new Scenario(dir).dockerfile("FROM busybox:1.36", run);
        Snapshot before = app.snapshot();
        assertEquals(
                Verdict.CACHED,
                step(Scenario.compare(app.buildArg(argument, "").snapshot(), before), "2")
                        .verdict());
    }

    @Test
    void theLegacyBuilderIgnoresTheSandboxHostname() throws Exception {
        Scenario app = new Scenario(dir)
                .builder(Builder.CLASSIC)
                .dockerfile("FROM busybox:1.36", "RUN hostname")
                .buildArg("BUILDKIT_SANDBOX_HOSTNAME", "one");
        Snapshot before = app.snapshot();
        assertEquals(
                Verdict.CACHED,
                step(
                                Scenario.compare(
                                        app.buildArg("BUILDKIT_SANDBOX_HOSTNAME", "two")
                                                .snapshot(),
                                        before),
                                "2")
                        .verdict());
    }

    /** As the differential scenario source-date-epoch-environment-changed shows on Docker 28 and 26. */
    @Test
    void theClientsSourceDateEpochIsABuildArgumentAndIsNamedAsSuch() throws Exception {
        Scenario app = new Scenario(dir)
                .file("a.txt", "a")
                .dockerfile(
                        "FROM busybox:1.36", "COPY a.txt /a.txt", "WORKDIR /app", "ARG SOURCE_DATE_EPOCH", "RUN true")
                .clientSourceDateEpoch("1000");
        Snapshot before = app.snapshot();
        Comparison comparison =
                Scenario.compare(app.clientSourceDateEpoch("2000").snapshot(), before);

        assertEquals(
                Map.of("1", Verdict.CACHED, "2", Verdict.CACHED, "3", Verdict.REBUILT, "4", Verdict.REBUILT),
                verdicts(comparison));
        assertEquals(CauseKind.BUILD_ARG, step(comparison, "3").causes().get(0).kind());
        assertEquals(
                "the SOURCE_DATE_EPOCH environment variable, which docker buildx passes as a build argument",
                comparison.current().steps().get(2).reads().origins().get("created"));
        assertEquals(Map.of("SOURCE_DATE_EPOCH", "2000"), comparison.current().buildArgs());
    }

    /** A {@code --build-arg} wins over the environment; the legacy builder's client does not read it. */
    @ParameterizedTest
    @CsvSource({"BUILDKIT, 3000", "CLASSIC, ''"})
    void theClientsSourceDateEpochChangesNothingWhereItIsNotPassedOn(Builder builder, String buildArg)
            throws Exception {
        Scenario app = new Scenario(dir)
                .builder(builder)
                .dockerfile("FROM busybox:1.36", "WORKDIR /app")
                .clientSourceDateEpoch("1000");
        if (!buildArg.isEmpty()) {
            app.buildArg("SOURCE_DATE_EPOCH", buildArg);
        }
        Snapshot before = app.snapshot();
        app.clientSourceDateEpoch("2000");
        assertEquals(
                Verdict.CACHED,
                step(Scenario.compare(app.snapshot(), before), "2").verdict());
    }

    @Test
    void anEmptySourceDateEpochVariableIsNone() throws Exception {
        Scenario app = new Scenario(dir).dockerfile("FROM busybox:1.36", "WORKDIR /app");
        Snapshot before = app.snapshot();
        assertEquals(
                Verdict.CACHED,
                step(Scenario.compare(app.clientSourceDateEpoch("").snapshot(), before), "2")
                        .verdict());
    }
}
