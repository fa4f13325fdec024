package io.github.dockercache.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BuildKit's build checks: each rule fires where BuildKit's does, and only there. */
class BuildChecksTest {
    private static List<String> warnings(String dockerfile) throws DockerfileException {
        return DockerfileReader.parse(dockerfile, "Dockerfile").warnings().stream()
                .map(w -> w.location().line() + ":" + w.location().column() + " " + w.rule() + ": " + w.message())
                .toList();
    }

    private static List<String> rules(String dockerfile) throws DockerfileException {
        return DockerfileReader.parse(dockerfile, "Dockerfile").warnings().stream()
                .map(w -> w.location().line() + " " + w.rule())
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ConsistentInstructionCasing | 'FROM a\\nRUN x\\nrun y\\n'          | '3:1 ConsistentInstructionCasing: Command ''run'' should match the case of the command majority (uppercase)'
            ConsistentInstructionCasing | 'from a\\nrun x\\nRun y\\n'          | '3:1 ConsistentInstructionCasing: Command ''Run'' should match the case of the command majority (lowercase)'
            FromAsCasing                | 'FROM a as b\\n'                     | '1:1 FromAsCasing: ''as'' and ''FROM'' keywords'' casing do not match'
            StageNameCasing             | 'FROM a AS Build\\n'                 | '1:1 StageNameCasing: Stage name ''Build'' should be lowercase'
            DuplicateStageName          | 'FROM a AS b\\nFROM c AS b\\n'       | '2:1 DuplicateStageName: Duplicate stage name "b", stage names should be unique'
            ReservedStageName           | 'FROM a AS scratch\\n'               | '1:1 ReservedStageName: Stage name should not use the same name as reserved stage "scratch"'
            JSONArgsRecommended         | 'FROM a\\nCMD echo hi\\n'            | '2:1 JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals'
            JSONArgsRecommended         | 'FROM a\\nENTRYPOINT app\\n'         | '2:1 JSONArgsRecommended: JSON arguments recommended for ENTRYPOINT to prevent unintended behavior related to OS signals'
            MaintainerDeprecated        | 'FROM a\\nMAINTAINER me\\n'          | '2:1 MaintainerDeprecated: Maintainer instruction is deprecated in favor of using label'
            LegacyKeyValueFormat        | 'FROM a\\nENV k v\\n'                | '2:1 LegacyKeyValueFormat: "ENV key=value" should be used instead of legacy "ENV key value" format'
            LegacyKeyValueFormat        | 'FROM a\\nLABEL k v\\n'              | '2:1 LegacyKeyValueFormat: "LABEL key=value" should be used instead of legacy "LABEL key value" format'
            WorkdirRelativePath         | 'FROM a\\nWORKDIR app\\nWORKDIR x\\n' | '2:1 WorkdirRelativePath: Relative workdir "app" can have unexpected results if the base image changes'
            UndefinedArgInFrom          | 'ARG VERSION\\nFROM a$VERSIO\\n'    | '2:1 UndefinedArgInFrom: FROM argument ''VERSIO'' is not declared (did you mean VERSION?)'
            RedundantTargetPlatform     | 'FROM --platform=$TARGETPLATFORM a\\n' | '1:1 RedundantTargetPlatform: Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior'
            SecretsUsedInArgOrEnv       | 'FROM a\\nARG GITHUB_TOKEN\\n'       | '2:1 SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ARG "GITHUB_TOKEN")'
            SecretsUsedInArgOrEnv       | 'FROM a\\nENV password=x\\n'         | '2:1 SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ENV "password")'
            SecretsUsedInArgOrEnv       | 'FROM a\\nARG VERSION_TOKEN\\n'      | '2:1 SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ARG "VERSION_TOKEN")'
            SecretsUsedInArgOrEnv       | 'FROM a\\nENV TOKEN_FILE=/run/t\\n'  | '2:1 SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ENV "TOKEN_FILE")'
            UndefinedVar                | 'FROM scratch\\nENV APP=1\\nCOPY $APQ /\\n' | '3:1 UndefinedVar: Usage of undefined variable ''$APQ'' (did you mean $APP?)'
            MultipleInstructionsDisallowed | 'FROM a\\nHEALTHCHECK NONE\\nHEALTHCHECK NONE\\n' | '2:1 MultipleInstructionsDisallowed: Multiple HEALTHCHECK instructions should not be used in the same stage because only the last one will be used'
            ExposeProtoCasing           | 'FROM a\\nEXPOSE 80/TCP\\n'          | '2:1 ExposeProtoCasing: Defined protocol ''80/TCP'' in EXPOSE instruction should be lowercase'
            ExposeInvalidFormat         | 'FROM a\\nEXPOSE 8080:80\\n'         | '2:1 ExposeInvalidFormat: EXPOSE instruction should not define an IP address or host-port mapping, found ''8080:80'''
            """)
    void ruleFires(String rule, String dockerfile, String expected) throws DockerfileException {
        assertEquals(List.of(expected), warnings(dockerfile.replace("\\n", "\n")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ConsistentInstructionCasing | 'from a\\nrun x\\n'
            FromAsCasing                | 'from a as b\\nfrom c as d\\n'
            StageNameCasing             | 'FROM a AS build\\n'
            DuplicateStageName          | 'FROM a AS b\\nFROM c AS d\\n'
            ReservedStageName           | 'FROM scratch AS empty\\n'
            JSONArgsRecommended         | 'FROM a\\nCMD ["echo", "hi"]\\nENTRYPOINT ["app"]\\n'
            JSONArgsRecommended         | 'FROM a AS base\\nSHELL ["sh", "-c"]\\nFROM base\\nCMD echo hi\\n'
            MaintainerDeprecated        | 'FROM a\\nLABEL maintainer=me\\n'
            LegacyKeyValueFormat        | 'FROM a\\nENV k=v\\nLABEL k="v w"\\n'
            WorkdirRelativePath         | 'FROM a\\nWORKDIR "/app"\\nWORKDIR x\\n'
            WorkdirRelativePath         | 'FROM a AS base\\nWORKDIR /app\\nFROM base\\nWORKDIR x\\n'
            WorkdirRelativePath         | 'FROM a\\nWORKDIR $HOME\\n'
            UndefinedArgInFrom          | 'ARG VERSION=1\\nFROM a:${VERSION}\\nFROM --platform=$BUILDPLATFORM b\\n'
            RedundantTargetPlatform     | 'FROM --platform=$BUILDPLATFORM a\\nFROM --platform=linux/$TARGETARCH b\\n'
            SecretsUsedInArgOrEnv       | 'FROM a\\nARG PUBLIC_KEY\\nENV KEYBOARD=us\\n'
            UndefinedVar                | 'FROM scratch\\nARG A\\nENV B=1\\nCOPY $A $B $PATH /\\nFROM a\\nCOPY $UNKNOWN_BASE_IMAGE_ENV /\\n'
            MultipleInstructionsDisallowed | 'FROM a\\nCMD ["a"]\\nFROM b\\nCMD ["b"]\\n'
            ExposeProtoCasing           | 'FROM a\\nEXPOSE 80/tcp 53/udp 9/sctp 8080\\n'
            ExposeInvalidFormat         | 'FROM a\\nEXPOSE 80 8000-8010/tcp\\n'
            """)
    void ruleDoesNotFire(String rule, String dockerfile) throws DockerfileException {
        assertEquals(List.of(), warnings(dockerfile.replace("\\n", "\n")));
    }

