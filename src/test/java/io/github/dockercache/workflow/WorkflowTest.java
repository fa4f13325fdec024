package io.github.dockercache.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.compare.StabilityPolicy;
import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.context.ScanProgress;
import io.github.dockercache.model.BaseImage;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.registry.TestRegistry;
import io.github.dockercache.report.Printed;
import io.github.dockercache.report.ReportLine;
import io.github.dockercache.store.SnapshotStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goals as plain Java, on real directories: what they print, write and decide. */
class WorkflowTest {
    @TempDir
    Path dir;

    private Path context(String name, String content) throws Exception {
        Path context = Files.createDirectories(dir.resolve(name));
        Files.writeString(
                context.resolve("Dockerfile"),
                "FROM busybox:1.36\nCOPY pom.xml /pom.xml\nRUN true\nCOPY a.txt /a.txt\n");
        Files.writeString(context.resolve("pom.xml"), "<project/>");
        Files.writeString(context.resolve("a.txt"), content);
        for (String file : List.of("Dockerfile", "pom.xml", "a.txt")) {
            Files.setPosixFilePermissions(context.resolve(file), PosixFilePermissions.fromString("rw-r--r--"));
        }
        return context;
    }

    private Goals request(Path context, Path baseline, OnMissingBaseline onMissing, boolean force) {
        BuildSettings build =
                new BuildSettings(context, context.resolve("Dockerfile"), Map.of(), null, ClientPlatform.LINUX, null);
        Goals goals = Goals.of(
                        Goals.image(build, context.resolve("target/dockercache"), TestHints.at(context)),
                        baseline,
                        baseline.toString())
                .with(onMissing);
        return force ? goals.forced() : goals;
    }

    /** The context recorded as the baseline, then its pom.xml made executable: two stable steps are rebuilt. */
    private Goals pomMadeExecutable(Path context) throws Exception {
        Goals request = request(context, context.resolve(".dockercache/baseline.json"), OnMissingBaseline.WARN, false);
        BaselineWorkflow.record(request.baseline());
        Files.setPosixFilePermissions(context.resolve("pom.xml"), PosixFilePermissions.fromString("rwxr-xr-x"));
        return request;
    }

    private static String text(Outcome outcome) {
        return Stream.concat(
                        outcome.warnings().stream(), outcome.lines().stream().map(ReportLine::text))
                .collect(Collectors.joining("\n"));
    }

    @Test
    void checkWithoutBaselineSaysSoAndPasses() throws Exception {
        Path context = context("app", "a");
        Outcome outcome = Workflow.check(
                request(context, context.resolve(".dockercache/baseline.json"), OnMissingBaseline.WARN, false)
                        .compare(),
                null);
        assertNull(outcome.failure());
        // the build is not checked: a warning, not a line of information
        assertTrue(
                outcome.lines().stream()
                        .anyMatch(line -> line.level() == ReportLine.Level.WARN
                                && line.text().startsWith("No baseline at")),
                text(outcome));
        assertTrue(text(outcome).contains("Record one with mvn dockercache:baseline and commit it"), text(outcome));
        assertTrue(Files.isRegularFile(context.resolve("target/dockercache/snapshot.json")));
        assertTrue(Files.isRegularFile(context.resolve("target/dockercache/check.json")));
    }

