package io.github.dockercache.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.FailOn;
import io.github.dockercache.compare.StabilityPolicy;
import io.github.dockercache.compare.StepResult;
import io.github.dockercache.compare.Verdict;
import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.dockerfile.BuildKitVersion;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.Secrets;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.store.SnapshotFormatException;
import io.github.dockercache.store.SnapshotStore;
import io.github.dockercache.workflow.BaselineWorkflow;
import io.github.dockercache.workflow.Goals;
import io.github.dockercache.workflow.ImageAnalysis;
import io.github.dockercache.workflow.OnMissingBaseline;
import io.github.dockercache.workflow.Outcome;
import io.github.dockercache.workflow.TestHints;
import io.github.dockercache.workflow.Workflow;
import io.github.dockercache.workflow.WorkflowException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The gate on the real projects, without an engine: for each edit, {@code check} with default settings (the default
 * stability policy, {@code failOn=stable}), run through the workflow as the goal runs it, against a baseline that
 * {@code baseline} recorded from the project as checked out, must decide what {@code project.json} records: pass,
 * expected, or fail. {@link ProjectDifferentialTest} checks the step verdicts behind it on the engines.
 */
class ProjectGateTest {
    private static final Path WORK_ROOT = Path.of("target", "projects-gate");

    @TestFactory
    Stream<DynamicContainer> eachEditGetsItsGateOutcome() throws IOException {
        Pattern only = Pattern.compile(System.getProperty("differential.only", ".*"));
        return Project.all().stream()
                .filter(project -> only.matcher(project.name()).matches())
                .map(project -> {
                    Once<Map<String, Checked>> compared = new Once<>(() -> compare(project));
                    return dynamicContainer(
                            project.name(),
                            project.definitionFile().toUri(),
                            project.edits().stream()
                                    .map(edit -> dynamicTest(
                                            edit.name() + " (" + edit.kind() + "): " + edit.gate(),
                                            () -> checkGate(
                                                    project,
                                                    edit,
                                                    compared.get().get(edit.name())))));
                });
    }

    /**
     * What {@code check} decided: fail when it failed the build, else expected when it let stable steps be rebuilt
     * (each for expected causes only), else pass.
     */
    private static Project.Gate gate(Checked checked) {
        if (checked.outcome().failed()) {
            return Project.Gate.FAIL;
        }
        return checked.comparison().steps().stream()
                        .anyMatch(step -> step.stable() && step.verdict() == Verdict.REBUILT)
                ? Project.Gate.EXPECTED
                : Project.Gate.PASS;
    }

    private static void checkGate(Project project, Project.Edit edit, Checked checked) {
        Comparison comparison = checked.comparison();
        String printed = checked.outcome().lines().stream()
                .map(line -> "  " + line.text() + "\n")
                .collect(Collectors.joining());
        assertEquals(
                checked.outcome().failed(),
                !FailOn.STABLE.violations(comparison.steps()).isEmpty(),
                () -> "check decided otherwise than the comparison read back from its snapshot and baseline");
        assertEquals(
                edit.gate(),
                gate(checked),
                () -> project.name() + " / " + edit.name() + ": "
                        + edit.description() + "\nstable steps, as check sees them:\n" + stableSteps(comparison)
                        + "check printed:\n" + printed);
        // A stable step that may be rebuilt never fails check; the pass is honest only when check says why it cannot
        // tell.
        for (StepResult step : comparison.steps()) {
            if (step.stable() && step.verdict() == Verdict.UNKNOWN && step.isFirstMiss()) {
                assertTrue(
                        step.unknownReason() != null && printed.contains("? " + step.unknownReason()),
                        () -> project.name() + " / " + edit.name() + ": stable step " + step.stepId()
                                + " may be rebuilt, and check did not say why:\n" + printed);
            }
        }
    }