    @Test
    void multipleInstructionsReportsTheEarlierOne() throws DockerfileException {
        assertEquals(
                List.of("2 MultipleInstructionsDisallowed", "3 MultipleInstructionsDisallowed"),
                rules("FROM a\nCMD [\"1\"]\nCMD [\"2\"]\nCMD [\"3\"]\n"));
    }

    @Test
    void checkSkipDirectiveSkipsNamedRules() throws DockerfileException {
        String file = "# check=skip=JSONArgsRecommended,MaintainerDeprecated\nFROM a\nMAINTAINER me\nCMD x\nENV k v\n";
        assertEquals(List.of("5 LegacyKeyValueFormat"), rules(file));
    }

    @Test
    void checkSkipAllSkipsEverythingIncludingTheParserRule() throws DockerfileException {
        assertEquals(List.of(), rules("# check=skip=all;error=true\nFROM a\nRUN a \\\n\n  b\nCMD x\n"));
    }

    @Test
    void experimentalRulesRunOnlyWhenAskedForAndIgnoreSkip() throws DockerfileException {
        String file = "# wrong\nARG A\nFROM a\n";
        assertEquals(List.of(), rules(file));
        assertEquals(
                List.of(
                        "3:1 InvalidDefinitionDescription: Comment for ARG should follow the format: `# A <description>`"),
                warnings("# check=experimental=all;skip=all\n" + file));
    }

