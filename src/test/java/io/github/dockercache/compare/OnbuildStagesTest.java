package io.github.dockercache.compare;

import static io.github.dockercache.compare.Scenario.step;
import static io.github.dockercache.compare.Scenario.verdicts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.model.AnalysisException;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.Snapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Stages that an ONBUILD trigger reads (cache-model §1.3, §6). */
class OnbuildStagesTest {
    @TempDir
    Path dir;

    private Scenario helperReadOnlyByATrigger() {
        return new Scenario(dir)
                .file("a.txt", "a")
                .dockerfile(
                        "FROM scratch AS helper",
                        "COPY a.txt /a.txt",
                        "FROM scratch AS base",
                        "ONBUILD COPY --from=helper /a.txt /b.txt",
                        "FROM base AS app");
    }

    @Test
    void aStageThatOnlyAnOnbuildTriggerCopiesFromIsBuilt() throws Exception {
        Scenario app = helperReadOnlyByATrigger();
        Snapshot before = app.snapshot();
        assertEquals(
                List.of("helper:1", "app:1"),
                before.steps().stream().map(step -> step.place().id()).toList());

        app.file("a.txt", "changed");
        assertEquals(
                Map.of("helper:1", Verdict.REBUILT, "app:1", Verdict.UNKNOWN),
                verdicts(Scenario.compare(app.snapshot(), before)));
    }

    /** As the classic variant of onbuild-copy-from-stage-only-trigger shows: the trigger runs inside the FROM step. */
    @Test
    void theLegacyBuilderGivesTheReasonOfATriggerItRunsInsideItsFromStep() throws Exception {
        Scenario app = helperReadOnlyByATrigger().builder(Builder.CLASSIC).file("b.txt", "b");
        app.dockerfile(
                "FROM scratch AS helper",
                "COPY a.txt /a.txt",
                "FROM scratch AS base",
                "ONBUILD COPY --from=helper /a.txt /b.txt",
                "FROM base AS app",
                "COPY b.txt /c.txt");
        Snapshot before = app.snapshot();
        app.file("a.txt", "changed");
        StepResult after = step(Scenario.compare(app.snapshot(), before), "app:2");

        assertEquals(Verdict.UNKNOWN, after.verdict());
        assertEquals(
                "reads /a.txt from stage 'helper': BuildKit reuses this step only if those files come out"
                        + " byte-identical, which takes a real build to know",
                after.unknownReason());
    }

    @Test
    void beforeBuildKit017SuchATriggerFailsTheBuildAtTheChildStage() {
        AnalysisException e = assertThrows(
                AnalysisException.class,
                () -> helperReadOnlyByATrigger().buildkitVersion("0.16").snapshot());
        assertEquals(
                "Dockerfile:5:1: the ONBUILD trigger of stage 'base' at line 4 reads what BuildKit 0.16 does not"
                        + " build for a trigger (0.17 and later build its stages): cannot copy from stage \"helper\", it needs"
                        + " to be defined before current stage \"app\"",
                e.getMessage());
    }

    /** As engine 26 (BuildKit 0.13) answers: neither an image nor a cache mount's scratch is a built stage there. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ONBUILD COPY --from=busybox:1.36 /bin/sh /sh | cannot copy from stage \"busybox:1.36\", it needs to be"
                        + " defined before current stage \"app\"",
                "ONBUILD RUN --mount=type=cache,target=/c true | cannot mount from stage \"scratch\" to \"/c\", stage"
                        + " needs to be defined before current command"
            })
    void beforeBuildKit017ATriggerCannotReadAnImageNorMountACache(String onbuild, String message) {
        Scenario app = new Scenario(dir)
                .dockerfile("FROM busybox:1.36 AS base", onbuild, "FROM base AS app")
                .buildkitVersion("0.13");
        AnalysisException e = assertThrows(AnalysisException.class, app::snapshot);
        assertTrue(
                e.getMessage().startsWith("Dockerfile:3:1: the ONBUILD trigger of stage 'base' at line 2")
                        && e.getMessage().endsWith(": " + message),
                e.getMessage());
    }

    @Test
    void beforeBuildKit017ATriggerMayReadAStageBuiltAnyway() throws Exception {
        Scenario app = new Scenario(dir)
                .file("a.txt", "a")
                .dockerfile(
                        "FROM scratch AS helper",
                        "COPY a.txt /a.txt",
                        "FROM scratch AS base",
                        "COPY --from=helper /a.txt /a.txt",
                        "ONBUILD RUN --mount=from=helper,target=/h true",
                        "FROM base AS app");
        assertEquals(
                List.of("helper:1", "base:1", "app:1"),
                app.buildkitVersion("0.13").snapshot().steps().stream()
                        .map(step -> step.place().id())
                        .toList());
    }

    /** Whatever the triggers read, the analysis gives steps or a located error, never an exception of its own. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "FROM scratch AS helper|FROM scratch AS base|ONBUILD COPY --from=helper /a /b|FROM base",
                "FROM scratch AS helper|FROM scratch AS base|ONBUILD RUN --mount=from=helper,target=/h true|FROM base",
                "FROM scratch AS base|ONBUILD COPY --from=busybox /bin/sh /sh|FROM base",
                "FROM scratch AS base|ONBUILD COPY --from=later /a /b|FROM base AS app|FROM scratch AS later",
                "FROM scratch AS base|ONBUILD COPY --from=0 /a /b|FROM base",
                "FROM scratch AS base|ONBUILD COPY --from=app /a /b|FROM base AS app",
                "FROM scratch AS base|ONBUILD COPY --from=$X /a /b|FROM base",
                "FROM scratch AS helper|FROM scratch AS base|ONBUILD COPY --from=helper /a /b|FROM base AS mid"
                        + "|ONBUILD COPY --from=helper /b /c|FROM mid",
                "FROM scratch AS base|ONBUILD RUN --mount=type=cache,target=/c true|FROM base",
                "FROM scratch AS base|ONBUILD FROM scratch|FROM base"
            })
    void onbuildTriggersNeverFailWithAnExceptionOfTheirOwn(String lines) throws Exception {
        Scenario app = new Scenario(dir).dockerfile(lines.split("\\|"));
        for (Builder builder : Builder.values()) {
            for (String version : List.of("0.13", "0.16", "0.17", "0.25")) {
                try {
                    app.builder(builder).buildkitVersion(version).snapshot();
                } catch (AnalysisException e) {
                    assertTrue(
                            e.getMessage().startsWith("Dockerfile:"),
                            () -> builder + " " + version + ": " + e.getMessage());
                }
            }
        }
    }
}
