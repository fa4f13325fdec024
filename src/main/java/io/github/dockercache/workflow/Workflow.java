package io.github.dockercache.workflow;

import io.github.dockercache.advice.Advisor;
import io.github.dockercache.advice.Finding;
import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.FailOn;
import io.github.dockercache.compare.Impact;
import io.github.dockercache.compare.StabilityPolicy;
import io.github.dockercache.compare.StepResult;
import io.github.dockercache.compare.Verdict;
import io.github.dockercache.cost.CostLogException;
import io.github.dockercache.cost.StepCosts;
import io.github.dockercache.dockerfile.BaseImageConfig;
import io.github.dockercache.dockerfile.BaseImageConfigs;
import io.github.dockercache.files.IoReasons;
import io.github.dockercache.model.Analysis;
import io.github.dockercache.model.AnalysisException;
import io.github.dockercache.model.BaseImage;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.Dependencies;
import io.github.dockercache.model.ImageDigests;
import io.github.dockercache.model.Secrets;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepSnapshot;
import io.github.dockercache.registry.ImageConfig;
import io.github.dockercache.registry.ImageResolutionException;
import io.github.dockercache.registry.ImageResolver;
import io.github.dockercache.report.Goal;
import io.github.dockercache.report.HtmlReport;
import io.github.dockercache.report.JUnitReport;
import io.github.dockercache.report.JsonReport;
import io.github.dockercache.report.MarkdownReport;
import io.github.dockercache.report.Printed;
import io.github.dockercache.report.ReportLine;
import io.github.dockercache.report.SarifReport;
import io.github.dockercache.report.TextReport;
import io.github.dockercache.store.BaselineHistory;
import io.github.dockercache.store.FileLocks;
import io.github.dockercache.store.Provenance;
import io.github.dockercache.store.SnapshotFormatException;
import io.github.dockercache.store.SnapshotStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The three goals, check, explain and baseline, as plain Java: the mojos only map configuration and log. */
public final class Workflow {
    public static final String SNAPSHOT_FILE = "snapshot.json";
    public static final String STAT_CACHE_FILE = "stat-cache.json";
    public static final String JUNIT_FILE = "dockercache-junit.xml";
    public static final String SARIF_FILE = "dockercache.sarif";
    public static final String SUMMARY_FILE = "summary.md";

    private Workflow() {}

    /** Computes the snapshot, compares it with the baseline and decides whether the build fails. */
    public static Outcome check(Request request) throws WorkflowException {
        return compareWithBaseline(request, Goal.CHECK, null);
    }

    /** The first miss of each chain with every cause; never fails on a miss. */
    public static Outcome explain(Request request) throws WorkflowException {
        return explain(request, null);
    }

    /**
     * As {@link #explain(Request)}, after check has run for the same image in the same build: what check printed
     * is not printed again, only what check does not print (the advice in full, the report's place).
     *
     * @param byCheck what check printed for this image ({@link Outcome#lines()}), or null when it has not run
     */
    public static Outcome explain(Request request, Printed byCheck) throws WorkflowException {
        return compareWithBaseline(request, Goal.EXPLAIN, byCheck);
    }

    /** The JSON report a goal writes into the output directory: {@code check.json}, {@code explain.json}. */
    public static String jsonFile(Goal goal) {
        return goal.label() + ".json";
    }

    /** The HTML report a goal writes into the output directory: {@code check.html}, {@code explain.html}. */
    public static String htmlFile(Goal goal) {
        return goal.label() + ".html";
    }