    @Test
    void aStepThatCopiesThePluginsOwnFilesIsNamedWithTheLineForDockerignore() throws Exception {
        Path context = context("app", "a");
        Files.writeString(context.resolve("Dockerfile"), "FROM busybox:1.36\nCOPY pom.xml /pom.xml\nCOPY . /src\n");
        Goals request = request(context, context.resolve(".dockercache/baseline.json"), OnMissingBaseline.WARN, false);
        BaselineWorkflow.record(request.baseline());
        List<String> warnings = Workflow.check(request.compare(), null).lines().stream()
                .filter(line -> line.level() == ReportLine.Level.WARN)
                .map(ReportLine::text)
                .toList();
        assertEquals(
                List.of(
                        "Step 3 (COPY . /src) copies target/dockercache/, the plugin's own output, which changes on"
                                + " every build; add target/ to .dockerignore",
                        "Step 3 (COPY . /src) copies .dockercache/baseline.json, the baseline, which changes whenever"
                                + " it is recorded; add .dockercache/ to .dockerignore"),
                warnings.stream().filter(line -> line.startsWith("Step ")).toList());
        // an output directory right in the context is named whole
        BuildSettings build =
                new BuildSettings(context, context.resolve("Dockerfile"), Map.of(), null, ClientPlatform.LINUX, null);
        Goals outHere = Goals.of(
                        Goals.image(build, context.resolve("out"), TestHints.at(context)),
                        context.resolve(".dockercache/baseline.json"),
                        ".dockercache/baseline.json")
                .with(OnMissingBaseline.WARN);
        Workflow.check(outHere.compare(), null);
        assertTrue(
                text(Workflow.check(outHere.compare(), null))
                        .contains("copies out/, the plugin's own output, which changes on every build; add out/ to"
                                + " .dockerignore"),
                text(Workflow.check(outHere.compare(), null)));
        // elsewhere than its own directory, only the file is named
        Path elsewhere = context.resolve("config/baseline.json");
        Goals inConfig = request(context, elsewhere, OnMissingBaseline.WARN, false);
        BaselineWorkflow.record(inConfig.baseline());
        assertTrue(
                text(Workflow.check(inConfig.compare(), null))
                        .contains(
                                "copies config/baseline.json, the baseline, which changes whenever it is recorded; add"
                                        + " config/baseline.json to .dockerignore"),
                text(Workflow.check(inConfig.compare(), null)));
        Files.writeString(context.resolve(".dockerignore"), "target/\n.dockercache/\nconfig/baseline.json\n");
        assertTrue(
                Workflow.check(inConfig.compare(), null).lines().stream()
                        .noneMatch(line -> line.level() == ReportLine.Level.WARN
                                && line.text().startsWith("Step ")),
                text(Workflow.check(inConfig.compare(), null)));
    }

    @Test
    void aSourceMissingFromTheContextButInTheDirectoryAboveSaysWhereAndWhatToSet() throws Exception {
        Path context = context("app", "a");
        Files.writeString(context.resolve("Dockerfile"), "FROM busybox:1.36\nCOPY lib/pom.xml /lib/pom.xml\n");
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/pom.xml"), "<project/>");
        WorkflowException e = assertThrows(
                WorkflowException.class,
                () -> Workflow.check(
                        request(context, context.resolve(".dockercache/baseline.json"), OnMissingBaseline.WARN, false)
                                .compare(),
                        null));
        assertEquals(
                "Dockerfile:2:1: failed to compute cache key: \"/lib/pom.xml\" not found: COPY/ADD source"
                        + " \"lib/pom.xml\" does not exist in the build context " + context.toRealPath()
                        + " (check the path, and that .dockerignore does not exclude it). It is in "
                        + dir.toAbsolutePath().normalize() + "/: if this image is built from there, set <context> to"
                        + " that directory (docs/discovery.md)",
                e.getMessage());
    }

    @Test
    void missingBaselineCanFailOrBeSkipped() throws Exception {
        Path context = context("app", "a");
        Path baseline = context.resolve(".dockercache/baseline.json");
        WorkflowException e = assertThrows(
                WorkflowException.class,
                () -> Workflow.check(
                        request(context, baseline, OnMissingBaseline.FAIL, false)
                                .compare(),
                        null));
        assertTrue(e.isUserError() && e.getMessage().contains("-Ddockercache.onMissingBaseline=warn"), e.getMessage());
        assertTrue(text(Workflow.check(
                        request(context, baseline, OnMissingBaseline.SKIP, false)
                                .compare(),
                        null))
                .contains("Comparison skipped"));
    }

