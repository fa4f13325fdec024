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
import io.github.dockercache.context.ScanProgress;
import io.github.dockercache.model.AnalysisException;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.ImageDigests;
import io.github.dockercache.model.Snapshot;
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
 * stability policy, {@code failOn=stable}) against a baseline recorded from the project as checked out must decide
 * what {@code project.json} records: pass, expected, or fail. {@link ProjectDifferentialTest} checks the step
 * verdicts behind it on the engines.
 */
class ProjectGateTest {
    private static final Path WORK_ROOT = Path.of("target", "projects-gate");

    @TestFactory
    Stream<DynamicContainer> eachEditGetsItsGateOutcome() throws IOException {
        Pattern only = Pattern.compile(System.getProperty("differential.only", ".*"));
        return Project.all().stream().filter(project -> only.matcher(project.name()).matches()).map(project -> {
            Once<Map<String, Comparison>> compared = new Once<>(() -> compare(project));
            return dynamicContainer(project.name(), project.definitionFile().toUri(), project.edits().stream()
                    .map(edit -> dynamicTest(edit.name() + " (" + edit.kind() + "): " + edit.gate(),
                            () -> checkGate(project, edit, compared.get().get(edit.name())))));
        });
    }

    /** What {@code check} decides on a comparison with default settings. */
    static Project.Gate gate(Comparison comparison) {
        if (!FailOn.STABLE.violations(comparison.steps()).isEmpty()) {
            return Project.Gate.FAIL;
        }
        return comparison.steps().stream().anyMatch(step -> step.stable() && step.verdict() == Verdict.REBUILT)
                ? Project.Gate.EXPECTED : Project.Gate.PASS;
    }

    private static void checkGate(Project project, Project.Edit edit, Comparison comparison) {
        Project.Gate actual = gate(comparison);
        assertEquals(edit.gate(), actual, () -> project.name() + " / " + edit.name() + ": " + edit.description()
                + "\nstable steps, as check sees them:\n" + stableSteps(comparison));
    }

    private static String stableSteps(Comparison comparison) {
        return comparison.steps().stream().filter(StepResult::stable)
                .map(step -> String.format("  %-26s %-8s %s%n      causes: %s%n", step.stepId(), step.verdict(),
                        step.text(), step.causes().stream()
                                .map(cause -> cause.kind() + (cause.expected() ? " (expected)" : "") + " "
                                        + cause.detail())
                                .collect(Collectors.joining("; "))))
                .collect(Collectors.joining()).transform(text -> text.isEmpty() ? "  (none)\n" : text);
    }

    /** Each edit's comparison with the project as checked out, by edit name. */
    private static Map<String, Comparison> compare(Project project) throws IOException, AnalysisException {
        Path checkout = WORK_ROOT.resolve(project.name()).toAbsolutePath();
        Path context = project.checkout(checkout);
        Snapshot base = snapshot(project, context, project.build());
        Map<String, Comparison> comparisons = new LinkedHashMap<>();
        for (Project.Edit edit : project.edits()) {
            context = project.checkout(checkout);
            project.apply(edit, checkout);
            Snapshot after = snapshot(project, context, project.build(edit));
            comparisons.put(edit.name(), Comparison.compare(after, base, StabilityPolicy.defaults(), context));
        }
        return comparisons;
    }

    /** The snapshot {@code check} takes with default settings on a Linux machine. */
    private static Snapshot snapshot(Project project, Path context, BuildSpec spec) throws AnalysisException {
        BuildSettings settings = new BuildSettings(context, project.dockerfile(context), spec.buildArgs(),
                spec.target(), ClientPlatform.LINUX, null);
        return CacheModel.analyse(settings, null, ScanProgress.NONE, ImageDigests.NONE).snapshot();
    }

    @Test
    void standInsAreTheSameImageInEveryProject() throws IOException {
        Map<String, Project.StandIn> seen = new HashMap<>();
        for (Project project : Project.all()) {
            project.images().forEach((image, standIn) -> {
                Project.StandIn earlier = seen.putIfAbsent(image, standIn);
                assertTrue(earlier == null || earlier.equals(standIn),
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
