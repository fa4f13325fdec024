package io.github.dockercache.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.model.AnalysisException;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.SecretExposure;
import io.github.dockercache.model.SecretKey;
import io.github.dockercache.model.Secrets;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepKeys;
import io.github.dockercache.model.StepReadSet;
import io.github.dockercache.model.StepSnapshot;
import io.github.dockercache.store.SnapshotStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values derived from a secret build arg: masked wherever they go, compared only through the key (docs/secrets.md). */
class SecretTaintTest {
    private static final SecretKey KEY = SecretKey.of("test-key-0123456789abcdef");
    private static final SecretKey OTHER_KEY = SecretKey.of("other-key-0123456789abcdef");

    @TempDir
    Path dir;

    /** Routes secrets through ENV, WORKDIR, USER, ARG defaults, COPY and a heredoc; the last stage is the image. */
    private Scenario app() {
        return new Scenario(dir)
                .dockerfile(
                        "FROM busybox:1.36",
                        "ARG DB_PASS",
                        "ARG GITHUB_PAT",
                        "ARG SIGNING_PHRASE",
                        "ARG REPO=https://x:${GITHUB_PAT}@git.example/app",
                        "ENV CONN=postgres://app:${DB_PASS}@db",
                        "WORKDIR /srv/${SIGNING_PHRASE}",
                        "USER app-${DB_PASS#hun}",
                        "COPY a.txt sub/",
                        "COPY <<EOF /conf",
                        "token=${GITHUB_PAT}",
                        "EOF",
                        "RUN echo built",
                        "COPY b.txt /b.txt")
                .file("a.txt", "a")
                .file("b.txt", "b")
                .buildArg("DB_PASS", "hunter2")
                .buildArg("GITHUB_PAT", "1234")
                .buildArg("SIGNING_PHRASE", "open-sesame")
                .buildArg("VERSION", "1.0");
    }

    private static Secrets keyed(SecretKey key) {
        return Secrets.of(List.of("SIGNING_PHRASE"), key);
    }

