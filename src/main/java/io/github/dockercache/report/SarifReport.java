package io.github.dockercache.report;

import com.google.gson.annotations.SerializedName;
import io.github.dockercache.compare.Cause;
import io.github.dockercache.compare.CauseKind;
import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.FailOn;
import io.github.dockercache.compare.StepResult;
import io.github.dockercache.report.Findings.Finding;
import io.github.dockercache.report.Findings.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The comparison as SARIF 2.1.0, the format code-scanning services (GitHub's upload-sarif among them)
 * annotate source with: one result per step that is, or may be, rebuilt, at the instruction's line of
 * the Dockerfile, with the changed files as related locations. A result that fails the build under the
 * failOn rule is an error; an unexpected rebuild of a stable step the rule tolerates is a warning;
 * everything else (expected rebuilds, unknowns, ordinary rebuilds) is a note.
 */
public final class SarifReport {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String INFORMATION_URI = "https://github.com/dockercache/dockercache-maven-plugin";
    private static final Set<CauseKind> FILE_CAUSES = EnumSet.of(
            CauseKind.FILE_CONTENT,
            CauseKind.FILE_MODE,
            CauseKind.UMASK_MODE,
            CauseKind.SYMLINK_TARGET,
            CauseKind.FILE_TYPE,
            CauseKind.FILE_ADDED,
            CauseKind.FILE_REMOVED,
            CauseKind.FILE_EXCLUDED);

    /** The rules, with ids that never change meaning: code-scanning services track alerts by them. */
    enum Rule {
        STABLE_STEP_REBUILT(
                "DC001",
                "StableStepRebuilt",
                "error",
                "A stable step is rebuilt for an unexpected reason",
                "A step that must stay cached (the dependency layer of its stage, or one marked"
                        + " '# dockercache:stable') would be rebuilt, and not only because of an expected change (a"
                        + " dependency manifest it copies, a dependency update in a dependency layer): every build after"
                        + " this change pays for the step again.",
                "Read the causes: a file, its mode bits, a build argument or the instruction itself. Undo the"
                        + " change, or move what changes below the expensive step; if the change is wanted, record"
                        + " a new baseline with the plugin's baseline goal and commit it."),
        STEP_REBUILT(
                "DC002",
                "StepRebuilt",
                "note",
                "A step is rebuilt for an unexpected reason",
                "A step that is not marked stable would be rebuilt. This is normal for steps that copy"
                        + " sources; with failOn=any it fails the build.",
                "If the step should stay cached, read its causes and mark it '# dockercache:stable'."),
        STEP_MAY_BE_REBUILT(
                "DC003",
                "StepMayBeRebuilt",
                "note",
                "A step may be rebuilt: only a real build can tell",
                "The step's cache key depends on something that cannot be known without building: the files"
                        + " a COPY --from reads from a stage that is rebuilt, an ADD of a URL without --checksum,"
                        + " an unpinned git reference.",
                "Pin what can be pinned (ADD --checksum, a git commit); for COPY --from, copy only the files"
                        + " the step needs, so that they come out byte-identical."),
        EXPECTED_REBUILD(
                "DC004",
                "ExpectedRebuild",
                "note",
                "A step is rebuilt for an expected reason",
                "A dependency manifest the step copies (pom.xml, package-lock.json, go.sum, ...) changed, or the"
                        + " project's dependencies changed and the step copies their files: the dependency layer is"
                        + " rebuilt, as intended.",
                "Nothing to do. Once the change is merged, record a new baseline so that later builds compare"
                        + " with it.");

        final String id;
        final String ruleName;
        final String defaultLevel;
        final String shortDescription;
        final String fullDescription;
        final String help;

        Rule(
                String id,
                String ruleName,
                String defaultLevel,
                String shortDescription,
                String fullDescription,
                String help) {
            this.id = id;
            this.ruleName = ruleName;
            this.defaultLevel = defaultLevel;
            this.shortDescription = shortDescription;
            this.fullDescription = fullDescription;
            this.help = help;
        }

        static Rule of(Finding finding) {
            return switch (finding.outcome()) {
                case UNKNOWN -> STEP_MAY_BE_REBUILT;
                case EXPECTED -> EXPECTED_REBUILD;
                case VIOLATION, TOLERATED -> finding.step().stable() ? STABLE_STEP_REBUILT : STEP_REBUILT;
                case CACHED -> throw new IllegalArgumentException("a cached step breaks no rule");
            };
        }
    }

    private SarifReport() {}

    record Log(@SerializedName("$schema") String schema, String version, List<Run> runs) {}

    record Run(Tool tool, List<Result> results) {}

    record Tool(Driver driver) {}

    record Driver(String name, String informationUri, List<ReportingDescriptor> rules) {}

    /** {@code helpUri} null where the help text says it all (Gson leaves a null out). */
    record ReportingDescriptor(
            String id,
            String name,
            Message shortDescription,
            Message fullDescription,
            Message help,
            String helpUri,
            Configuration defaultConfiguration) {}

    record Configuration(String level) {}

    record Message(String text) {}

    record Result(
            String ruleId,
            int ruleIndex,
            String level,
            Message message,
            List<Location> locations,
            List<Location> relatedLocations,
            StepProperties properties) {}

    record Location(Integer id, PhysicalLocation physicalLocation, Message message) {}

    record PhysicalLocation(ArtifactLocation artifactLocation, Region region) {}

    record ArtifactLocation(String uri) {}

    /** {@code startColumn} null where only the line is known. */
    record Region(int startLine, Integer startColumn) {}

    /** Lets a consumer tie results to the step ids of the console and the JSON report. */
    record StepProperties(String stepId, boolean stable, String rootStepId) {}

    /**
     * The SARIF log.
     *
     * @param dockerfilePath the Dockerfile as the code-scanning service knows it: a path relative to the
     *     repository root, '/'-separated and not yet URI-encoded (this method encodes it)
     */
    public static String of(Comparison comparison, FailOn failOn, String dockerfilePath) {
        Findings findings = Findings.of(comparison, failOn);
        String dockerfileUri = uriReference(dockerfilePath);
        List<Result> results = findings.all().stream()
                .filter(f -> f.outcome() != Outcome.CACHED)
                .map(f -> result(f, findings, dockerfileUri))
                .toList();
        List<ReportingDescriptor> rules = Arrays.stream(Rule.values())
                .map(r -> new ReportingDescriptor(
                        r.id,
                        r.ruleName,
                        new Message(r.shortDescription),
                        new Message(r.fullDescription),
                        new Message(r.help),
                        null,
                        new Configuration(r.defaultLevel)))
                .toList();
        Run run = new Run(new Tool(new Driver("dockercache", INFORMATION_URI, rules)), results);
        return JsonText.of(new Log(SCHEMA, "2.1.0", List.of(run)));
    }

    private static Result result(Finding finding, Findings findings, String dockerfileUri) {
        StepResult step = finding.step();
        Rule rule = Rule.of(finding);
        Location instruction = new Location(
                null, new PhysicalLocation(new ArtifactLocation(dockerfileUri), new Region(step.line(), null)), null);
        List<Location> changedFiles = new ArrayList<>();
        for (Cause cause : step.causes()) {
            if (FILE_CAUSES.contains(cause.kind())) {
                changedFiles.add(new Location(
                        changedFiles.size() + 1,
                        new PhysicalLocation(new ArtifactLocation(uriReference(cause.subject())), null),
                        new Message(Findings.describe(cause).detail())));
            }
        }
        String text = Findings.headline(step) + (step.stable() ? " [stable]" : "") + outcomeNote(finding, findings)
                + ":\n" + Findings.causeList(step).stripTrailing();
        return new Result(
                rule.id,
                rule.ordinal(),
                level(finding),
                new Message(text),
                List.of(instruction),
                changedFiles.isEmpty() ? null : changedFiles,
                new StepProperties(step.stepId(), step.stable(), step.rootStepId()));
    }

    private static String outcomeNote(Finding finding, Findings findings) {
        return switch (finding.outcome()) {
            case VIOLATION -> ", which fails the build (" + findings.rule() + ")";
            case TOLERATED -> ", which " + findings.rule() + " tolerates";
            case EXPECTED -> " for an expected reason";
            case UNKNOWN, CACHED -> "";
        };
    }

    private static String level(Finding finding) {
        if (finding.outcome() == Outcome.VIOLATION) {
            return "error";
        }
        // failOn=never: a stable layer is still lost, which deserves more than a note
        return finding.outcome() == Outcome.TOLERATED && finding.step().stable() ? "warning" : "note";
    }

    /**
     * A relative path as a URI reference: every byte but unreserved characters and '/' percent-encoded,
     * so that a space, '#' or '%' in a file name is kept, and a ':' is never read as a scheme.
     */
    static String uriReference(String path) {
        StringBuilder uri = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~/".indexOf(c) >= 0)) {
                uri.append(c);
            } else {
                uri.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xFF));
            }
        }
        return uri.toString();
    }
}
