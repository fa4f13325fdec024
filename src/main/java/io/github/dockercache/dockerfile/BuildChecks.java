package io.github.dockercache.dockerfile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * BuildKit 0.25's build checks (the Dockerfile linter of {@code docker build --check}) that are on by default, with
 * BuildKit's rule names and messages; the build context is never needed.
 *
 * <p>As in {@code --check} without a target, every stage is checked, not only those the target needs.
 * Warnings come sorted by line as {@code --check} prints them. UndefinedVar and InvalidBaseImagePlatform need the
 * base image's configuration: they are made for {@code FROM scratch}, for stages built FROM another stage and for
 * images {@link BaseImageConfigs} knows, and not at all elsewhere. Likewise where BuildKit looks at a value after
 * expanding it with the stage's environment (WORKDIR, EXPOSE), a word that depends on a variable is judged only
 * where that environment is known, so that no warning is given that BuildKit might not give.
 */
final class BuildChecks {
    static final String CONSISTENT_INSTRUCTION_CASING = "ConsistentInstructionCasing";
    static final String FROM_AS_CASING = "FromAsCasing";
    static final String STAGE_NAME_CASING = "StageNameCasing";
    static final String DUPLICATE_STAGE_NAME = "DuplicateStageName";
    static final String RESERVED_STAGE_NAME = "ReservedStageName";
    static final String JSON_ARGS_RECOMMENDED = "JSONArgsRecommended";
    static final String MAINTAINER_DEPRECATED = "MaintainerDeprecated";
    static final String LEGACY_KEY_VALUE_FORMAT = "LegacyKeyValueFormat";
    static final String WORKDIR_RELATIVE_PATH = "WorkdirRelativePath";
    static final String UNDEFINED_ARG_IN_FROM = "UndefinedArgInFrom";
    static final String REDUNDANT_TARGET_PLATFORM = "RedundantTargetPlatform";
    static final String SECRETS_USED_IN_ARG_OR_ENV = "SecretsUsedInArgOrEnv";
    static final String MULTIPLE_INSTRUCTIONS_DISALLOWED = "MultipleInstructionsDisallowed";
    static final String EXPOSE_PROTO_CASING = "ExposeProtoCasing";
    static final String EXPOSE_INVALID_FORMAT = "ExposeInvalidFormat";
    static final String FROM_PLATFORM_FLAG_CONST_DISALLOWED = "FromPlatformFlagConstDisallowed";
    static final String INVALID_DEFAULT_ARG_IN_FROM = "InvalidDefaultArgInFrom";
    static final String UNDEFINED_VAR = "UndefinedVar";
    static final String INVALID_BASE_IMAGE_PLATFORM = "InvalidBaseImagePlatform";
    /** Experimental in BuildKit 0.25: given only when {@code # check=experimental=} asks for it. */
    static final String INVALID_DEFINITION_DESCRIPTION = "InvalidDefinitionDescription";
    /**
     * Every rule, in the order BuildKit meets them: while it parses, after parsing, then while it dispatches the FROM
     * lines and the instructions. Warnings of one line keep this order (BuildKit's own is a Go map's).
     */
    private static final List<BuildCheck> RULES = List.of(
            new StageNameCasingCheck(),
            new FromAsCasingCheck(),
            new InvalidDefinitionDescriptionCheck(),
            new MaintainerDeprecatedCheck(),
            new ReservedStageNameCheck(),
            new DuplicateStageNameCheck(),
            new ConsistentInstructionCasingCheck(),
            new InvalidDefaultArgInFromCheck(),
            new UndefinedArgInFromCheck(),
            new FromPlatformFlagConstDisallowedCheck(),
            new RedundantTargetPlatformCheck(),
            new InvalidBaseImagePlatformCheck(),
            new UndefinedVarCheck(),
            new LegacyKeyValueFormatCheck(),
            new SecretsUsedInArgOrEnvCheck(),
            new WorkdirRelativePathCheck(),
            new JsonArgsRecommendedCheck(),
            new MultipleInstructionsDisallowedCheck(),
            new ExposeProtoCasingCheck(),
            new ExposeInvalidFormatCheck());

    private BuildChecks() {}

    /**
     * The parser's warnings and the build checks' warnings for a parsed file, minus the rules the
     * {@code # check=} directive skips, sorted by line.
     *
     * @param raw each instruction's raw parse (identity map: records compare by value)
     * @param images the base images' configurations that are known
     * @param buildArgOptions the {@code BUILDKIT_DOCKERFILE_CHECK} build argument's options, which replace the
     *     directive's (then not even read), or null
     */
    static Result run(
            String content,
            RawDockerfile rawFile,
            List<ArgInstruction> globalArgs,
            List<Stage> stages,
            Map<Instruction, RawInstruction> raw,
            BaseImageConfigs images,
            CheckOptions buildArgOptions)
            throws DockerfileException {
        CheckOptions options =
                buildArgOptions != null ? buildArgOptions : topLevelOptions(content, rawFile.displayName());
        List<ParseWarning> warnings = new ArrayList<>();
        for (ParseWarning warning : rawFile.warnings()) {
            if (options.reports(warning.rule(), false)) {
                warnings.add(warning);
            }
        }
        ShellLexer lexer = ShellLexer.forOneDockerfile(rawFile.escapeChar());
        CheckInput input = new CheckInput(
                rawFile.displayName(),
                globalArgs,
                stages,
                raw,
                lexer,
                CheckDispatch.of(globalArgs, stages, raw, lexer, images));
        for (BuildCheck rule : RULES) {
            if (options.reports(rule.name(), rule.experimental())) {
                warnings.addAll(rule.check(input));
            }
        }
        warnings.sort(Comparator.comparingInt(w -> w.location().line())); // stable: rule order within a line
        return new Result(List.copyOf(warnings), options.error());
    }

    /** The warnings, and whether {@code error=true} turns them into a failed build. */
    record Result(List<ParseWarning> warnings, boolean warningsFailBuild) {}

    private static CheckOptions topLevelOptions(String content, String displayName) throws DockerfileException {
        Optional<ParserDirectives.Found> found = ParserDirectives.find(ParserDirectives.CHECK, content);
        if (found.isEmpty()) {
            return CheckOptions.NONE;
        }
        try {
            return CheckOptions.parse(found.get().value());
        } catch (CheckOptions.InvalidException e) {
            throw new DockerfileException(
                    new SourceLocation(displayName, Math.max(found.get().line(), 1), 1),
                    "failed to parse check options: " + e.getMessage());
        }
    }
}