    private static String stableSteps(Comparison comparison) {
        return comparison.steps().stream()
                .filter(StepResult::stable)
                .map(step -> String.format(
                        "  %-26s %-8s %s%n      causes: %s%n",
                        step.stepId(),
                        step.verdict(),
                        step.text(),
                        step.causes().stream()
                                .map(cause ->
                                        cause.kind() + (cause.expected() ? " (expected)" : "") + " " + cause.detail())
                                .collect(Collectors.joining("; "))))
                .collect(Collectors.joining())
                .transform(text -> text.isEmpty() ? "  (none)\n" : text);
    }

    /**
     * Each edit checked as a user checks it, by edit name: {@code baseline} recorded through the workflow on the project
     * as checked out, then {@code check} on each edit, with what the plugin records besides the steps (without a pom
     * in play, the digests of the dependency manifests), each compared with the baseline as {@code check} read it.
     */
    private static Map<String, Checked> compare(Project project)
            throws IOException, WorkflowException, SnapshotFormatException {
        Path checkout = WORK_ROOT.resolve(project.name()).toAbsolutePath();
        Path state = WORK_ROOT
                .resolve(project.name() + ".dockercache")
                .toAbsolutePath(); // beside: edits replace the checkout
        FileTrees.delete(state);
        Path baselineFile = state.resolve("baseline.json");
        Path context = project.checkout(checkout);
        BaselineWorkflow.record(request(project, context, project.build(), baselineFile, state.resolve("base"))
                .baseline());
        Snapshot baseline = SnapshotStore.read(baselineFile);
        Map<String, Checked> checked = new LinkedHashMap<>();
        for (Project.Edit edit : project.edits()) {
            context = project.checkout(checkout);
            project.apply(edit, checkout);
            Path output = state.resolve("edit-" + edit.name());
            Outcome outcome = Workflow.check(
                    request(project, context, project.build(edit), baselineFile, output)
                            .compare(),
                    null);
            Snapshot after = SnapshotStore.read(output.resolve(ImageAnalysis.SNAPSHOT_FILE));
            checked.put(
                    edit.name(),
                    new Checked(outcome, Comparison.compare(after, baseline, StabilityPolicy.defaults(), context)));
        }
        return checked;
    }

    /** What {@code check} printed and decided, and the comparison it decided on. */
    private record Checked(Outcome outcome, Comparison comparison) {}

    /**
     * The goals' request with default settings on a Linux machine, without a pom: {@code -Ddockercache.context=DIR},
     * which records the dependency manifests' digests where Maven would list the dependencies.
     */
    private static Goals request(Project project, Path context, BuildSpec spec, Path baseline, Path output) {
        BuildSettings settings = new BuildSettings(
                context,
                project.dockerfile(context),
                spec.buildArgs(),
                spec.target(),
                ClientPlatform.LINUX,
                null,
                Builder.BUILDKIT,
                BuildKitVersion.NEWEST,
                Secrets.PATTERNS_ONLY,
                spec.environment().get(BuildSettings.SOURCE_DATE_EPOCH));
        return Goals.of(Goals.image(settings, output, TestHints.at(context)), baseline, baseline.toString())
                .with(OnMissingBaseline.FAIL);
    }

    @Test
    void standInsAreTheSameImageInEveryProject() throws IOException {
        Map<String, Project.StandIn> seen = new HashMap<>();
        for (Project project : Project.all()) {
            project.images().forEach((image, standIn) -> {
                Project.StandIn earlier = seen.putIfAbsent(image, standIn);
                assertTrue(
                        earlier == null || earlier.equals(standIn),
                        () -> image + " is described two ways; " + project.name() + " says " + standIn);
            });
        }
    }

    @Test
    void sourcesListEveryProject() throws IOException {
        Path sources = Project.root().resolve("SOURCES.md");
        String table = Files.readString(sources, StandardCharsets.UTF_8);
        List<Project> projects = Project.all();
        assertTrue(projects.size() >= 15, "the corpus holds at least 15 real projects");
        for (Project project : projects) {
            Project.Source source = project.source();
            String row = "| `" + project.name() + "` | [" + source.repository() + "](https://github.com/"
                    + source.repository() + ") | `" + source.path() + "` | `" + source.commit() + "` | "
                    + source.licence() + " |";
            assertTrue(table.contains(row), () -> sources + " lacks the row\n" + row);
        }
    }
}