    private static StepSnapshot step(Snapshot snapshot, String id) {
        return snapshot.steps().stream()
                .filter(s -> s.place().id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, Verdict> verdicts(Comparison comparison) {
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        comparison.steps().forEach(s -> verdicts.put(s.stepId(), s.verdict()));
        return verdicts;
    }

    private static void assertNoClearValue(Snapshot snapshot) {
        String json = SnapshotStore.toJson(snapshot);
        for (String value : List.of("hunter2", "1234", "open-sesame", "ter2", "postgres://app:")) {
            assertFalse(json.contains(value), value + " in " + json);
        }
    }

    @Test
    void everyDerivedValueIsMaskedAndTheOrdinaryOnesAreNot() throws Exception {
        Snapshot snapshot = app().secrets(keyed(KEY)).snapshot();
        assertNoClearValue(snapshot);
        StepSnapshot workdir = step(snapshot, "2");
        assertTrue(
                workdir.reads().inputs().get("path").startsWith(Secrets.MAC_PREFIX),
                workdir.reads().inputs().toString());
        assertEquals("", workdir.reads().inputs().get("owner"), "USER comes after this WORKDIR");
        StepSnapshot copyRelative = step(snapshot, "3");
        assertTrue(
                copyRelative.reads().inputs().get("dest").startsWith(Secrets.MAC_PREFIX),
                copyRelative.reads().inputs().toString());
        assertEquals("a.txt", copyRelative.reads().inputs().get("src[0]"), "the source is no secret");
        assertTrue(copyRelative.reads().inputs().get("src[0].checksum").startsWith("sha256:"));
        StepSnapshot heredoc = step(snapshot, "4");
        assertTrue(
                heredoc.reads().inputs().get("src[0].content").startsWith(Secrets.MAC_PREFIX),
                heredoc.reads().inputs().toString());
        StepSnapshot run = step(snapshot, "5");
        for (String input : List.of(
                "env:DB_PASS", "env:GITHUB_PAT", "env:SIGNING_PHRASE", "env:REPO", "env:CONN", "workdir", "user")) {
            assertTrue(
                    run.reads().inputs().get(input).startsWith(Secrets.MAC_PREFIX),
                    input + ": " + run.reads().inputs());
        }
        assertEquals("RUN echo built", run.place().text());
        assertTrue(snapshot.buildArgs().get("DB_PASS").startsWith(Secrets.MAC_PREFIX));
        assertEquals("1.0", snapshot.buildArgs().get("VERSION"));
        assertEquals(
                "/b.txt", step(snapshot, "6").reads().inputs().get("dest"), "an absolute destination is no secret");
    }

    /** A stage that copies from a stage tainted by a secret: its own parent is cached, the stage it reads is not. */
    @Test
    void aCopyFromATaintedStageNamesThatStage() throws Exception {
        Scenario scenario = new Scenario(dir)
                .dockerfile(
                        "FROM busybox:1.36 AS build",
                        "ARG DB_PASS",
                        "RUN echo built > /out",
                        "FROM busybox:1.36 AS run",
                        "COPY --from=build /out /out")
                .buildArg("DB_PASS", "hunter2")
                .secrets(keyed(null));
        Snapshot baseline = scenario.snapshot();
        StepResult copy = Comparison.compare(scenario.snapshot(), baseline).steps().stream()
                .filter(s -> s.stepId().equals("run:2"))
                .findFirst()
                .orElseThrow();
        assertEquals(Verdict.UNKNOWN, copy.verdict());
        assertEquals(
                List.of("the step's inputs are unchanged, but it reads stage 'build', which may differ from the"
                        + " baseline"),
                copy.causes().stream().map(Cause::detail).toList());
    }

    @Test
    void withoutAKeyEveryStepThatDependsOnASecretIsUnknownNeverCached() throws Exception {
        Snapshot baseline = app().secrets(keyed(null)).snapshot();
        assertNoClearValue(baseline);
        assertEquals(Secrets.WITHHELD, step(baseline, "5").reads().inputs().get("env:DB_PASS"));
        assertNull(step(baseline, "5").keys().key());
        Comparison comparison = Comparison.compare(app().secrets(keyed(null)).snapshot(), baseline);
        assertEquals(
                Map.of(
                        "1",
                        Verdict.CACHED,
                        "2",
                        Verdict.UNKNOWN,
                        "3",
                        Verdict.UNKNOWN,
                        "4",
                        Verdict.UNKNOWN,
                        "5",
                        Verdict.UNKNOWN,
                        "6",
                        Verdict.UNKNOWN),
                verdicts(comparison));
        String reason = comparison.steps().get(1).unknownReason();
        assertTrue(
                reason.startsWith("no secret key is configured, so values derived from a secret are not compared."
                        + " Pass the secret with RUN --mount=type=secret"),
                reason);
    }

    @Test
    void withAKeyAnUnchangedSecretIsCachedAndAChangedOneIsNamedByArgOnly() throws Exception {
        Snapshot baseline = app().secrets(keyed(KEY)).snapshot();
        assertEquals(
                Verdict.CACHED,
                Comparison.compare(app().secrets(keyed(KEY)).snapshot(), baseline).steps().stream()
                        .map(StepResult::verdict)
                        .reduce((a, b) -> a == b ? a : null)
                        .orElseThrow());
        Comparison changed = Comparison.compare(
                app().secrets(keyed(KEY)).buildArg("DB_PASS", "hunter3").snapshot(), baseline);
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
                        Verdict.REBUILT,
                        "6",
                        Verdict.REBUILT),
                verdicts(changed),
                "only the RUN sees DB_PASS");
        List<Cause> causes = changed.steps().get(4).causes();
        assertEquals(
                List.of("ENV CONN", "BUILD_ARG DB_PASS", "USER user"),
                causes.stream().map(c -> c.kind() + " " + c.subject()).toList());
        assertTrue(causes.stream().allMatch(c -> c.before() == null && c.after() == null), causes.toString());
        assertEquals(
                "the USER changed; it depends on a secret, so its value is not shown",
                causes.get(2).detail());

        Comparison signing = Comparison.compare(
                app().secrets(keyed(KEY))
                        .buildArg("SIGNING_PHRASE", "closed")
                        .dockerfile("FROM busybox:1.36", "ARG SIGNING_PHRASE", "RUN true")
                        .snapshot(),
                app().secrets(keyed(KEY))
                        .dockerfile("FROM busybox:1.36", "ARG SIGNING_PHRASE", "RUN true")
                        .snapshot());
        Cause arg = signing.steps().get(1).causes().get(0);
        assertEquals(CauseKind.BUILD_ARG, arg.kind());
        assertEquals("SIGNING_PHRASE", arg.subject());
        assertEquals(
                "build arg SIGNING_PHRASE changed; it depends on a secret, so its value is not shown"
                        + " (--build-arg SIGNING_PHRASE, declared by ARG at line 2)",
                arg.detail());
        assertNull(arg.before());
    }