    private static Outcome compareWithBaseline(Request request, Goal goal, Printed byCheck) throws WorkflowException {
        List<ReportLine> lines = new ArrayList<>();
        Snapshot baseline = readBaseline(request, lines);
        Analysis analysis = analyseAndStore(request, imageDigests(request, baseline, lines));
        lines.addAll(0, ownOutputCopied(analysis.snapshot(), request));
        // reports and the console name the Dockerfile from the reactor root; the stored snapshot keeps its own name
        Snapshot snapshot = analysis.snapshot().withDockerfile(shownDockerfile(request));
        List<String> warnings = warnings(analysis.snapshot(), request);
        List<Finding> advice = advise(analysis, request);
        String baselineName = request.baselineSource().describe();
        if (baseline != null) {
            recoverableSecrets(
                    baseline, snapshot, baselineName, "record it again with 'mvn dockercache:baseline'", lines);
        }
        if (baseline == null) {
            if (request.onMissingBaseline() != OnMissingBaseline.SKIP) {
                lines.addAll(TextReport.withoutBaseline(snapshot));
            }
            lines.addAll(adviceLines(advice, goal == Goal.EXPLAIN, request));
            writeReports(
                    request,
                    goal,
                    JsonReport.withoutBaseline(goal, snapshot),
                    HtmlReport.withoutBaseline(
                            goal,
                            snapshot,
                            baselineName,
                            request.invocation().hints().goal("baseline"),
                            advice));
            if (goal == Goal.EXPLAIN) {
                lines.add(htmlPointer(request));
            }
            return new Outcome(warnings, lines, null, Tally.uncompared(snapshot), unmatched(request, analysis));
        }
        Comparison comparison = Comparison.compare(
                snapshot, baseline, request.policy(), request.build().contextDir());
        // what both goals print to explain the comparison; explain leaves it out when check printed it already
        List<ReportLine> costs = costs(request, comparison);
        List<ReportLine> explanation = new ArrayList<>(TextReport.explain(comparison));
        explanation.addAll(costs);
        List<StepResult> violations = goal == Goal.CHECK ? request.failOn().violations(comparison.steps()) : List.of();
        if (goal == Goal.CHECK) {
            lines.addAll(TextReport.check(comparison, request.failOn()));
            lines.addAll(costs);
        } else if (byCheck == null || !byCheck.includes(explanation)) {
            lines.addAll(explanation);
        } else if (!comparison.firstMisses().isEmpty()) {
            lines.add(new ReportLine(ReportLine.Level.INFO, "The causes are as check printed them above."));
        }
        lines.addAll(adviceLines(advice, goal == Goal.EXPLAIN, request));
        writeReports(
                request,
                goal,
                JsonReport.of(goal, comparison, baselineName, !violations.isEmpty()),
                HtmlReport.of(goal, comparison, request.failOn(), baselineName, advice));
        String failure = null;
        if (goal == Goal.CHECK) {
            writeCiReports(request, comparison);
            failure = violations.isEmpty() ? null : failureMessage(violations, request);
        } else {
            lines.add(htmlPointer(request));
        }
        return new Outcome(warnings, lines, failure, Tally.of(comparison), unmatched(request, analysis));
    }

    /** Which steps a change to {@code path} (relative to the context) would rebuild, ignoring .dockerignore'd paths. */
    public static Outcome impact(Request request, String path) throws WorkflowException {
        Analysis analysis = analyseAndStore(request, ImageDigests.NONE);
        List<ReportLine> lines = new ArrayList<>();
        boolean ignored = analysis.context().isIgnored(path);
        Map<StepSnapshot, Verdict> affected = ignored ? Map.of() : Impact.of(analysis.snapshot(), path);
        if (ignored) {
            lines.add(new ReportLine(
                    ReportLine.Level.INFO, path + " is excluded by .dockerignore: a change to it rebuilds nothing."));
        } else if (affected.isEmpty()) {
            lines.add(new ReportLine(
                    ReportLine.Level.INFO, "No step reads " + path + ": a change to it rebuilds nothing."));
        } else {
            lines.add(new ReportLine(ReportLine.Level.INFO, "A change to " + path + " would rebuild:"));
            affected.forEach((step, verdict) -> lines.add(new ReportLine(
                    ReportLine.Level.INFO,
                    "  " + step.id() + "  " + step.text()
                            + (verdict == Verdict.UNKNOWN ? "  (if the files it copies change)" : ""))));
        }
        return new Outcome(List.of(), lines, null, null);
    }