    /** Per-instruction check comments came with dockerfile 1.21; BuildKit 0.25 (engine 28) still warned here. */
    @Test
    void checkCommentAboveAnInstructionHasNoEffect() throws DockerfileException {
        String file = "FROM a\n# check=skip=JSONArgsRecommended\nCMD x\nFROM b\nENTRYPOINT y\n";
        assertEquals(List.of("3 JSONArgsRecommended", "5 JSONArgsRecommended"), rules(file));
    }

    private static List<String> warningsWith(String dockerfile, BaseImageConfig config) throws DockerfileException {
        return DockerfileReader.parse(
                        dockerfile,
                        "Dockerfile",
                        (reference, platform) -> reference.equals("img") ? Optional.of(config) : Optional.empty())
                .warnings()
                .stream()
                .map(w -> w.location().line() + " " + w.rule() + ": " + w.message())
                .toList();
    }

    @Test
    void undefinedVarUsesTheBaseImageEnvironmentAndStagesInheritIt() throws DockerfileException {
        BaseImageConfig config = new BaseImageConfig(List.of("HOME=/root", "LANG"), "linux", "amd64", "");
        assertEquals(
                List.of(
                        "3 UndefinedVar: Usage of undefined variable '$HOM' (did you mean $HOME?)",
                        "5 UndefinedVar: Usage of undefined variable '$NOT_SET_ANYWHERE'"),
                warningsWith("""
                        FROM img AS base
                        COPY $HOME $LANG $PATH /
                        WORKDIR /$HOM
                        FROM base
                        COPY $HOME ${NOT_SET_ANYWHERE:-x} /
                        """, config));
    }

    @Test
    void aBaseImageWithAnotherPlatformWarns() throws DockerfileException {
        BaseImageConfig arm = new BaseImageConfig(List.of(), "linux", "arm64", "v8");
        assertEquals(
                List.of("1 InvalidBaseImagePlatform: Base image img was pulled with platform \"linux/arm64\","
                        + " expected \"linux/amd64\" for current build"),
                warningsWith("FROM img\nRUN true\n", arm));
        assertEquals(List.of(), warningsWith("FROM --platform=linux/arm64/v8 img AS arm64\nRUN true\n", arm));
    }

    @Test
    void workdirWithAVariableIsJudgedWhereTheEnvironmentIsKnown() throws DockerfileException {
        assertEquals(List.of("2 UndefinedVar", "2 WorkdirRelativePath"), rules("FROM scratch\nWORKDIR $HOME\n"));
        assertEquals(List.of(), rules("FROM a\nWORKDIR $HOME\n"));
    }

    @Test
    void invalidCheckDirectiveFailsLikeBuildKit() {
        DockerfileException e = assertThrows(
                DockerfileException.class, () -> DockerfileReader.parse("# check=skipp=all\nFROM a\n", "Dockerfile"));
        assertEquals(
                true,
                e.getMessage().contains("failed to parse check options: invalid check option \"skipp\""),
                e.getMessage());
    }

    @Test
    void buildArgumentReplacesTheDirectiveEntirely() throws DockerfileException {
        String file = "# check=skip=all\nFROM a as b\nCMD x\n";
        assertEquals(List.of(), rules(file));
        assertEquals(List.of("2 FromAsCasing"), rulesWithBuildArg(file, "skip=JSONArgsRecommended"));
        // given but empty: the defaults, and the directive is not read (an invalid one does not fail)
        assertEquals(List.of("2 FromAsCasing", "3 JSONArgsRecommended"), rulesWithBuildArg(file, ""));
        assertEquals(List.of("2 FromAsCasing"), rulesWithBuildArg("# check=skipp=1\nFROM a as b\n", ""));
    }