    @Test
    void secretsThatCannotBeComparedMakeTheStepUnknownWithTheReason() throws Exception {
        Snapshot keyed = app().secrets(keyed(KEY)).snapshot();
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put(
                "the baseline was recorded with another secret key",
                reason(Comparison.compare(app().secrets(keyed(OTHER_KEY)).snapshot(), keyed)));
        reasons.put(
                "no secret key is configured",
                reason(Comparison.compare(app().secrets(keyed(null)).snapshot(), keyed)));
        reasons.put(
                "the baseline was recorded without a secret key",
                reason(Comparison.compare(keyed, app().secrets(keyed(null)).snapshot())));
        reasons.forEach((expected, detail) -> assertTrue(detail.endsWith("cannot be compared: " + expected), detail));
        Comparison other = Comparison.compare(app().secrets(keyed(OTHER_KEY)).snapshot(), keyed);
        assertTrue(
                other.steps().stream().skip(1).allMatch(s -> s.verdict() == Verdict.UNKNOWN),
                verdicts(other).toString());
    }

    private static String reason(Comparison comparison) {
        StepResult step = comparison.steps().get(1);
        assertEquals(Verdict.UNKNOWN, step.verdict());
        assertEquals("only values derived from a secret differ, and they may be unchanged", step.unknownReason());
        return step.causes().get(0).detail();
    }

    @Test
    void aBaselineWithTheOldUnsaltedDigestsIsNotComparedAndNotTakenForAChange() throws Exception {
        Scenario app = new Scenario(dir)
                .dockerfile("FROM busybox:1.36", "ARG NPM_TOKEN", "RUN npm ci")
                .buildArg("NPM_TOKEN", "hunter2")
                .secrets(keyed(KEY));
        Snapshot current = app.snapshot();
        StepSnapshot run = step(current, "2");
        Map<String, String> inputs = new java.util.TreeMap<>(run.reads().inputs());
        inputs.put("env:NPM_TOKEN", "<redacted f52fbd32b2b3>");
        StepSnapshot legacyRun = new StepSnapshot(
                run.place(),
                new StepKeys(
                        "sha256:0",
                        "sha256:1",
                        run.keys().parentId(),
                        run.keys().parentKey(),
                        null),
                new StepReadSet(
                        new java.util.TreeMap<>(inputs),
                        run.reads().origins(),
                        run.reads().files(),
                        run.reads().sources(),
                        null),
                null);
        Snapshot legacy = new Snapshot(
                current.format(),
                current.version(),
                current.dockerfile(),
                null,
                new java.util.TreeMap<>(Map.of("NPM_TOKEN", "<redacted f52fbd32b2b3>")),
                List.of(current.steps().get(0), legacyRun),
                current.files(),
                List.of(),
                List.of(),
                Builder.BUILDKIT,
                current.stages(),
                current.dependencies());
        StepResult result = Comparison.compare(current, legacy).steps().get(1);
        assertEquals(Verdict.UNKNOWN, result.verdict());
        assertEquals(CauseKind.SECRET_NOT_COMPARED, result.causes().get(0).kind());
        assertEquals(
                "build arg NPM_TOKEN depends on a secret and cannot be compared: the baseline holds another form"
                        + " (recorded by an earlier version, or while the build arg was not secret)",
                result.causes().get(0).detail());
    }

    @Test
    void anOrdinaryChangeBesideAnUncomparedSecretIsStillARebuild() throws Exception {
        Snapshot baseline = app().snapshot();
        Comparison comparison =
                Comparison.compare(app().file("b.txt", "changed").snapshot(), baseline);
        assertEquals(Verdict.REBUILT, comparison.steps().get(5).verdict());
        Comparison keyChange = Comparison.compare(
                app().secrets(keyed(KEY))
                        .dockerfile("FROM busybox:1.36", "ARG DB_PASS", "RUN echo two")
                        .snapshot(),
                app().secrets(keyed(null))
                        .dockerfile("FROM busybox:1.36", "ARG DB_PASS", "RUN echo one")
                        .snapshot());
        assertEquals(Verdict.REBUILT, keyChange.steps().get(1).verdict());
    }

    @Test
    void aStepRebuiltAfterAnExpectedChangeIsNotFailedForASecretItCannotCompare() throws Exception {
        // a reactor's go-offline layer: a dependency added to a pom rebuilds the RUN, whose token is not compared
        Scenario app = new Scenario(dir)
                .dockerfile("FROM busybox:1.36", "COPY pom.xml .", "ARG NEXUS_TOKEN", "RUN mvn dependency:go-offline")
                .file("pom.xml", "<project/>")
                .buildArg("NEXUS_TOKEN", "hunter2")
                .secrets(keyed(null));
        Snapshot baseline = app.snapshot();
        StepResult run = Comparison.compare(
                        app.file("pom.xml", "<project><dependencies/></project>")
                                .snapshot(),
                        baseline)
                .steps()
                .get(2);
        assertEquals(Verdict.REBUILT, run.verdict());
        assertEquals(
                List.of("builds on step 2, which is rebuilt"),
                run.causes().stream().map(Cause::detail).toList());
        assertTrue(run.expected());
    }