    /** Records the current state as the baseline; refuses to replace a file it cannot read unless forced. */
    public static Outcome baseline(Request request) throws WorkflowException {
        List<ReportLine> lines = new ArrayList<>();
        Path file = request.baseline();
        // resolving records what the tags stand for now; offline, the digests the baseline knew are carried over
        Snapshot known = request.resolve() ? null : readLeniently(file);
        Analysis analysis = analyseAndStore(request, imageDigests(request, known, lines));
        Snapshot snapshot = analysis.snapshot();
        lines.addAll(0, ownOutputCopied(snapshot, request));
        String commit =
                Provenance.commit(request.build().contextDir(), System.getenv()).orElse(null);
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Recorded recorded;
        try {
            // read, merge and write under one lock, so that two builds recording at once both stay in the history
            recorded = FileLocks.withLock(file, () -> {
                Snapshot previous = readForUpdate(request);
                boolean leaky = previous != null
                        && recoverableSecrets(
                                previous,
                                snapshot,
                                show(request, file),
                                "it is recorded afresh, without the history computed from them",
                                lines);
                Snapshot merged = BaselineHistory.merge(
                        snapshot, request.fresh() || leaky ? null : previous, now, commit, request.historySize());
                SnapshotStore.write(file, merged);
                return new Recorded(previous, merged);
            });
        } catch (IOException e) {
            throw new WorkflowException(
                    "Cannot update the baseline " + show(request, file) + ": " + IoReasons.describe(e), e, false);
        }
        String change = recorded.previous() == null
                ? "new"
                : changedSteps(recorded.previous(), snapshot) + " of "
                        + snapshot.steps().size() + " step keys are new";
        int builds = recorded.merged().history().size();
        lines.add(new ReportLine(
                ReportLine.Level.INFO,
                "Recorded the baseline " + show(request, file) + " with "
                        + snapshot.steps().size() + " steps (" + change + "; it remembers " + builds
                        + " build" + (builds == 1 ? "" : "s") + ")."));
        if (!file.toAbsolutePath().startsWith(request.outputDirectory().toAbsolutePath())) {
            lines.add(new ReportLine(ReportLine.Level.INFO, "Commit it, so that every build compares with it."));
        }
        // the roll-up of a reactor shows what this recording changed: steps whose keys the baseline knew count as
        // cached
        Tally tally = recorded.previous() == null
                ? Tally.uncompared(snapshot)
                : Tally.of(Comparison.compare(
                        snapshot,
                        recorded.previous(),
                        request.policy(),
                        request.build().contextDir()));
        return new Outcome(warnings(snapshot, request), lines, null, tally, unmatched(request, analysis));
    }

    private record Recorded(Snapshot previous, Snapshot merged) {}

    /**
     * Warns when {@code baseline} holds secrets in a form a guess reverses (written by an earlier version, or before
     * a build arg was secret); true when it does.
     */
    private static boolean recoverableSecrets(
            Snapshot baseline, Snapshot current, String name, String remedy, List<ReportLine> lines) {
        List<String> found = Secrets.recoverableIn(baseline, current);
        if (!found.isEmpty()) {
            lines.add(new ReportLine(
                    ReportLine.Level.WARN,
                    "The baseline " + name + " holds secret values in a form"
                            + " that can be reversed by guessing (" + String.join(", ", found)
                            + "), written by an earlier"
                            + " dockercache or before these build args were secret: " + remedy
                            + ", and rotate those secrets,"
                            + " since the file and its history in version control keep them (docs/secrets.md)."));
        }
        return !found.isEmpty();
    }

    /** The baseline about to be replaced, null when there is none; one that cannot be read is kept unless forced. */
    private static Snapshot readForUpdate(Request request) throws WorkflowException, IOException {
        Path file = request.baseline();
        if (!Files.exists(file)) {
            return null;
        }
        String reason;
        Exception cause;
        try {
            return SnapshotStore.read(file);
        } catch (SnapshotFormatException e) {
            reason = e.reason();
            cause = e;
        } catch (IOException e) {
            reason = "it cannot be read (" + IoReasons.describe(e) + ")";
            cause = e;
        }
        if (!request.force()) {
            throw new WorkflowException(
                    "Refusing to overwrite " + show(request, file) + ": " + reason
                            + ". To replace it anyway, run again with "
                            + request.invocation().hints().setting("force", "true")
                            + ".",
                    cause,
                    true);
        }
        return null;
    }

