package io.github.dockercache.compare;

import static io.github.dockercache.compare.Scenario.step;
import static io.github.dockercache.compare.Scenario.verdicts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.model.AnalysisException;
import io.github.dockercache.model.EarlierKeys;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepKeys;
import io.github.dockercache.model.StepReadSet;
import io.github.dockercache.model.StepSnapshot;
import io.github.dockercache.store.SnapshotStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A cache mount keyed as BuildKit keys it (cache-model §5), as the differential scenarios run-mount-cache-id-added,
 * run-mount-cache-id-kept, run-mount-cache-options-changed and run-mount-cache-from-stage show on Docker 28 and 26,
 * and a baseline recorded by an earlier version, which keyed cache mounts otherwise.
 */
class CacheMountKeysTest {
    /** The Dockerfile of {@code baseline-before-cache-names.json}, recorded by the version before cache names. */
    private static final String[] MAVEN_BUILD = {
        "FROM busybox:1.36",
        "WORKDIR /app",
        "COPY pom.xml .",
        "RUN --mount=type=cache,target=/root/.m2 mvn -B dependency:go-offline",
        "COPY src ./src",
        "RUN --mount=type=cache,id=m2,target=/root/.m2,sharing=locked mvn -B -o package"
    };

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "type=cache,target=/c               | type=cache,id=named,target=/c                | REBUILT",
                "type=cache,id=named,target=/c      | type=cache,target=/c                         | REBUILT",
                "type=cache,target=/c               | type=cache,id=/c,target=/c                   | CACHED",
                "type=cache,target=/c               | type=cache,id=c,target=/c                    | REBUILT",
                "type=cache,id=/c,target=/c         | type=cache,id=other,target=/c                | REBUILT",
                "type=cache,target=/c               | type=cache,target=/c,sharing=shared          | CACHED",
                "type=cache,target=/c               | type=cache,target=/c,sharing=locked          | REBUILT",
                "type=cache,id=one,target=/c        | type=cache,id=one,target=/c,sharing=private  | CACHED",
                "type=cache,id=one,target=/c,sharing=locked | type=cache,target=/c,sharing=locked  | CACHED",
                "type=cache,target=/c/              | type=cache,id=named,target=/c/               | CACHED",
                "type=cache,target=/c               | type=cache,target=/c,uid=0                   | REBUILT",
                "type=cache,target=/c,mode=0755     | type=cache,target=/c,mode=755                | CACHED",
                "type=cache,target=/c,uid=0         | type=cache,target=/c,gid=0                   | CACHED",
                "type=cache,target=/c,uid=1000      | type=cache,target=/c,uid=1001                | REBUILT",
                "type=cache,target=/c               | type=cache,target=/c,rw=false                | REBUILT",
                "type=cache,target=/c               | type=cache,target=/c,rw                      | CACHED",
                "type=cache,target=/c,source=/one   | type=cache,target=/c,source=/two,uid=1000    | CACHED",
                "type=bind,source=a.txt,target=/a   | type=bind,source=a.txt,target=/a,ro=false    | REBUILT"
            })
    void aMountChangeRebuildsTheRunAsTheEnginesDo(String before, String after, Verdict verdict) throws Exception {
        Scenario app =
                new Scenario(dir).file("a.txt", "a").dockerfile("FROM busybox:1.36", "RUN --mount=" + before + " true");
        Snapshot baseline = app.snapshot();
        app.dockerfile("FROM busybox:1.36", "RUN --mount=" + after + " true");
        assertEquals(
                verdict, step(Scenario.compare(app.snapshot(), baseline), "2").verdict());
    }

    /** The explanation names what of the cache mount changed, not only the keyed name that it moves. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "type=cache,target=/c               | type=cache,id=named,target=/c       | the cache name BuildKit keys for"
                        + " --mount changed (its id (none) -> named): //c -> (not keyed); BuildKit keys a cache mount's name"
                        + " only while its sharing is shared and its id is its target",
                "type=cache,target=/c               | type=cache,target=/c,sharing=locked | the cache name BuildKit keys for"
                        + " --mount changed (its sharing shared -> locked): //c -> (not keyed); BuildKit keys a cache mount's"
                        + " name only while its sharing is shared and its id is its target",
                "type=cache,target=/c,uid=1000      | type=cache,target=/c,uid=1001       | --mount changed: uid 1000 -> 1001",
                "type=cache,target=/c               | type=cache,target=/c,ro             | --mount changed: readonly false ->"
                        + " true"
            })
    void theCauseSaysWhatOfTheCacheMountChanged(String before, String after, String detail) throws Exception {
        Scenario app = new Scenario(dir).dockerfile("FROM busybox:1.36", "RUN --mount=" + before + " true");
        Snapshot baseline = app.snapshot();
        app.dockerfile("FROM busybox:1.36", "RUN --mount=" + after + " true");
        StepResult run = step(Scenario.compare(app.snapshot(), baseline), "2");
        assertEquals(
                List.of(CauseKind.INSTRUCTION),
                run.causes().stream().map(Cause::kind).toList());
        assertEquals(detail, run.causes().get(0).detail());
    }

    /**
     * Only the cache mounts of a step an older version recorded are not comparable: a bind mount beside one still
     * tells a rebuild when what it reads changed.
     */
    @Test
    void aBindMountBesideAnOlderCacheMountStillRebuilds() throws Exception {
        Scenario app = new Scenario(dir)
                .file("a.txt", "one")
                .dockerfile(
                        "FROM busybox:1.36",
                        "RUN --mount=type=cache,target=/c --mount=type=bind,source=a.txt,target=/a true");
        Snapshot older = olderVersion(app.snapshot());
        assertEquals(
                Verdict.UNKNOWN,
                step(Scenario.compare(app.snapshot(), older), "2").verdict());

        StepResult run = step(Scenario.compare(app.file("a.txt", "two").snapshot(), older), "2");
        assertEquals(Verdict.REBUILT, run.verdict());
        assertEquals(
                List.of(CauseKind.FILE_CONTENT, CauseKind.BASELINE_FORMAT),
                run.causes().stream().map(Cause::kind).toList());
    }

    /** The seed of a cache mount {@code from} a stage is keyed by its content: run-mount-cache-from-stage. */
    @Test
    void aCacheMountSeededFromAChangedStageIsNotCached() throws Exception {
        Scenario app = new Scenario(dir)
                .file("seed/a.txt", "one")
                .dockerfile(
                        "FROM busybox:1.36 AS seed",
                        "COPY seed/ /seed/",
                        "FROM busybox:1.36",
                        "RUN --mount=type=cache,target=/c,from=seed,source=/seed true");
        Snapshot baseline = app.snapshot();
        Comparison comparison = Scenario.compare(app.file("seed/a.txt", "two").snapshot(), baseline);
        assertEquals(Verdict.UNKNOWN, step(comparison, "stage-1:2").verdict());
        assertEquals(
                Verdict.CACHED,
                step(Scenario.compare(baseline, baseline), "stage-1:2").verdict());
    }

    /** As the frontend words it (frontend/dockerfile/instructions/commands_runmount.go {@code parseMount}). */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "uid=-1         | invalid value -1 for uid",
                "mode=0800      | invalid value 0800 for mode",
                "gid=4294967296 | invalid value 4294967296 for gid",
                "ro=yes         | invalid value for ro: yes",
                "sharing=global | unsupported sharing value \"global\""
            })
    void aValueBuildKitRefusesIsRefused(String option, String message) {
        Scenario app = new Scenario(dir)
                .dockerfile("FROM busybox:1.36", "RUN --mount=type=cache,target=/c," + option + " true");
        AnalysisException e = assertThrows(AnalysisException.class, app::snapshot);
        assertEquals("Dockerfile:2:1: " + message, e.getMessage());
    }

    /**
     * A baseline recorded before cache names were keyed: the steps before the first cache mount keep their keys, the
     * RUN with the mount and what builds on it are unknown for that reason, never cached nor plainly rebuilt.
     */
    @Test
    void aBaselineFromAnEarlierVersionLeavesItsCacheMountsUnknown() throws Exception {
        Snapshot earlier = earlierBaseline();
        Comparison comparison = Scenario.compare(mavenBuild().snapshot(), earlier);

        Map<String, Verdict> expected = new LinkedHashMap<>();
        List.of("1", "2", "3").forEach(id -> expected.put(id, Verdict.CACHED));
        List.of("4", "5", "6").forEach(id -> expected.put(id, Verdict.UNKNOWN));
        assertEquals(expected, verdicts(comparison));
        StepResult run = step(comparison, "4");
        assertEquals(EarlierKeys.CACHE_MOUNTS, run.unknownReason());
        assertEquals(
                List.of(CauseKind.BASELINE_FORMAT),
                run.causes().stream().map(Cause::kind).toList());
        assertEquals(EarlierKeys.CACHE_MOUNTS, step(comparison, "6").unknownReason());
    }

    @Test
    void aRealChangeStillRebuildsAgainstAnEarlierBaseline() throws Exception {
        Snapshot earlier = earlierBaseline();
        Scenario edited = mavenBuild();
        String[] lines = MAVEN_BUILD.clone();
        lines[3] = lines[3].replace("go-offline", "resolve");
        edited.dockerfile(lines);
        StepResult run = step(Scenario.compare(edited.snapshot(), earlier), "4");
        assertEquals(Verdict.REBUILT, run.verdict());
        assertTrue(
                run.causes().stream().anyMatch(c -> c.kind() == CauseKind.INSTRUCTION),
                run.causes().toString());

        StepResult afterPom = step(
                Scenario.compare(
                        mavenBuild().file("pom.xml", "<project></project>\n").snapshot(), earlier),
                "4");
        assertEquals(Verdict.REBUILT, afterPom.verdict(), "the COPY before it is rebuilt");
    }

    /** Recorded again, the baseline compares as any other. */
    @Test
    void aBaselineRecordedAgainComparesKeys() throws Exception {
        Snapshot again = mavenBuild().snapshot();
        assertEquals(
                Map.of(
                        "1",
                        Verdict.CACHED,
                        "2",
                        Verdict.CACHED,
                        "3",
                        Verdict.CACHED,
                        "4",
                        Verdict.CACHED,
                        "5",
                        Verdict.CACHED,
                        "6",
                        Verdict.CACHED),
                verdicts(Scenario.compare(mavenBuild().snapshot(), again)));
    }

    private Scenario mavenBuild() {
        return new Scenario(dir)
                .file("pom.xml", "<project/>\n")
                .file("src/App.java", "class App {}\n")
                .dockerfile(MAVEN_BUILD);
    }

    /**
     * The snapshot as the version before cache names recorded it: no cache name inputs, and so other keys for the
     * steps that had them (only a single RUN's, which nothing builds on).
     */
    private static Snapshot olderVersion(Snapshot snapshot) {
        List<StepSnapshot> steps = snapshot.steps().stream()
                .map(step -> {
                    if (step.reads().inputs().keySet().stream().noneMatch(name -> name.endsWith(".cache-name"))) {
                        return step;
                    }
                    SortedMap<String, String> inputs =
                            new TreeMap<>(step.reads().inputs());
                    inputs.keySet().removeIf(name -> name.endsWith(".cache-name") || name.endsWith(".cache"));
                    String key = "sha256:" + "0".repeat(64);
                    return new StepSnapshot(
                            step.place(),
                            new StepKeys(
                                    key,
                                    key,
                                    step.keys().parentId(),
                                    step.keys().parentKey(),
                                    step.keys().unknownReason()),
                            new StepReadSet(
                                    inputs,
                                    step.reads().origins(),
                                    step.reads().files(),
                                    step.reads().sources(),
                                    step.reads().fromStage()),
                            step.marker());
                })
                .toList();
        return snapshot.withSteps(steps);
    }

    private static Snapshot earlierBaseline() throws Exception {
        return SnapshotStore.read(Path.of(CacheMountKeysTest.class
                .getResource("/compare/baseline-before-cache-names.json")
                .toURI()));
    }
}
