package io.github.dockercache.maven;

import io.github.dockercache.dockerfile.BuildKitVersion;
import io.github.dockercache.files.IoReasons;
import io.github.dockercache.lint.LintException;
import io.github.dockercache.lint.LintFailOn;
import io.github.dockercache.lint.LintOptions;
import io.github.dockercache.lint.LintResult;
import io.github.dockercache.lint.Linter;
import io.github.dockercache.report.CodeQualityReport;
import io.github.dockercache.report.GitHubAnnotations;
import io.github.dockercache.report.LintConsole;
import io.github.dockercache.report.LintJUnitReport;
import io.github.dockercache.report.LintSarifReport;
import io.github.dockercache.store.SnapshotStore;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lints Dockerfiles without a build context: BuildKit's build checks, as {@code docker build --check} reports them,
 * and the cache-hygiene rules that read only the Dockerfile. Runs in any directory, with or without a project
 * (docs/lint.md). Bound in a pom, it runs at {@code validate}: before anything is compiled.
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VALIDATE, requiresProject = false, threadSafe = true)
public class LintMojo extends AbstractMojo {
    private static final String PATHS = "dockercache.lint.paths";

    /**
     * Dockerfiles, directories to search for them, or globs ({@code docker/**}{@code /Dockerfile*}), relative to the
     * current directory; default the current directory.
     */
    @Parameter(property = PATHS)
    List<String> paths;

    /** The directory paths are relative to and outputs name files from. */
    @Parameter(defaultValue = "${basedir}", readonly = true, required = true)
    File basedir;

    /**
     * The least level that fails: {@code error}, {@code warning} (the default: {@code docker build --check} exits
     * with an error on any warning, and a lint run is asked for to stop on them), {@code info} or {@code never}.
     */
    @Parameter(property = "dockercache.lint.failOn", defaultValue = "warning")
    String failOn;

    /**
     * The {@code BUILDKIT_DOCKERFILE_CHECK} build argument, as {@code docker build --build-arg} gives it: replaces
     * every file's {@code # check=} directive ({@code skip=JSONArgsRecommended;error=true}).
     */
    @Parameter(property = "dockercache.lint.check")
    String check;

    /** Write the findings as SARIF 2.1.0 to this file (GitHub code scanning). */
    @Parameter(property = "dockercache.lint.sarif")
    File sarif;

    /** Write the findings as JUnit XML to this file, one test case per Dockerfile. */
    @Parameter(property = "dockercache.lint.junit")
    File junit;

    /** Write the findings as a GitLab code quality report to this file. */
    @Parameter(property = "dockercache.lint.codeQuality")
    File codeQuality;

    /**
     * Print GitHub Actions annotations ({@code ::warning file=...}) to standard output: {@code auto} (when
     * {@code GITHUB_ACTIONS=true}), {@code true} or {@code false}.
     */
    @Parameter(property = "dockercache.lint.githubAnnotations", defaultValue = "auto")
    String githubAnnotations;

    /** Cache-hygiene rule ids not to run ({@code DC301}). */
    @Parameter(property = "dockercache.disabledRules")
    List<String> disabledRules;

    /** The BuildKit release whose parser and checks apply: {@code 0.13} to {@code 0.25}. */
    @Parameter(property = "dockercache.buildkitVersion", defaultValue = "0.25")
    String buildkitVersion;

    @Parameter(property = "dockercache.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("dockercache:lint skipped (dockercache.skip).");
            return;
        }
        LintFailOn threshold = setting("dockercache.lint.failOn", () -> LintFailOn.fromSetting(failOn));
        BuildKitVersion version =
                setting("dockercache.buildkitVersion", () -> BuildKitVersion.fromSetting(buildkitVersion));
        boolean annotations = setting("dockercache.lint.githubAnnotations", this::annotations);
        LintResult result;
        try {
            result = Linter.lint(
                    basedir.toPath(),
                    paths == null || paths.isEmpty() ? List.of(".") : paths,
                    new LintOptions(check, version, disabledRules == null ? Set.of() : Set.copyOf(disabledRules)));
        } catch (LintException e) {
            String setting = switch (e.input()) {
                case PATHS -> PATHS;
                case CHECK -> "dockercache.lint.check";
                case DISABLED_RULES -> "dockercache.disabledRules";
            };
            throw new MojoFailureException(setting + ": " + e.getMessage() + ".", e);
        }
        for (LintConsole.Line line : LintConsole.of(result, threshold)) {
            switch (line.level()) {
                case ERROR -> getLog().error(line.text());
                case WARNING -> getLog().warn(line.text());
                case INFO -> getLog().info(line.text());
            }
        }
        if (annotations) {
            printAnnotations(GitHubAnnotations.of(result));
        }
        write(sarif, () -> LintSarifReport.of(result));
        write(junit, () -> LintJUnitReport.of(result, threshold));
        write(codeQuality, () -> CodeQualityReport.of(result));
        int failing = result.failing(threshold).size();
        if (failing > 0) {
            throw new MojoFailureException(
                    "dockercache:lint: " + failing + " finding" + (failing == 1 ? "" : "s") + " at or above "
                            + threshold.label() + " (-Ddockercache.lint.failOn=never reports without failing).");
        }
    }

    /**
     * The runner reads workflow commands only at the start of a line of the process's standard output: Maven's log
     * would prefix them, and Maven 4 prefixes what a plugin prints to {@code System.out} too ({@code [INFO] [stdout]}),
     * so they go to the file descriptor itself, each line whole.
     */
    private static void printAnnotations(List<String> annotations) {
        // not closed: that would close the process's standard output
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        annotations.forEach(out::println);
        out.flush();
    }

    private static <T> T setting(String name, Supplier<T> setting) throws MojoFailureException {
        try {
            return setting.get();
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(name + ": " + e.getMessage() + ".", e);
        }
    }

    private boolean annotations() {
        return switch (githubAnnotations.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> "true".equals(System.getenv("GITHUB_ACTIONS"));
            case "true" -> true;
            case "false" -> false;
            default ->
                throw new IllegalArgumentException("'" + githubAnnotations + "' is not one of auto, true, false");
        };
    }

    private void write(File file, Supplier<String> text) throws MojoExecutionException {
        if (file == null) {
            return;
        }
        Path path = file.toPath().toAbsolutePath();
        try {
            Files.createDirectories(path.getParent());
            SnapshotStore.writeAtomically(path, text.get());
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write " + path + ": " + IoReasons.describe(e), e);
        }
        getLog().info("Wrote " + path);
    }
}