    @Test
    void aPasswordInABuildArgUrlIsMaskedWhateverItsName() throws Exception {
        Snapshot snapshot = new Scenario(dir)
                .dockerfile("FROM busybox:1.36", "ARG HTTP_PROXY", "RUN true")
                .buildArg("HTTP_PROXY", "http://me:hunter2@proxy:3128")
                .snapshot();
        assertEquals(Secrets.WITHHELD, step(snapshot, "2").reads().inputs().get("env:HTTP_PROXY"));
        assertEquals(Secrets.WITHHELD, snapshot.buildArgs().get("HTTP_PROXY"));
    }

    @Test
    void anExpansionErrorThatReadsASecretDoesNotQuoteIt() {
        Scenario app = new Scenario(dir)
                .dockerfile("FROM busybox:1.36", "ARG DB_PASS", "ARG UNSET", "WORKDIR /${UNSET:?${DB_PASS}}")
                .buildArg("DB_PASS", "hunter2");
        AnalysisException e = assertThrows(AnalysisException.class, app::snapshot);
        assertEquals(
                "Dockerfile:4:1: failed to process \"/${UNSET:?${DB_PASS}}\": the word reads a secret, so the"
                        + " reason, which may quote it, is not shown",
                e.getMessage());
        assertNull(e.getCause());
    }

    @Test
    void anErrorQuotingASecretSourceHasItScrubbed() {
        Scenario app = new Scenario(dir)
                .dockerfile("FROM busybox:1.36", "ARG NPM_TOKEN", "COPY [\"${NPM_TOKEN}[\", \"/x\"]")
                .buildArg("NPM_TOKEN", "hunter2");
        AnalysisException e = assertThrows(AnalysisException.class, app::snapshot);
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains(Secrets.WITHHELD), e.getMessage());
    }

    @Test
    void theLegacyBuilderMasksItsConfigStepsAndRunArgs() throws Exception {
        Snapshot snapshot = new Scenario(dir)
                .dockerfile(
                        "FROM busybox:1.36",
                        "ARG DB_PASS",
                        "LABEL conn=${DB_PASS}",
                        "ENV API_TOKEN=literal",
                        "RUN true")
                .buildArg("DB_PASS", "hunter2")
                .builder(Builder.CLASSIC)
                .secrets(keyed(KEY))
                .snapshot();
        assertNoClearValue(snapshot);
        assertTrue(step(snapshot, "3").reads().inputs().get("config").startsWith(Secrets.MAC_PREFIX));
        assertTrue(step(snapshot, "4").reads().inputs().get("config").startsWith(Secrets.MAC_PREFIX));
        assertTrue(step(snapshot, "5").reads().inputs().get("env:DB_PASS").startsWith(Secrets.MAC_PREFIX));
        assertEquals("DB_PASS", step(snapshot, "2").reads().inputs().get("config"), "no default: nothing secret");
    }

    @Test
    void aSecretReachesTheLayersOfEveryRunAndTheConfigOfTheImage() throws Exception {
        List<SecretExposure> exposures = new Scenario(dir)
                .dockerfile(
                        "FROM busybox:1.36 AS tools",
                        "ARG NPM_TOKEN",
                        "RUN npm ci",
                        "FROM busybox:1.36",
                        "ARG DB_PASS",
                        "ENV CONN=postgres://${DB_PASS}@db PLAIN=1",
                        "COPY --from=tools /x /x",
                        "RUN true")
                .buildArg("DB_PASS", "hunter2")
                .buildArg("NPM_TOKEN", "1234")
                .analyse()
                .secretExposures();
        assertEquals(
                List.of(
                        new SecretExposure(
                                3, "RUN", "NPM_TOKEN", "--build-arg NPM_TOKEN, declared by ARG at line 2", false),
                        new SecretExposure(8, "RUN", "DB_PASS", "--build-arg DB_PASS, declared by ARG at line 5", true),
                        new SecretExposure(8, "RUN", "CONN", "ENV at line 6", true),
                        new SecretExposure(6, "ENV", "CONN", "ENV at line 6", true)),
                exposures);
    }
}