    @Test
    void errorTrueFailsTheBuildOnlyWhenSomethingWarns() throws DockerfileException {
        Dockerfile failing = DockerfileReader.parse("# check=error=true\nFROM a as b\nCMD x\n", "Dockerfile");
        assertEquals("lint violation found for rules: FromAsCasing, JSONArgsRecommended", failing.checkFailure());
        assertEquals(
                null,
                DockerfileReader.parse("# check=error=true\nFROM a\n", "Dockerfile")
                        .checkFailure());
        assertEquals(null, DockerfileReader.parse("FROM a as b\n", "Dockerfile").checkFailure());
        Dockerfile byArgument = DockerfileReader.parse(
                "FROM a as b\n",
                "Dockerfile",
                BaseImageConfigs.NONE,
                CheckOptions.fromBuildArg(Map.of(CheckOptions.BUILD_ARG, "error=true")));
        assertEquals("lint violation found for rules: FromAsCasing", byArgument.checkFailure());
    }

    @Test
    void invalidBuildArgumentFailsLikeBuildKit() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> CheckOptions.fromBuildArg(Map.of(CheckOptions.BUILD_ARG, "error=maybe")));
        assertEquals(
                "failed to parse build-arg:BUILDKIT_DOCKERFILE_CHECK: failed to parse check option \"error=maybe\":"
                        + " strconv.ParseBool: parsing \"maybe\": invalid syntax",
                e.getMessage());
        assertEquals(null, CheckOptions.fromBuildArg(Map.of("OTHER", "x")));
    }

    private static List<String> rulesWithBuildArg(String dockerfile, String value) throws DockerfileException {
        return DockerfileReader.parse(
                        dockerfile,
                        "Dockerfile",
                        BaseImageConfigs.NONE,
                        CheckOptions.fromBuildArg(Map.of(CheckOptions.BUILD_ARG, value)))
                .warnings()
                .stream()
                .map(w -> w.location().line() + " " + w.rule())
                .toList();
    }

    @Test
    void warningsAreSortedByLine() throws DockerfileException {
        assertEquals(
                List.of("1 StageNameCasing", "1 FromAsCasing", "2 JSONArgsRecommended", "3 DuplicateStageName"),
                rules("FROM a as B\nCMD x\nFROM c AS b\n"));
    }

    /** Both cases as BuildKit 0.25 printed them for this file (engine 28, scripts/engine.sh probe). */
    @Test
    void constantPlatformWarnsUnlessTheStageNameSaysWhichPlatform() throws DockerfileException {
        assertEquals(
                List.of("2:1 FromPlatformFlagConstDisallowed: FROM --platform flag should not use constant value"
                        + " \"linux/amd64\""),
                warnings("""
                ARG IMG
                FROM --platform=linux/amd64 busybox AS base
                RUN true
                FROM --platform=linux/amd64 busybox AS base-amd64
                RUN true
                FROM ${IMG}busybox AS other
                """));
        assertEquals(List.of(), rules("FROM --platform=$BUILDPLATFORM busybox AS base\n"));
    }

    @Test
    void aBaseNameEmptyWithoutBuildArgsWarns() throws DockerfileException {
        assertEquals(
                List.of("2:1 InvalidDefaultArgInFrom: Default value for ARG ${IMG} results in empty or invalid"
                        + " base image name"),
                warnings("ARG IMG\nFROM ${IMG}\nRUN true\n"));
        assertEquals(List.of(), rules("ARG IMG=busybox\nFROM ${IMG}\nRUN true\n"));
        assertEquals(List.of(), rules("ARG TAG\nFROM busybox${TAG}\nRUN true\n"));
    }

    /** As BuildKit 0.25 printed it: both warnings, the unusable base name first. */
    @Test
    void anUndeclaredArgThatEmptiesTheTagGivesBothWarnings() throws DockerfileException {
        assertEquals(
                List.of(
                        "2:1 InvalidDefaultArgInFrom: Default value for ARG busybox:$VERSIO results in empty or invalid base image name",
                        "2:1 UndefinedArgInFrom: FROM argument 'VERSIO' is not declared (did you mean VERSION?)"),
                warnings("ARG VERSION=latest\nFROM busybox:$VERSIO\nRUN true\n"));
    }
}