    private static long changedSteps(Snapshot previous, Snapshot snapshot) {
        Set<String> keys =
                previous.builds().stream().flatMap(b -> b.keys().stream()).collect(Collectors.toSet());
        return snapshot.steps().stream()
                .filter(s -> s.key() == null || !keys.contains(s.key()))
                .count();
    }

    private static Snapshot readLeniently(Path file) {
        try {
            return Files.exists(file) ? SnapshotStore.read(file) : null;
        } catch (IOException | SnapshotFormatException e) {
            return null; // the locked read before writing reports it
        }
    }

    /**
     * What FROM, {@code COPY --from=<image>} and {@code RUN --mount=from=<image>} are keyed on. Offline: what the baseline recorded (the tag is assumed not to have moved). With
     * {@code resolve}: the registry's answer, as far as the baseline recorded the same (else the keys could not be
     * compared, and the user is told to record the baseline with resolve): the digest alone where the baseline has no
     * layers, nothing where it has no digest.
     */
    static ImageDigests imageDigests(Request request, Snapshot baseline, List<ReportLine> lines) {
        Map<String, BaseImage> recorded = baseline == null ? Map.of() : ImageDigests.recordedIn(baseline);
        if (!request.resolve()) {
            return (reference, platform) -> recorded.get(reference);
        }
        ImageDigests registry = ImageDigests.resolving(new ImageResolver());
        Set<String> warned = new HashSet<>();
        return (reference, platform) -> {
            if (baseline == null) {
                return registry.imageOf(reference, platform);
            }
            BaseImage then = recorded.get(reference);
            if (then == null) {
                if (!reference.contains("@") && warned.add(reference)) {
                    lines.add(new ReportLine(
                            ReportLine.Level.WARN,
                            "The baseline records no digest for " + reference
                                    + ", so a moved tag cannot be told: record the baseline with " + resolving(request)
                                    + "."));
                }
                return null;
            }
            BaseImage now = registry.imageOf(reference, platform);
            if (then.layers() == null) {
                if (warned.add(reference)) {
                    lines.add(new ReportLine(
                            ReportLine.Level.WARN,
                            "The baseline records no layers for " + reference
                                    + ", so a tag pushed again with the same layers looks like a new image: record the"
                                    + " baseline again with " + resolving(request) + "."));
                }
                return BaseImage.ofDigest(now.digest());
            }
            return now;
        };
    }

    /**
     * With {@code resolve}, the registry's image configurations, for the build checks that need them; an image whose
     * configuration cannot be read is left unknown, so those checks are not made for it (never a guessed warning).
     */
    private static BaseImageConfigs imageConfigs(Request request) {
        if (!request.resolve()) {
            return BaseImageConfigs.NONE;
        }
        ImageResolver resolver = new ImageResolver();
        Map<String, Optional<BaseImageConfig>> fetched = new HashMap<>();
        return (reference, platform) -> fetched.computeIfAbsent(reference + " " + platform, key -> {
            try {
                ImageConfig config = resolver.config(reference, platform);
                return Optional.of(
                        new BaseImageConfig(config.env(), config.os(), config.architecture(), config.variant()));
            } catch (ImageResolutionException e) {
                return Optional.empty();
            }
        });
    }

    /** The baseline goal with registry resolution on, as the user would run it here. */
    private static String resolving(Request request) {
        Hints hints = request.invocation().hints();
        return hints.goal("baseline") + " " + hints.setting("resolve", "true");
    }