    @Test
    void checkFailsOnAModeChangeOfAStableStepAndWritesTheCiReports() throws Exception {
        Path context = context("app", "a");
        Outcome outcome = Workflow.check(pomMadeExecutable(context).compare(), null);
        assertTrue(outcome.failed());
        assertTrue(
                outcome.failure().startsWith("2 stable steps would be rebuilt: 2 (COPY, line 2), 3 (RUN, line 3)."),
                outcome.failure());
        assertTrue(text(outcome).contains("pom.xml mode bits changed 0644 -> 0755"), text(outcome));
        for (String file : List.of(ReportFiles.JUNIT_FILE, ReportFiles.SARIF_FILE, ReportFiles.SUMMARY_FILE)) {
            assertTrue(Files.size(context.resolve("target/dockercache").resolve(file)) > 0, file);
        }
    }

    /** The remedies images share are marked, so that a build of several images says them once. */
    @Test
    void theRemediesImagesShareAreMarkedWithWhatTheyAreAbout() throws Exception {
        Path context = context("app", "a");
        Files.writeString(context.resolve("Dockerfile"), "FROM busybox\nCOPY a.txt /a.txt\n");
        Outcome outcome = Workflow.check(
                request(context, context.resolve(".dockercache/baseline.json"), OnMissingBaseline.WARN, false)
                        .compare(),
                null);
        List<ReportLine.Topic> topics = outcome.lines().stream()
                .map(ReportLine::topic)
                .filter(topic -> topic != null)
                .toList();
        assertEquals(
                List.of(
                        new ReportLine.Topic(ReportLine.Kind.RECORD_BASELINE, ""),
                        new ReportLine.Topic(ReportLine.Kind.ADVICE, "1 hint to keep the cache (DC301)")),
                topics,
                text(outcome));
        assertTrue(
                text(outcome).contains("1 hint to keep the cache (DC301): run mvn dockercache:explain."),
                text(outcome));
        List<ReportLine.Topic> recorded = BaselineWorkflow.record(
                        request(context, context.resolve("committed.json"), OnMissingBaseline.WARN, false)
                                .baseline())
                .lines()
                .stream()
                .map(ReportLine::topic)
                .filter(topic -> topic != null)
                .toList();
        assertEquals(List.of(new ReportLine.Topic(ReportLine.Kind.COMMIT_BASELINE, "committed.json")), recorded);
    }

    /** A failure's remedy records every image built from the Dockerfile: an edit of it fails them all alike. */
    @Test
    void aFailureRecordsEveryImageOfTheDockerfile() throws Exception {
        Path context = context("app", "a");
        Goals recorded = pomMadeExecutable(context);
        Hints shared = new Hints() {
            private final Hints own = new TestHints();

            @Override
            public String goal(String goal) {
                return own.goal(goal) + " -pl :app-a";
            }

            @Override
            public String sharedGoal(String goal) {
                return own.goal(goal) + " -pl :app-a,:app-b";
            }

            @Override
            public String setting(String parameter, String value) {
                return own.setting(parameter, value);
            }

            @Override
            public String parameter(String name) {
                return own.parameter(name);
            }

            @Override
            public String jvmOption(String option) {
                return own.jvmOption(option);
            }

            @Override
            public String buildProject() {
                return own.buildProject();
            }

            @Override
            public String runCheckLast() {
                return own.runCheckLast();
            }
        };
        BuildSettings build =
                new BuildSettings(context, context.resolve("Dockerfile"), Map.of(), null, ClientPlatform.LINUX, null);
        Goals goals = recorded.with(Goals.image(
                build,
                context.resolve("target/dockercache"),
                new Invocation(context, BuildOutputs.NONE, shared, StatCacheShare.NONE)));
        Outcome outcome = Workflow.check(goals.compare(), null);
        assertTrue(
                outcome.failure()
                        .endsWith(". The causes are listed above. If the change is intended, record a new baseline with"
                                + " mvn dockercache:baseline -pl :app-a,:app-b; to report without failing, set"
                                + " -Ddockercache.failOn=never."),
                outcome.failure());
    }

