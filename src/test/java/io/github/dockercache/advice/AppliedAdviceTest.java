package io.github.dockercache.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.context.BuildContext;
import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.context.ContextException;
import io.github.dockercache.context.FileEntry;
import io.github.dockercache.context.GoPath;
import io.github.dockercache.context.ScanProgress;
import io.github.dockercache.dockerfile.Dockerfile;
import io.github.dockercache.dockerfile.DockerfileException;
import io.github.dockercache.dockerfile.Stage;
import io.github.dockercache.model.Analysis;
import io.github.dockercache.model.AnalysisException;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.ImageDigests;
import io.github.dockercache.model.StepSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Applies every suggestion the plugin makes on every real project (every builder, every target) — the ignore lines
 * to the ignore file, the rewrites to the Dockerfile, placeholders filled in as a user would — and analyses the
 * result again for every target: every COPY, ADD and bind-mount source still matches what it matched, no step reads
 * a context file that no step read before, and the Dockerfile parses with no new build-check warning.
 */
class AppliedAdviceTest {
    @TempDir
    Path temp;

    private int copies;

    static List<RealProjects.Build> builds() {
        return RealProjects.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builds")
    void everySuggestionKeepsEverySourceAndTheBuild(RealProjects.Build build) throws Exception {
        Path original = copy(build.project());
        List<String> problems = new ArrayList<>();
        try {
            CacheModel.analyse(
                    settings(original, build, Builder.BUILDKIT, null), null, ScanProgress.NONE, ImageDigests.NONE);
        } catch (AnalysisException e) {
            problems.add("the project as checked out does not build: " + e.getMessage()); // nothing would be checked
        }
        Set<Finding> seen = new LinkedHashSet<>();
        for (Builder builder : Builder.values()) {
            for (String target : targets(original, build)) {
                Analysis analysis = analyse(original, build, builder, target);
                if (analysis == null) {
                    continue; // this builder or target cannot build it at all
                }
                BuildSettings settings = settings(original, build, builder, target);
                Path output = build.outputDirectory() == null
                        ? null
                        : original.resolve("context").resolve(build.outputDirectory());
                for (Finding finding : Advisor.advise(analysis, settings, output, Set.of())) {
                    if (!seen.add(finding)) {
                        continue;
                    }
                    if (finding.edits().isEmpty()) {
                        if (finding.fix().contains("\n  ")) {
                            problems.add(finding.ruleId() + " writes lines but proposes no edit: " + finding);
                        }
                        continue;
                    }
                    if (finding.edits().stream().anyMatch(Edit.Prerequisite.class::isInstance)) {
                        // the build must change first (a plugin that writes target/dependency): what the rewrite reads
                        // is not there yet, so only the Dockerfile itself can be checked
                        checkDockerfileOnly(original, build, settings, finding, problems);
                        continue;
                    }
                    Path applied = copy(build.project());
                    apply(applied, build, finding.edits());
                    for (String otherTarget : targets(original, build)) {
                        compare(build, builder, otherTarget, original, applied, finding, problems);
                    }
                }
            }
        }
        System.out.println("AppliedAdviceTest " + build + ": " + seen.size() + " suggestions ("
                + seen.stream().filter(f -> !f.edits().isEmpty()).count() + " with edits, applied): "
                + seen.stream().map(Finding::ruleId).collect(Collectors.toCollection(TreeSet::new)));
        assertEquals(List.of(), problems, () -> String.join("\n", problems));
    }

    private void compare(
            RealProjects.Build build,
            Builder builder,
            String target,
            Path original,
            Path applied,
            Finding finding,
            List<String> problems)
            throws Exception {
        Analysis before = analyse(original, build, builder, target);
        if (before == null) {
            return;
        }
        String where = finding.ruleId() + " at " + finding.location() + " (" + builder + ", target " + target + "): ";
        Analysis after;
        try {
            after = CacheModel.analyse(
                    settings(applied, build, builder, target), null, ScanProgress.NONE, ImageDigests.NONE);
        } catch (AnalysisException e) {
            problems.add(where + "the build no longer works: " + e.getMessage());
            return;
        }
        if (Rewrites.addsWarnings(before.dockerfile(), after.dockerfile())) {
            problems.add(
                    where + "new build-check warnings: " + after.dockerfile().warnings());
        }
        if (after.snapshot().warnings().size() > before.snapshot().warnings().size()) {
            problems.add(
                    where + "new warnings about the build: " + after.snapshot().warnings());
        }
        Map<String, Set<String>> namedBefore = named(before);
        Map<String, Set<String>> namedAfter = named(after);
        namedBefore.forEach((source, matches) -> {
            if (namedAfter.containsKey(source) && !namedAfter.get(source).equals(matches)) {
                problems.add(where + source + " matched " + matches + ", now " + namedAfter.get(source));
            }
        });
        Set<String> readBefore = new HashSet<>();
        before.snapshot().steps().forEach(step -> readBefore.addAll(step.reads().files()));
        for (StepSnapshot step : after.snapshot().steps()) {
            List<String> added = step.reads().files().stream()
                    .filter(file -> !readBefore.contains(file))
                    .toList();
            if (!added.isEmpty()) {
                problems.add(where + step.place().id() + " " + step.place().text() + " now reads " + added);
            }
        }
    }

    private static void checkDockerfileOnly(
            Path original, RealProjects.Build build, BuildSettings settings, Finding finding, List<String> problems)
            throws IOException {
        Path dockerfile =
                original.resolve("context").resolve(build.dockerfile()).normalize();
        String text = Files.readString(dockerfile);
        try {
            Dockerfile before = Rewrites.parse(text, "Dockerfile", settings);
            Dockerfile after =
                    Rewrites.parse(Rewrites.filled(Rewrites.apply(text, finding.edits())), "Dockerfile", settings);
            if (Rewrites.addsWarnings(before, after)) {
                problems.add(finding.ruleId() + " at " + finding.location() + ": new build-check warnings: "
                        + after.warnings());
            }
        } catch (DockerfileException e) {
            problems.add(
                    finding.ruleId() + " at " + finding.location() + ": the rewrite does not parse: " + e.getMessage());
        }
    }

    /** Per source of each step that reads the context ({@code text#index}), the paths the source itself matches. */
    private static Map<String, Set<String>> named(Analysis analysis) {
        Map<String, Set<String>> named = new LinkedHashMap<>();
        for (StepSnapshot step : analysis.snapshot().steps()) {
            if (step.reads().fromStage() != null) {
                continue;
            }
            for (int i = 0; i < step.reads().sources().size(); i++) {
                String source = step.reads().sources().get(i);
                if (!source.startsWith("http://") && !source.startsWith("https://")) {
                    named.put(
                            step.place().stage() + " " + step.place().text() + "#" + i,
                            topLevel(analysis.context(), source));
                }
            }
        }
        return named;
    }

    private static Set<String> topLevel(BuildContext context, String source) {
        String path = ContextPaths.of(source.replace("/./", "/"));
        if (path.isEmpty()) {
            return Set.of("");
        }
        if (!GoPath.containsWildcards(path)) {
            return context.entries().containsKey(path) ? Set.of(path) : Set.of();
        }
        int depth = path.split("/").length;
        try {
            return context.select(path, List.of()).entries().stream()
                    .map(FileEntry::path)
                    .filter(match -> match.split("/").length == depth)
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (ContextException e) {
            return Set.of();
        }
    }

    /** The last stage, and each named stage as {@code --target}. */
    private static List<String> targets(Path project, RealProjects.Build build) throws Exception {
        List<String> targets = new ArrayList<>();
        targets.add(null);
        Analysis analysis = analyse(project, build, Builder.BUILDKIT, null);
        if (analysis != null) {
            analysis.dockerfile().stages().stream()
                    .map(Stage::name)
                    .filter(Objects::nonNull)
                    .forEach(targets::add);
        }
        return targets;
    }

    private static Analysis analyse(Path project, RealProjects.Build build, Builder builder, String target) {
        try {
            return CacheModel.analyse(
                    settings(project, build, builder, target), null, ScanProgress.NONE, ImageDigests.NONE);
        } catch (AnalysisException e) {
            return null;
        }
    }

    private static BuildSettings settings(Path project, RealProjects.Build build, Builder builder, String target) {
        Path context = project.resolve("context");
        return new BuildSettings(
                context,
                context.resolve(build.dockerfile()).normalize(),
                build.buildArgs(),
                target,
                ClientPlatform.LINUX,
                null,
                builder);
    }

    private static void apply(Path project, RealProjects.Build build, List<Edit> edits) throws IOException {
        Path context = project.resolve("context");
        Path dockerfile = context.resolve(build.dockerfile()).normalize();
        Files.writeString(dockerfile, Rewrites.filled(Rewrites.apply(Files.readString(dockerfile), edits)));
        for (Edit edit : edits) {
            if (edit instanceof Edit.IgnoreLines ignore) {
                assertTrue(
                        !Path.of(ignore.file()).isAbsolute(), "an ignore file outside the context: " + ignore.file());
                Path file = context.resolve(ignore.file());
                String existing = Files.exists(file) ? Files.readString(file) : "";
                String separator = existing.isEmpty() || existing.endsWith("\n") ? "" : "\n";
                Files.writeString(
                        file,
                        separator + String.join("\n", ignore.lines()) + "\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        }
    }

    /** A copy of the project with its modes, as a checkout would have it. */
    private Path copy(Path project) throws IOException {
        Path target = temp.resolve("copy-" + copies++);
        try (Stream<Path> walk = Files.walk(project)) {
            for (Path source : walk.toList()) {
                Path destination = target.resolve(project.relativize(source).toString());
                if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
        return target;
    }
}