    /**
     * Computes the snapshot, with the project's dependencies (the build tool's list where there is one, and the digests
     * of the manifests at the top of the context), and writes it; refuses (without writing) when the image copies an
     * unfinished build output.
     */
    static Analysis analyseAndStore(Request request, ImageDigests digests) throws WorkflowException {
        UnfinishedOutputs outputs = new UnfinishedOutputs(request);
        Analysis analysis;
        try {
            analysis = CacheModel.analyse(
                    request.build(),
                    request.outputDirectory().resolve(STAT_CACHE_FILE),
                    request.progress(),
                    digests,
                    imageConfigs(request));
        } catch (AnalysisException e) {
            String message = shown(e.getMessage(), request);
            if (e.getCause() instanceof ImageResolutionException) {
                message += " (" + request.invocation().hints().setting("resolve", "false") + ")";
            }
            WorkflowException unbuilt = outputs.missingSource(e, message);
            throw unbuilt != null ? unbuilt : new WorkflowException(message, e, true);
        }
        Dependencies dependencies = new Dependencies(
                request.dependencies(),
                request.modules(),
                DependencyManifests.digests(
                        request.build().contextDir(), request.policy().manifests()));
        analysis = new Analysis(
                analysis.snapshot().withDependencies(dependencies),
                analysis.dockerfile(),
                analysis.dockerfileText(),
                analysis.context(),
                analysis.secretExposures());
        outputs.requireFinished(analysis.snapshot());
        Path file = request.outputDirectory().resolve(SNAPSHOT_FILE);
        try {
            SnapshotStore.write(file, analysis.snapshot());
        } catch (IOException e) {
            throw new WorkflowException("Cannot write the snapshot " + file + ": " + IoReasons.describe(e), e, false);
        }
        return analysis;
    }

    /** The step times of the request's build log, or null when it names none. */
    static StepCosts readCosts(Request request) throws WorkflowException {
        if (request.buildLog() == null) {
            return null;
        }
        try {
            return StepCosts.read(request.buildLog());
        } catch (CostLogException e) {
            throw new WorkflowException(e.getMessage(), e, true);
        }
    }

    /** What each chain of misses costs, from the step times of a real build's log, when one is given. */
    private static List<ReportLine> costs(Request request, Comparison comparison) throws WorkflowException {
        if (request.buildLog() == null) {
            return List.of();
        }
        StepCosts costs = readCosts(request);
        List<ReportLine> lines = new ArrayList<>();
        for (StepResult miss : comparison.firstMisses()) {
            List<String> chain = comparison.steps().stream()
                    .filter(s -> s.verdict() != Verdict.CACHED && s.rootStepId().equals(miss.stepId()))
                    .map(StepResult::stepId)
                    .toList();
            Duration cost = costs.costOf(chain);
            boolean partial = !costs.unmeasured(chain).isEmpty();
            // a step only a real build can judge is no miss: what it would cost, if it is rebuilt
            lines.add(new ReportLine(
                    ReportLine.Level.INFO,
                    (miss.verdict() == Verdict.UNKNOWN
                                    ? "If " + miss.stepId() + " is rebuilt, that costs "
                                    : "Rebuilding from " + miss.stepId() + " costs ")
                            + (partial ? "at least " : "about ") + StepCosts.format(cost) + " (" + chain.size()
                            + " step"
                            + (chain.size() == 1 ? "" : "s") + ", times from "
                            + request.buildLog().getFileName() + ")."));
        }
        return lines;
    }

    /** Cache-hygiene advice with rule ids (docs/rules.md). */
    private static List<Finding> advise(Analysis analysis, Request request) throws WorkflowException {
        try {
            return Advisor.advise(analysis, request.build(), request.outputDirectory(), request.disabledRules());
        } catch (IllegalArgumentException e) {
            throw new WorkflowException("<disabledRules>: " + e.getMessage(), e, true);
        }
    }

    /** The advice in full for explain, as a one-line hint for check. */
    private static List<ReportLine> adviceLines(List<Finding> findings, boolean full, Request request) {
        List<ReportLine> lines = new ArrayList<>();
        if (findings.isEmpty()) {
            return lines;
        }
        if (!full) {
            lines.add(new ReportLine(
                    ReportLine.Level.INFO,
                    findings.size() + " hint" + (findings.size() == 1 ? "" : "s")
                            + " to keep the cache ("
                            + findings.stream().map(Finding::ruleId).distinct().collect(Collectors.joining(", "))
                            + "): run " + request.invocation().hints().goal("explain") + "."));
            return lines;
        }
        lines.add(new ReportLine(ReportLine.Level.INFO, "Advice:"));
        for (Finding finding : findings) {
            lines.add(new ReportLine(
                    ReportLine.Level.INFO,
                    "  [" + finding.ruleId() + "] " + shown(finding.location(), request) + ": " + finding.message()));
            finding.fix().lines().forEach(fix -> lines.add(new ReportLine(ReportLine.Level.INFO, "      " + fix)));
        }
        return lines;
    }

