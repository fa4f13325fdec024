package io.github.dockercache.lint;

import io.github.dockercache.advice.Advisor;
import io.github.dockercache.advice.Finding;
import io.github.dockercache.advice.Severity;
import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.dockerfile.BaseImageConfigs;
import io.github.dockercache.dockerfile.CheckOptions;
import io.github.dockercache.dockerfile.Dockerfile;
import io.github.dockercache.dockerfile.DockerfileException;
import io.github.dockercache.dockerfile.DockerfileReader;
import io.github.dockercache.dockerfile.ParseWarning;
import io.github.dockercache.dockerfile.Stage;
import io.github.dockercache.files.FileLimitException;
import io.github.dockercache.files.IoReasons;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.Builder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lints Dockerfiles without their context: BuildKit's build checks, as {@code docker build --check} gives them, and
 * the cache-hygiene rules that read only the Dockerfile ({@link Advisor#adviseDockerfile}).
 *
 * <p>No image configuration is read, so the checks that need a stage's environment or platform are judged only for
 * stages built FROM scratch or an earlier stage (docs/build-checks.md), and the rules that need the context or the computed steps
 * are not run; the result says both once.
 */
public final class Linter {
    /** Where BuildKit documents its rules: {@code <prefix><rule-in-kebab-case>/}, as its own output links them. */
    static final String BUILDKIT_RULES = "https://docs.docker.com/go/dockerfile/rule/";
    /** Where the cache-hygiene rules are documented, one anchor per id. */
    static final String DC_RULES = "https://github.com/dockercache/dockercache-maven-plugin/blob/main/docs/rules.md#";

    private static final Pattern WORD_START = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");

    private Linter() {}

    /**
     * Lints every Dockerfile {@code patterns} name ({@link LintTargets}: files, directories, globs), relative to
     * {@code base}. A file that cannot be read or parsed gets one {@link Level#ERROR} finding and the others are
     * linted all the same.
     *
     * @throws LintException a path or glob that names nothing, an invalid {@code BUILDKIT_DOCKERFILE_CHECK} or an
     *     unknown rule id
     */
    public static LintResult lint(Path base, List<String> patterns, LintOptions options) throws LintException {
        CheckOptions checkOptions = checkOptions(options.checkArgument());
        Map<String, String> buildArgs =
                options.checkArgument() == null ? Map.of() : Map.of(CheckOptions.BUILD_ARG, options.checkArgument());
        try {
            Advisor.disabledIds(options.disabledRules());
        } catch (IllegalArgumentException e) {
            throw new LintException(LintException.Input.DISABLED_RULES, e.getMessage(), e);
        }
        List<LintedFile> files = new ArrayList<>();
        boolean imageChecksLimited = false;
        for (LintTargets.Target target : LintTargets.resolve(base, patterns)) {
            BuildSettings build = new BuildSettings(
                    base,
                    target.path(),
                    buildArgs,
                    null,
                    ClientPlatform.current(),
                    null,
                    Builder.BUILDKIT,
                    options.buildkitVersion());
            FileLint lint = lintFile(target, checkOptions, build, options);
            files.add(lint.file);
            imageChecksLimited |= lint.imageChecksLimited;
        }
        List<String> notRun = new ArrayList<>();
        if (imageChecksLimited) {
            notRun.add("UndefinedVar, InvalidBaseImagePlatform, and WorkdirRelativePath, ExposeInvalidFormat and"
                    + " ExposeProtoCasing where they need a variable's value, are judged only in stages FROM scratch or"
                    + " an earlier stage: lint reads no base image's configuration.");
        }
        List<String> contextRules = Advisor.contextRuleIds().stream()
                .filter(id -> options.disabledRules().stream().noneMatch(id::equalsIgnoreCase))
                .toList();
        if (!contextRules.isEmpty()) {
            notRun.add(String.join(", ", contextRules) + " need the build context and are not run by lint:"
                    + " the check goal runs them.");
        }
        return new LintResult(files, notRun);
    }

    private record FileLint(LintedFile file, boolean imageChecksLimited) {}

    private static FileLint lintFile(
            LintTargets.Target target, CheckOptions checkOptions, BuildSettings build, LintOptions options) {
        String name = target.name();
        String text;
        try {
            text = DockerfileReader.readText(target.path());
        } catch (FileLimitException e) {
            return failed(name, 1, 1, LintFinding.READ_ERROR, name + " " + e.getMessage());
        } catch (IOException e) {
            return failed(name, 1, 1, LintFinding.READ_ERROR, "cannot read " + IoReasons.describe(e));
        }
        Dockerfile dockerfile;
        try {
            dockerfile =
                    DockerfileReader.parse(text, name, BaseImageConfigs.NONE, checkOptions, options.buildkitVersion());
        } catch (DockerfileException e) {
            return failed(name, e.location().line(), e.location().column(), LintFinding.PARSE_ERROR, e.reason());
        }
        Level checkLevel = dockerfile.checkFailure() != null ? Level.ERROR : Level.WARNING;
        List<LintFinding> findings = new ArrayList<>();
        for (ParseWarning warning : dockerfile.warnings()) {
            findings.add(new LintFinding(
                    name,
                    warning.location().line(),
                    warning.location().column(),
                    warning.rule(),
                    checkLevel,
                    warning.message(),
                    null,
                    BUILDKIT_RULES + kebabCase(warning.rule()) + "/"));
        }
        for (Finding finding : Advisor.adviseDockerfile(dockerfile, text, build, options.disabledRules())) {
            findings.add(new LintFinding(
                    name,
                    finding.line(),
                    1,
                    finding.ruleId(),
                    finding.severity() == Severity.WARNING ? Level.WARNING : Level.INFO,
                    finding.message(),
                    finding.fix(),
                    DC_RULES + finding.ruleId().toLowerCase(Locale.ROOT)));
        }
        findings.sort(Comparator.comparingInt(LintFinding::line)); // stable: BuildKit's checks, then the rules
        return new FileLint(new LintedFile(name, findings, dockerfile.checkFailure()), hasImageBase(dockerfile));
    }

    private static FileLint failed(String name, int line, int column, String rule, String message) {
        return new FileLint(
                new LintedFile(
                        name,
                        List.of(new LintFinding(name, line, column, rule, Level.ERROR, message, null, null)),
                        null),
                false);
    }

    private static CheckOptions checkOptions(String argument) throws LintException {
        if (argument == null) {
            return null;
        }
        try {
            return CheckOptions.fromBuildArg(Map.of(CheckOptions.BUILD_ARG, argument));
        } catch (IllegalArgumentException e) {
            throw new LintException(LintException.Input.CHECK, e.getMessage(), e);
        }
    }

    /** True when some stage's base is an image, whose configuration the image checks would need. */
    private static boolean hasImageBase(Dockerfile dockerfile) {
        Set<String> stages = new HashSet<>();
        for (Stage stage : dockerfile.stages()) {
            String image = stage.from().image().toLowerCase(Locale.ROOT);
            if (!image.equals("scratch") && !stages.contains(image)) {
                return true;
            }
            if (stage.name() != null) {
                stages.add(stage.name().toLowerCase(Locale.ROOT));
            }
        }
        return false;
    }

    /** {@code JSONArgsRecommended} → {@code json-args-recommended}, as BuildKit's documentation addresses name it. */
    static String kebabCase(String rule) {
        return WORD_START.matcher(rule).replaceAll("-").toLowerCase(Locale.ROOT);
    }
}
