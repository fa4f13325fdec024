package io.github.dockercache.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.StepResult;
import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.context.ScanProgress;
import io.github.dockercache.cost.StepCosts;
import io.github.dockercache.dockerfile.BuildKitVersion;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.ImageDigests;
import io.github.dockercache.model.SecretKey;
import io.github.dockercache.model.Secrets;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepKeys;
import io.github.dockercache.model.StepSnapshot;
import io.github.dockercache.verify.Verification.Agreement;
import io.github.dockercache.verify.Verification.Cache;
import io.github.dockercache.verify.Verification.EngineStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verify core on the two-stage build whose logs {@code src/test/resources/cost/} holds, as recorded from the engine:
 * the build stage cached up to {@code build:4}, {@code RUN_ID} changed from the baseline's, so {@code build:5} and the
 * other stage's steps ran.
 */
class VerificationTest {
    /** A value the baseline's build got for RUN_ID; the logged build got another. */
    private static final String BASELINE_RUN_ID = "baseline-run-7f3a9";

    private static final String LOGGED_RUN_ID = "logged-run-c81e2";
    private static final String INPUT = "the input file's own words\n";

    @TempDir
    Path dir;

    private Path context;

    @BeforeEach
    void twoStageContext() throws IOException {
        context = Files.createDirectories(dir.resolve("context"));
        Files.copy(Path.of("src/test/resources/cost/two-stage.Dockerfile"), context.resolve("Dockerfile"));
        Files.writeString(context.resolve("input.txt"), INPUT);
        for (String file : List.of("Dockerfile", "input.txt")) {
            Files.setPosixFilePermissions(context.resolve(file), PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private BuildSettings build(String runId) {
        // RUN_ID counts as a secret here, so that the bundle can be checked for its values
        return new BuildSettings(
                context,
                context.resolve("Dockerfile"),
                Map.of("RUN_ID", runId),
                null,
                ClientPlatform.LINUX,
                null,
                Builder.BUILDKIT,
                BuildKitVersion.NEWEST,
                Secrets.of(List.of("RUN_ID"), SecretKey.of("verification-test-key-0123456789")),
                null);
    }

    private Snapshot snapshot(String runId) throws Exception {
        return CacheModel.analyse(build(runId), null, ScanProgress.NONE, ImageDigests.NONE)
                .snapshot();
    }

    private static Verification verify(Snapshot current, Snapshot baseline, Path log) throws Exception {
        List<StepResult> predicted = Comparison.compare(current, baseline).steps();
        return Verification.of(predicted, current, StepCosts.read(log));
    }

    private Path log(String text) throws IOException {
        return Files.writeString(dir.resolve("build.log"), text, StandardCharsets.UTF_8);
    }

    private static Path fixture(String name) {
        return Path.of("src/test/resources/cost", name);
    }

    private static Map<String, Agreement> agreements(Verification verification) {
        Map<String, Agreement> agreements = new LinkedHashMap<>();
        verification.rows().forEach(row -> agreements.put(row.prediction().stepId(), row.agreement()));
        return agreements;
    }

    @Test
    void theEnginesPlainAndRawJsonLogsAgreeWithThePrediction() throws Exception {
        Snapshot baseline = snapshot(BASELINE_RUN_ID);
        Snapshot current = snapshot(LOGGED_RUN_ID);
        for (String log : List.of("two-stage.plain.log", "two-stage.rawjson.log")) {
            Verification verification = verify(current, baseline, fixture(log));

            assertEquals(Cache.BASELINE, verification.cache(), log);
            assertEquals(List.of(), verification.disagreements(), log);
            Map<String, Agreement> expected = new LinkedHashMap<>();
            expected.put("build:2", Agreement.AGREES);
            expected.put("build:3", Agreement.AGREES);
            expected.put("build:4", Agreement.AGREES);
            expected.put("build:5", Agreement.AGREES);
            expected.put("stage-1:2", Agreement.AGREES);
            expected.put("stage-1:3", Agreement.AGREES);
            expected.put("stage-1:4", Agreement.AGREES);
            assertEquals(expected, agreements(verification), log);
            assertEquals(
                    "Verified 7 steps against the engine: 7 agree, 0 disagree.",
                    VerificationReport.summary(verification));
        }
    }

    @Test
    void aTamperedKeyDisagreesAndTheBundleHoldsWhatABugReportNeedsAndNoSecret() throws Exception {
        Snapshot current = snapshot(LOGGED_RUN_ID);
        Snapshot baseline = withKey(snapshot(BASELINE_RUN_ID), "build:3", "sha256:" + "0".repeat(64));

        Verification verification = verify(current, baseline, fixture("two-stage.plain.log"));

        // the baseline's later keys stay as they were: only build:3 is predicted to miss
        assertEquals(
                List.of("build:3"),
                verification.disagreements().stream()
                        .map(row -> row.prediction().stepId())
                        .toList());
        Verification.Row first = verification.disagreements().get(0);
        assertEquals(EngineStatus.CACHED, first.engine());
        String console = String.join(
                "\n",
                VerificationReport.lines(verification, "build.log", "Dockerfile").stream()
                        .map(line -> line.text())
                        .toList());
        assertTrue(
                console.contains("Step build:3 (Dockerfile:3) COPY input.txt .: the plugin predicts rebuilt, the"
                        + " engine cached it."),
                console);
        assertTrue(
                console.contains("  key " + first.prediction().key() + ", the baseline's sha256:" + "0".repeat(64)),
                console);
        assertTrue(console.contains("  input src[0].checksum = sha256:"), console);
        assertTrue(console.endsWith("Verified 7 steps against the engine: 6 agree, 1 disagree."), console);

        String json = VerificationReport.json(verification, "0.25", "buildkit");
        Path bundle = Bundle.write(dir.resolve("out"), build(LOGGED_RUN_ID), current, baseline, json);

        Map<String, String> entries = unzip(bundle);
        assertEquals(
                List.of(
                        "README.txt",
                        "Dockerfile",
                        "context.json",
                        "snapshot.json",
                        "baseline.json",
                        "verify.json",
                        "settings.json"),
                List.copyOf(entries.keySet()));
        assertEquals(Files.readString(context.resolve("Dockerfile")), entries.get("Dockerfile"));
        assertTrue(
                entries.get("context.json")
                        .contains("\"input.txt\": {\n    \"type\": \"file\",\n    \"mode\": \"0644\""),
                entries.get("context.json"));
        assertTrue(entries.get("verify.json").contains("\"agreement\": \"disagrees\""));
        assertTrue(entries.get("settings.json").contains("\"buildkitVersion\": \"0.25\""));
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            assertFalse(entry.getValue().contains(INPUT.strip()), entry.getKey() + " holds the content of input.txt");
            assertFalse(entry.getValue().contains(LOGGED_RUN_ID), entry.getKey() + " holds the secret build arg");
            assertFalse(entry.getValue().contains(BASELINE_RUN_ID), entry.getKey() + " holds the secret build arg");
        }
        // the same inputs give the same bytes: a user can tell two bundles apart by their digest
        byte[] written = Files.readAllBytes(bundle);
        Bundle.write(dir.resolve("out"), build(LOGGED_RUN_ID), current, baseline, json);
        assertEquals(java.util.Arrays.toString(written), java.util.Arrays.toString(Files.readAllBytes(bundle)));
    }

    @Test
    void aBuildThatRanEveryStepDidNotHaveTheBaselineInItsCache() throws Exception {
        Snapshot current = snapshot(LOGGED_RUN_ID);
        Verification verification = verify(current, snapshot(BASELINE_RUN_ID), log(plainLog(Map.of())));

        assertEquals(Cache.COLD, verification.cache());
        assertEquals(List.of(), verification.disagreements());
        assertEquals(
                List.of(Agreement.NOT_VERIFIED),
                verification.rows().stream()
                        .map(Verification.Row::agreement)
                        .distinct()
                        .toList());
        assertEquals(
                List.of("build.log was not built from the baseline's cache: the engine ran every step, also the"
                        + " 3 steps the plugin finds unchanged since the baseline, so nothing is verified. Verify the log of a"
                        + " build whose cache holds the baseline's build (docker buildx build --cache-from <the baseline's image"
                        + " or cache>)."),
                VerificationReport.lines(verification, "build.log", "Dockerfile").stream()
                        .map(line -> line.text())
                        .toList());
    }

    @Test
    void aBuildThatTookEveryStepFromItsCacheHadThisVeryBuildThere() throws Exception {
        Map<String, Boolean> cached = new LinkedHashMap<>();
        for (String step : List.of(
                "build 2/5", "build 3/5", "build 4/5", "build 5/5", "stage-1 2/4", "stage-1 3/4", "stage-1 4/4")) {
            cached.put(step, true);
        }
        Verification verification = verify(snapshot(LOGGED_RUN_ID), snapshot(BASELINE_RUN_ID), log(plainLog(cached)));

        assertEquals(Cache.WARM, verification.cache());
        assertEquals(List.of(), verification.disagreements());
        assertTrue(VerificationReport.lines(verification, "build.log", "Dockerfile")
                .get(0)
                .text()
                .startsWith(
                        "build.log was built with this very build in the cache: the engine took every step from it, also the 4"
                                + " steps the plugin finds changed since the baseline"));
    }

    @Test
    void aStageTheCacheDidNotHoldIsNotVerifiedAndNeitherIsWhatReadsIt() throws Exception {
        // the same build args as the baseline: every step unchanged; the engine had only the last stage's first step
        Snapshot current = snapshot(BASELINE_RUN_ID);
        Verification verification =
                verify(current, snapshot(BASELINE_RUN_ID), log(plainLog(Map.of("stage-1 2/4", true))));

        assertEquals(Cache.BASELINE, verification.cache());
        assertEquals(List.of("build"), verification.coldStages());
        Map<String, Agreement> expected = new LinkedHashMap<>();
        List.of("build:2", "build:3", "build:4", "build:5").forEach(step -> expected.put(step, Agreement.NOT_VERIFIED));
        expected.put("stage-1:2", Agreement.AGREES);
        expected.put("stage-1:3", Agreement.NOT_VERIFIED);
        expected.put("stage-1:4", Agreement.NOT_VERIFIED);
        assertEquals(expected, agreements(verification));
        assertTrue(VerificationReport.lines(verification, "build.log", "Dockerfile").stream()
                .anyMatch(line -> line.text()
                        .equals("Stage 'build' is not verified: the engine ran its first step build:2 (WORKDIR /src),"
                                + " which nothing since the baseline changes, and every later one; its cache did not hold the"
                                + " baseline's build of that stage (a cache exported with mode=min keeps the last stage only),"
                                + " or its base image moved.")));
    }

    @Test
    void aStepTheLogLeavesOutIsNotCompared() throws Exception {
        Map<String, Boolean> cached = new LinkedHashMap<>();
        cached.put("build 2/5", true);
        cached.put("build 3/5", true);
        cached.put("build 4/5", true);
        String log = plainLog(cached).replaceAll("(?m)^#\\d+ \\[stage-1 4/4\\].*\\n#\\d+ DONE.*\\n", "");
        Verification verification = verify(snapshot(LOGGED_RUN_ID), snapshot(BASELINE_RUN_ID), log(log));

        assertEquals(Agreement.NOT_LOGGED, agreements(verification).get("stage-1:4"));
        assertEquals(List.of(), verification.disagreements());
    }

    @Test
    void aLogOfAnotherDockerfileIsRefused() throws Exception {
        String other = plainLog(Map.of()).replace("[build 3/5] COPY input.txt .", "[build 3/5] RUN make");
        LogMismatchException e = assertThrows(
                LogMismatchException.class,
                () -> verify(snapshot(LOGGED_RUN_ID), snapshot(BASELINE_RUN_ID), log(other)));

        assertEquals(
                "the log's step build:3 is 'RUN make', the Dockerfile's is 'COPY input.txt .' (line 3)",
                e.getMessage());
    }

    @Test
    void aStepThatAnOnbuildTriggerAddsIsLoggedWithItsOnbuildKeyword() throws Exception {
        Map<String, Boolean> cached = new LinkedHashMap<>();
        cached.put("build 2/5", true);
        cached.put("build 3/5", true);
        cached.put("build 4/5", true);
        String trigger =
                plainLog(cached).replace("[build 3/5] COPY input.txt .", "[build 3/5] ONBUILD COPY input.txt .");
        Verification verification = verify(snapshot(LOGGED_RUN_ID), snapshot(BASELINE_RUN_ID), log(trigger));

        assertEquals(Agreement.AGREES, agreements(verification).get("build:3"));
        assertEquals(List.of(), verification.disagreements());
    }

    @Test
    void aLogWithAStepTheDockerfileLacksIsRefused() throws Exception {
        String other = plainLog(Map.of()) + "#40 [build 6/6] RUN extra\n#40 DONE 0.1s\n";
        LogMismatchException e = assertThrows(
                LogMismatchException.class,
                () -> verify(snapshot(LOGGED_RUN_ID), snapshot(BASELINE_RUN_ID), log(other)));

        assertEquals(
                "the log has a step build:6 (RUN extra) that the Dockerfile, as the plugin reads it for this"
                        + " target, does not",
                e.getMessage());
    }

    @Test
    void aLogWithoutDockerfileStepsIsRefused() throws Exception {
        String internal = "#1 [internal] load build definition from Dockerfile\n#1 DONE 0.0s\n";
        LogMismatchException e = assertThrows(
                LogMismatchException.class,
                () -> verify(snapshot(LOGGED_RUN_ID), snapshot(BASELINE_RUN_ID), log(internal)));

        assertEquals(
                "the log shows none of the Dockerfile's steps (it holds no Dockerfile step at all)", e.getMessage());
    }

    /** A plain log of the two-stage build: each step DONE unless {@code cached} says otherwise. */
    private static String plainLog(Map<String, Boolean> cached) {
        Map<String, String> steps = new LinkedHashMap<>();
        steps.put("build 1/5", "FROM docker.io/library/dockercache-busybox:latest");
        steps.put("build 2/5", "WORKDIR /src");
        steps.put("build 3/5", "COPY input.txt .");
        steps.put("build 4/5", "RUN sleep 1 && wc -c input.txt > size.txt");
        steps.put("build 5/5", "RUN echo \"run $RUN_ID\" && sleep 2 && cat size.txt > report.txt");
        steps.put("stage-1 2/4", "RUN echo \"side $RUN_ID\" && sleep 1 && echo \"side done\"");
        steps.put("stage-1 3/4", "COPY --from=build /src/report.txt /report.txt");
        steps.put("stage-1 4/4", "RUN cat /report.txt");
        StringBuilder log = new StringBuilder("#0 building with \"default\" instance using docker driver\n\n");
        int vertex = 1;
        for (Map.Entry<String, String> step : steps.entrySet()) {
            log.append('#')
                    .append(vertex)
                    .append(" [")
                    .append(step.getKey())
                    .append("] ")
                    .append(step.getValue())
                    .append('\n');
            log.append('#')
                    .append(vertex)
                    .append(cached.getOrDefault(step.getKey(), false) ? " CACHED\n" : " DONE 0.1s\n");
            vertex++;
        }
        return log.toString();
    }

    /** The snapshot with one step's key replaced, as a model that keys the step otherwise would have it. */
    private static Snapshot withKey(Snapshot snapshot, String stepId, String key) {
        List<StepSnapshot> steps = new ArrayList<>();
        for (StepSnapshot s : snapshot.steps()) {
            steps.add(
                    !s.place().id().equals(stepId)
                            ? s
                            : new StepSnapshot(
                                    s.place(),
                                    new StepKeys(
                                            key,
                                            key,
                                            s.keys().parentId(),
                                            s.keys().parentKey(),
                                            s.keys().unknownReason()),
                                    s.reads(),
                                    s.marker()));
        }
        return snapshot.withSteps(steps);
    }

    private static Map<String, String> unzip(Path zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