    /** The baseline, or null when there is none and the request says to go on without it. */
    private static Snapshot readBaseline(Request request, List<ReportLine> lines) throws WorkflowException {
        return readBaseline(request, why -> missingBaseline(request, lines, why));
    }

    /** What a goal does when there is no baseline, told why: returns what to compare with, or throws. */
    interface MissingBaseline {
        Snapshot handle(String why) throws WorkflowException;
    }

    /** The baseline; when there is none, what {@code missing} makes of it. */
    static Snapshot readBaseline(Request request, MissingBaseline missing) throws WorkflowException {
        BaselineSource source = request.baselineSource();
        Path file;
        try {
            file = source.locate();
        } catch (BaselineUnavailableException e) {
            return missing.handle(e.getMessage());
        }
        try {
            return SnapshotStore.read(file);
        } catch (NoSuchFileException e) {
            return missing.handle("No baseline at " + source.describe() + ": nothing to compare with yet.");
        } catch (SnapshotFormatException e) {
            Hints hints = request.invocation().hints();
            throw new WorkflowException(
                    "The baseline " + source.describe() + " cannot be used: " + e.reason()
                            + ". Record it again with " + hints.goal("baseline") + " " + hints.setting("force", "true")
                            + " (which replaces a file it cannot read), or delete it.",
                    e,
                    true);
        } catch (IOException e) {
            throw new WorkflowException(
                    "Cannot read the baseline " + source.describe() + ": " + IoReasons.describe(e), e, false);
        }
    }

    /** No baseline to compare with: a warning in warn mode (the build is not checked), a failure, or one line. */
    private static Snapshot missingBaseline(Request request, List<ReportLine> lines, String why)
            throws WorkflowException {
        Hints hints = request.invocation().hints();
        switch (request.onMissingBaseline()) {
            case FAIL ->
                throw new WorkflowException(
                        why + " Record one with " + hints.goal("baseline") + ", or set "
                                + hints.setting("onMissingBaseline", "warn") + " to go on without it.",
                        null,
                        true);
            case SKIP ->
                lines.add(new ReportLine(ReportLine.Level.INFO, why + " Comparison skipped (onMissingBaseline=skip)."));
            default -> {
                lines.add(new ReportLine(ReportLine.Level.WARN, why));
                lines.add(new ReportLine(
                        ReportLine.Level.INFO,
                        "Record one with " + hints.goal("baseline")
                                + " and commit it; later builds are then checked against it."));
            }
        }
        return null;
    }

    /**
     * The goal's JSON and HTML reports in the output directory, each goal its own, so that explain never overwrites
     * what check decided; check's JSON also to the requested path.
     */
    private static void writeReports(Request request, Goal goal, String json, String html) throws WorkflowException {
        Map<Path, String> reports = new LinkedHashMap<>();
        reports.put(request.outputDirectory().resolve(jsonFile(goal)), json);
        if (request.report() != null && goal == Goal.CHECK) {
            reports.put(request.report(), json);
        }
        reports.put(request.outputDirectory().resolve(htmlFile(goal)), html);
        for (Map.Entry<Path, String> report : reports.entrySet()) {
            try {
                SnapshotStore.writeAtomically(report.getKey(), report.getValue());
            } catch (IOException e) {
                throw new WorkflowException(
                        "Cannot write the report " + report.getKey() + ": " + IoReasons.describe(e), e, false);
            }
        }
    }

    private static ReportLine htmlPointer(Request request) {
        return new ReportLine(
                ReportLine.Level.INFO,
                "The chain of steps, with every cause and the advice: "
                        + request.outputDirectory()
                                .resolve(htmlFile(Goal.EXPLAIN))
                                .toUri());
    }