    /** The Dockerfile and the ignore file rebuild steps though no step reads them. */
    @Test
    void theImpactOfTheBuildFilesThemselves() throws Exception {
        Path context = context("app", "a");
        Files.writeString(context.resolve(".dockerignore"), "target/\n");
        ImageRequest image = request(
                        context, context.resolve(".dockercache/baseline.json"), OnMissingBaseline.WARN, false)
                .image();
        assertEquals(
                "Dockerfile is the Dockerfile: an edited instruction rebuilds its step and the steps after it; edit it,"
                        + " then run explain without dockercache.path to see which.",
                text(Workflow.impact(image, "Dockerfile")));
        assertEquals(
                ".dockerignore decides which files the steps see: an edit rebuilds every step whose files it adds or"
                        + " drops; edit it, then run explain without dockercache.path to see which.",
                text(Workflow.impact(image, ".dockerignore")));
        assertEquals(
                "target/x is excluded by .dockerignore: a change to it rebuilds nothing.",
                text(Workflow.impact(image, "target/x")));
    }

    /** explain after a failing check writes its own files: check's still say that the build failed. */
    @Test
    void explainNeverOverwritesWhatCheckDecided() throws Exception {
        Path context = context("app", "a");
        Path requested = dir.resolve("elsewhere/report.json");
        Goals request = pomMadeExecutable(context);
        assertTrue(Workflow.check(request.compare(), requested).failed());
        Path output = context.resolve("target/dockercache");
        String checkHtml = Files.readString(output.resolve("check.html"));
        String checkJson = Files.readString(output.resolve("check.json"));

        assertFalse(Workflow.explain(request.compare()).failed());
        assertEquals(checkHtml, Files.readString(output.resolve("check.html")));
        assertEquals(checkJson, Files.readString(requested), "the requested JSON path is check's");
        assertTrue(checkHtml.contains("<strong>Check fails</strong>"), checkHtml);
        assertTrue(checkJson.contains("\"goal\": \"check\"") && checkJson.contains("\"failed\": true"), checkJson);
        assertTrue(Files.readString(output.resolve(ReportFiles.SUMMARY_FILE)).startsWith("## \u274c"));
        String explainHtml = Files.readString(output.resolve("explain.html"));
        assertTrue(explainHtml.contains("<strong>Check would fail</strong>"), explainHtml);
        String explainJson = Files.readString(output.resolve("explain.json"));
        assertTrue(
                explainJson.contains("\"goal\": \"explain\"") && explainJson.contains("\"failed\": false"),
                explainJson);
    }

    /** {@code mvn package dockercache:explain}: explain prints what check did not, and no cause a second time. */
    @Test
    void explainAfterCheckInTheSameBuildPrintsEachCauseOnce() throws Exception {
        Path context = context("app", "a");
        Path baseline = context.resolve(".dockercache/baseline.json");
        Goals request = request(context, baseline, OnMissingBaseline.WARN, false);
        BaselineWorkflow.record(request.baseline());
        Files.writeString(context.resolve("a.txt"), "bb");
        String cause = "  - a.txt content changed (1 -> 2 bytes)";
        Outcome check = Workflow.check(request.compare(), null);
        assertTrue(text(check).contains(cause), text(check));
        assertTrue(text(Workflow.explain(request.compare())).contains(cause), "on its own, explain names every cause");

        String after = text(Workflow.explain(request.compare(), Printed.of(check.lines())));
        assertFalse(after.contains(cause), after);
        assertTrue(after.contains("The causes are as check printed them above.\n"), after);
        assertTrue(after.endsWith("/target/dockercache/explain.html"), after);

        // what check printed about another state of the context leaves nothing out
        Files.writeString(context.resolve("a.txt"), "ccc");
        assertTrue(text(Workflow.explain(request.compare(), Printed.of(check.lines())))
                .contains("  - a.txt content changed (1 -> 3 bytes)"));
    }