    /** JUnit XML, SARIF and a Markdown summary, which CI systems show; the summary also goes to GitHub's step summary. */
    private static void writeCiReports(Request request, Comparison comparison) throws WorkflowException {
        Path output = request.outputDirectory();
        String markdown = MarkdownReport.of(comparison, request.failOn());
        Path dockerfile = request.build().dockerfile();
        String sarifPath = Provenance.repositoryRoot(dockerfile)
                .map(root -> root.relativize(dockerfile.toAbsolutePath().normalize())
                        .toString()
                        .replace('\\', '/'))
                .orElse(comparison.current().dockerfile());
        try {
            SnapshotStore.writeAtomically(output.resolve(JUNIT_FILE), JUnitReport.of(comparison, request.failOn()));
            SnapshotStore.writeAtomically(
                    output.resolve(SARIF_FILE), SarifReport.of(comparison, request.failOn(), sarifPath));
            SnapshotStore.writeAtomically(output.resolve(SUMMARY_FILE), markdown);
            MarkdownReport.appendToStepSummary(System.getenv(MarkdownReport.STEP_SUMMARY_VARIABLE), markdown);
        } catch (IOException e) {
            throw new WorkflowException(
                    "Cannot write the CI reports in " + output + ": " + IoReasons.describe(e), e, false);
        }
    }

    /** The Dockerfile's warnings (parser, build checks), located as the console names the file. */
    static List<String> warnings(Snapshot snapshot, Request request) {
        return snapshot.warnings().stream()
                .map(warning -> shown(warning, request))
                .toList();
    }

    /** The Dockerfile as the console and reports name it: from the reactor root. */
    static String shownDockerfile(Request request) {
        return show(request, request.build().dockerfile());
    }

    /** A message that starts with the Dockerfile's location as the analysis named it, located from the reactor root. */
    private static String shown(String message, Request request) {
        String analysed = CacheModel.displayName(
                request.build().contextDir(), request.build().dockerfile());
        return message != null && (message.equals(analysed) || message.startsWith(analysed + ":"))
                ? shownDockerfile(request) + message.substring(analysed.length())
                : message;
    }

    static String show(Request request, Path path) {
        return DisplayPaths.of(request.invocation().root(), path);
    }

    /** A warning when a COPY sends the plugin's own output, which changes on every build (cache-model §4). */
    private static List<ReportLine> ownOutputCopied(Snapshot snapshot, Request request) {
        List<ReportLine> lines = new ArrayList<>();
        Path context = request.build().contextDir().toAbsolutePath().normalize();
        Path output = request.outputDirectory().toAbsolutePath().normalize();
        if (output.startsWith(context) && !output.equals(context)) {
            String prefix = context.relativize(output).toString().replace('\\', '/') + "/";
            snapshot.steps().stream()
                    .filter(step -> step.files().stream().anyMatch(path -> (path + "/").startsWith(prefix)))
                    .findFirst()
                    .ifPresent(step -> lines.add(new ReportLine(
                            ReportLine.Level.WARN,
                            "Step " + step.id() + " ("
                                    + step.text() + ") copies " + prefix
                                    + ", the plugin's own output, which changes on every"
                                    + " build; add " + prefix.substring(0, prefix.indexOf('/') + 1)
                                    + " to .dockerignore")));
        }
        return lines;
    }

    /** The stability overrides that match nothing in this image. */
    private static List<StabilityPolicy.Unmatched> unmatched(Request request, Analysis analysis) {
        List<String> stageNames = analysis.dockerfile().stages().stream()
                .map(stage -> stage.name() == null ? "stage-" + stage.index() : stage.name())
                .toList();
        return request.policy().unmatched(analysis.snapshot(), stageNames);
    }

    private static String failureMessage(List<StepResult> violations, Request request) {
        String steps = violations.stream()
                .map(s -> s.stepId() + " (" + s.instruction() + ", line " + s.line() + ")")
                .collect(Collectors.joining(", "));
        String what = request.failOn() == FailOn.STABLE ? " stable step" : " step";
        Hints hints = request.invocation().hints();
        return violations.size() + what + (violations.size() == 1 ? "" : "s") + " would be rebuilt: " + steps
                + ". The causes are listed above. If the change is intended, record a new baseline with "
                + hints.goal("baseline") + "; to report without failing, set " + hints.setting("failOn", "never") + ".";
    }
}