    @Test
    void baselineRefusesToOverwriteWhatItCannotReadUnlessForced() throws Exception {
        Path context = context("app", "a");
        Path baseline = Files.createDirectories(context.resolve(".dockercache")).resolve("baseline.json");
        Files.writeString(baseline, "{ truncated");
        WorkflowException e = assertThrows(
                WorkflowException.class,
                () -> BaselineWorkflow.record(request(context, baseline, OnMissingBaseline.WARN, false)
                        .baseline()));
        assertTrue(e.getMessage().contains("-Ddockercache.force=true"), e.getMessage());
        assertEquals("{ truncated", Files.readString(baseline));
        BaselineWorkflow.record(
                request(context, baseline, OnMissingBaseline.WARN, true).baseline());
        assertEquals(1, SnapshotStore.read(baseline).history().size());
    }

    @Test
    void concurrentBaselineRecordingsLoseNoBuild() throws Exception {
        Path baseline = dir.resolve("shared/baseline.json");
        List<Path> contexts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            contexts.add(context("build-" + i, "content " + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(contexts.size());
        try {
            List<Future<Outcome>> runs = new ArrayList<>();
            for (Path context : contexts) {
                runs.add(pool.submit(
                        () -> BaselineWorkflow.record(request(context, baseline, OnMissingBaseline.WARN, false)
                                .baseline())));
            }
            for (Future<Outcome> run : runs) {
                assertFalse(run.get().failed());
            }
        } finally {
            pool.shutdownNow();
        }
        // the builds differ only in a.txt: six distinct key sets, all remembered
        assertEquals(6, SnapshotStore.read(baseline).history().size());
    }

    @Test
    void aBuildLogWeighsEachChainOfMissesByItsStepTimes() throws Exception {
        Path context = Files.createDirectories(dir.resolve("two-stage"));
        Files.copy(Path.of("src/test/resources/cost/two-stage.Dockerfile"), context.resolve("Dockerfile"));
        Files.writeString(context.resolve("input.txt"), "some input");
        Path baseline = context.resolve(".dockercache/baseline.json");
        BaselineWorkflow.record(
                request(context, baseline, OnMissingBaseline.WARN, false).baseline());
        Files.writeString(context.resolve("input.txt"), "other input");
        Goals base = request(context, baseline, OnMissingBaseline.WARN, false);
        Goals withLog = base.withBuildLog(Path.of("src/test/resources/cost/two-stage.plain.log"));
        String text = text(Workflow.explain(withLog.compare()));
        assertTrue(
                text.matches(
                        "(?s).*Rebuilding from build:3 costs (about|at least) \\d.* s \\(3 steps, times from two-stage\\.plain\\.log\\)\\..*"),
                text);
    }

    @Test
    void aMovedTagIsSeenWithResolveAndAssumedUnmovedWithout() throws Exception {
        String repository = freshRepository();
        String first = registry().pushImage(repository, "1.0", "amd64", "first", "first layer\n");
        Path context = contextFrom(repository, "resolved", "RUN true");
        Path baseline = context.resolve(".dockercache/baseline.json");
        BaselineWorkflow.record(resolving(request(context, baseline, OnMissingBaseline.WARN, false), true)
                .baseline());
        assertTrue(Files.readString(baseline).contains(first));

        String second = registry().pushImage(repository, "1.0", "amd64", "second", "second layer\n");
        String moved = check(context, baseline, true);
        assertTrue(moved.contains("moved to an image with other layers: " + first + " -> " + second), moved);
        assertTrue(
                check(context, baseline, false).contains("2 steps: 2 cached"),
                "offline, the recorded digest is assumed to still hold");
    }

    @Test
    void anImageThatCopyFromReadsIsRecordedAndItsMovedTagSeenWithResolveOnly() throws Exception {
        String repository = freshRepository();
        String first = registry().pushImage(repository, "1.0", "amd64", "first", "first layer\n");
        Path context = Files.createDirectories(dir.resolve("copy-from"));
        Files.writeString(
                context.resolve("Dockerfile"),
                "FROM scratch\nCOPY Dockerfile /d\nCOPY --from=" + registry().host + "/" + repository
                        + ":1.0 /marker /marker\n");
        Path baseline = context.resolve(".dockercache/baseline.json");
        BaselineWorkflow.record(resolving(request(context, baseline, OnMissingBaseline.WARN, false), true)
                .baseline());
        BaselineWorkflow.record(resolving(request(context, baseline, OnMissingBaseline.WARN, false), false)
                .baseline());
        assertTrue(Files.readString(baseline).contains(first), "recorded, and kept by an offline baseline");

        String second = registry().pushImage(repository, "1.0", "amd64", "second", "second layer\n");
        String moved = check(context, baseline, true);
        assertTrue(
                moved.contains("1 unknown")
                        && moved.contains("that COPY --from reads moved: " + first + " -> " + second),
                moved);
        assertTrue(
                check(context, baseline, false).contains("2 steps: 2 cached"),
                "offline, the recorded image is assumed to still hold");
    }

    @Test
    void undefinedVarNeedsTheBaseImageConfigThatResolveReads() throws Exception {
        String repository = freshRepository();
        registry().pushImage(repository, "1.0", "amd64", "m");
        Path context = contextFrom(repository, "checked", "COPY $MARKER $MARKR /");
        Files.writeString(context.resolve("m"), "the image's MARKER names this file, as BuildKit expands it");
        Path baseline = context.resolve(".dockercache/baseline.json");
        String warning = "UndefinedVar: Usage of undefined variable '$MARKR' (did you mean $MARKER?)";
        String resolved = check(context, baseline, true);
        assertTrue(resolved.contains(warning), resolved);
        String offline = check(context, baseline, false);
        assertTrue(!offline.contains("UndefinedVar"), "offline the image's environment is unknown: " + offline);
    }

    @Test
    void aTagPushedAgainWithTheSameLayersRebuildsOnlyWhatReadsItsConfig() throws Exception {
        String repository = freshRepository();
        registry().pushImage(repository, "1.0", "amd64", "first", "same layer\n");
        Path context = contextFrom(repository, "config-only", "COPY Dockerfile /d", "RUN true");
        Path baseline = context.resolve(".dockercache/baseline.json");
        BaselineWorkflow.record(resolving(request(context, baseline, OnMissingBaseline.WARN, false), true)
                .baseline());

        registry().pushImage(repository, "1.0", "amd64", "second", "same layer\n");
        String resolved = check(context, baseline, true);
        assertTrue(
                resolved.contains("3 steps: 2 cached, 1 rebuilt")
                        && resolved.contains(
                                "the base image's config changed: Env MARKER changed: 'first' -> 'second'"),
                resolved);
        assertTrue(
                check(context, baseline, false).contains("3 steps: 3 cached"),
                "offline, the recorded image, config included, is assumed to still hold");
    }

    @Test
    void aBaselineWithoutLayersKeepsFromKeyedOnTheDigest() throws Exception {
        String repository = freshRepository();
        BaseImage digestOnly = BaseImage.ofDigest(registry().pushImage(repository, "1.0", "amd64", "first", "layer\n"));
        Path context = contextFrom(repository, "old-baseline", "RUN true");
        Path baseline = context.resolve(".dockercache/baseline.json");
        // a baseline written before the plugin read layers: its FROM is keyed on the digest alone
        SnapshotStore.write(
                baseline,
                CacheModel.analyse(
                                request(context, baseline, OnMissingBaseline.WARN, false)
                                        .image()
                                        .build(),
                                null,
                                ScanProgress.NONE,
                                (reference, platform) -> digestOnly)
                        .snapshot());

        String resolved = check(context, baseline, true);
        assertTrue(resolved.contains("records no layers") && resolved.contains("2 steps: 2 cached"), resolved);
    }

    private static TestRegistry registry() {
        return TestRegistry.running();
    }

    private static String freshRepository() {
        return "dockercache-test/workflow-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A context whose Dockerfile builds FROM {@code repository:1.0} in the loopback registry. */
    private Path contextFrom(String repository, String name, String... instructions) throws IOException {
        Path context = Files.createDirectories(dir.resolve(name));
        Files.writeString(
                context.resolve("Dockerfile"),
                "FROM " + registry().host + "/" + repository + ":1.0\n" + String.join("\n", instructions) + "\n");
        return context;
    }

    private String check(Path context, Path baseline, boolean resolve) throws WorkflowException {
        return text(Workflow.check(
                resolving(request(context, baseline, OnMissingBaseline.WARN, false), resolve)
                        .compare(),
                null));
    }

    private static Goals resolving(Goals r, boolean resolve) {
        return with(r, resolve, r.image().policy(), r.image().dependencies());
    }

    private static Goals with(Goals r, boolean resolve, StabilityPolicy policy, List<String> dependencies) {
        ImageRequest i = r.image();
        return r.with(new ImageRequest(
                i.build(),
                i.outputDirectory(),
                policy,
                i.progress(),
                resolve,
                dependencies,
                i.modules(),
                i.invocation()));
    }

    /** A context whose dependency layer, {@code COPY target/lib/}, holds one jar; sources are copied after it. */
    private Path withDependencyLayer(String name, String jarName, String jarContent) throws Exception {
        Path context = Files.createDirectories(dir.resolve(name));
        Files.writeString(
                context.resolve("Dockerfile"), "FROM busybox:1.36\nCOPY target/lib/ /app/lib/\nCOPY a.txt /a.txt\n");
        Files.writeString(context.resolve("pom.xml"), "<project/>");
        Files.writeString(context.resolve("a.txt"), "a");
        Files.writeString(Files.createDirectories(context.resolve("target/lib")).resolve(jarName), jarContent);
        return context;
    }

    @Test
    void theDependenciesAreRecordedAndAnUpdateIsExpectedInTheDependencyLayer() throws Exception {
        Path context = withDependencyLayer("libs", "lib-a-1.0.jar", "a 1.0");
        Path jar = context.resolve("target/lib/lib-a-1.0.jar");
        Path baseline = context.resolve(".dockercache/baseline.json");
        Goals request = request(context, baseline, OnMissingBaseline.WARN, false);
        BaselineWorkflow.record(with(request, false, request.image().policy(), List.of("com.example:lib-a:jar:1.0"))
                .baseline());
        io.github.dockercache.model.Dependencies recorded =
                SnapshotStore.read(baseline).dependencies();
        assertEquals(List.of("com.example:lib-a:jar:1.0"), recorded.maven());
        assertEquals(java.util.Set.of("pom.xml"), recorded.manifests().keySet());

        Files.delete(jar);
        Files.writeString(jar.resolveSibling("lib-a-1.1.jar"), "a 1.1");
        Outcome outcome = Workflow.check(
                with(request, false, request.image().policy(), List.of("com.example:lib-a:jar:1.1"))
                        .compare(),
                null);
        assertFalse(outcome.failed(), text(outcome));
        assertTrue(
                text(outcome).contains("Dependencies differ from the baseline: com.example:lib-a 1.0 -> 1.1."),
                text(outcome));
        assertTrue(
                text(outcome)
                        .contains("  - target/lib/lib-a-1.1.jar was added (expected: dependency com.example:lib-a 1.0"
                                + " -> 1.1)"),
                text(outcome));
        assertTrue(Files.readString(context.resolve("target/dockercache/check.json"))
                .contains("\"expectedBecause\": \"dependency com.example:lib-a 1.0 -> 1.1\""));

        Outcome withoutChange = Workflow.check(
                with(request, false, request.image().policy(), List.of("com.example:lib-a:jar:1.0"))
                        .compare(),
                null);
        assertTrue(withoutChange.failed(), "the layer changed, the dependencies did not");
    }

    /** A multi-module build: the app's dependency layer holds the jar of common, a sibling module. */
    private static Goals withModules(Goals r, List<String> dependencies, List<String> modules) {
        ImageRequest i = r.image();
        return r.with(new ImageRequest(
                i.build(),
                i.outputDirectory(),
                i.policy(),
                i.progress(),
                i.resolve(),
                dependencies,
                modules,
                i.invocation()));
    }

    @Test
    void theModulesOfTheBuildAreRecordedAndTheirJarsChangeAsExpected() throws Exception {
        Path context = withDependencyLayer("reactor", "common-1.0-SNAPSHOT.jar", "common");
        Path jar = context.resolve("target/lib/common-1.0-SNAPSHOT.jar");
        Path baseline = context.resolve(".dockercache/baseline.json");
        Goals request = withModules(
                request(context, baseline, OnMissingBaseline.WARN, false),
                List.of("com.example:common:jar:1.0-SNAPSHOT"),
                List.of("com.example:common:jar:1.0-SNAPSHOT"));
        BaselineWorkflow.record(request.baseline());
        assertEquals(
                List.of("com.example:common:jar:1.0-SNAPSHOT"),
                SnapshotStore.read(baseline).dependencies().modules());

        Files.writeString(jar, "common, edited");
        // a run whose reactor does not hold common (mvn -f app/pom.xml): the baseline still tells
        Outcome outcome = Workflow.check(
                withModules(request, request.image().dependencies(), List.of()).compare(), null);
        assertFalse(outcome.failed(), text(outcome));
        assertTrue(
                text(outcome)
                        .contains("  - target/lib/common-1.0-SNAPSHOT.jar content changed (6 -> 14 bytes) (expected:"
                                + " com.example:common is a module of this build)"),
                text(outcome));
    }

    @Test
    void aFileThatNamesNoDependencyRefersToTheDependencyChangesListedOnce() throws Exception {
        Path context = withDependencyLayer("platform", "runner.jar", "runner 1");
        Path runner = context.resolve("target/lib/runner.jar");
        Path baseline = context.resolve(".dockercache/baseline.json");
        Goals request = request(context, baseline, OnMissingBaseline.WARN, false);
        BaselineWorkflow.record(with(
                        request,
                        false,
                        request.image().policy(),
                        List.of(
                                "com.example:a:jar:1",
                                "com.example:b:jar:1",
                                "com.example:c:jar:1",
                                "com.example:d:jar:1"))
                .baseline());

        Files.writeString(runner, "runner 2");
        Outcome outcome = Workflow.check(
                with(
                                request,
                                false,
                                request.image().policy(),
                                List.of(
                                        "com.example:a:jar:2",
                                        "com.example:b:jar:2",
                                        "com.example:c:jar:2",
                                        "com.example:d:jar:2"))
                        .compare(),
                null);
        assertFalse(outcome.failed(), text(outcome));
        assertTrue(
                text(outcome)
                        .contains("Dependencies differ from the baseline: com.example:a 1 -> 2, com.example:b 1 -> 2,"
                                + " com.example:c 1 -> 2, com.example:d 1 -> 2."),
                text(outcome));
        assertTrue(
                text(outcome)
                        .contains("  - target/lib/runner.jar content changed (expected: the"
                                + " dependencies changed (4 changes, listed above))"),
                text(outcome));
        assertTrue(Files.readString(context.resolve("target/dockercache/check.json"))
                .contains("\"expectedBecause\": \"the"
                        + " dependencies changed (4 changes: com.example:a 1 -> 2, com.example:b 1 -> 2, com.example:c 1 -> 2 and 1"
                        + " more)\""));
    }

    @Test
    void anOverrideThatMatchesNothingIsReported() throws Exception {
        Path context = context("app", "a");
        StabilityPolicy defaults = StabilityPolicy.defaults();
        StabilityPolicy policy = new StabilityPolicy(
                defaults.manifests(),
                defaults.dependencyOutputs(),
                List.of("no such step"),
                List.of(),
                List.of(),
                List.of("stage-0", "runtime"));
        Goals request = request(context, context.resolve(".dockercache/baseline.json"), OnMissingBaseline.WARN, false);
        Outcome outcome = Workflow.check(with(request, false, policy, null).compare(), null);
        assertEquals(
                List.of(
                        new StabilityPolicy.Unmatched(
                                "stableSteps",
                                "no such step",
                                "matches no step: it is neither a step id (1, 2, 3, 4) nor text of an instruction"
                                        + " built for this target"),
                        new StabilityPolicy.Unmatched(
                                "unstableStages", "runtime", "names no stage of the Dockerfile (stage-0)")),
                outcome.unmatched());
    }
}
