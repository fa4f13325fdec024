package io.github.dockercache.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerfileReaderTest {
    private static Dockerfile parse(String text) throws DockerfileException {
        return DockerfileReader.parse(text, "Dockerfile");
    }

    private static DockerfileException rejected(String text) {
        return assertThrows(DockerfileException.class, () -> parse(text));
    }

    @Test
    void multiStageWithGlobalArgs() throws DockerfileException {
        Dockerfile file = parse("""
                # syntax=docker/dockerfile:1
                ARG BASE=alpine:3.20
                FROM --platform=$BUILDPLATFORM ${BASE} AS Build
                RUN echo hi
                from scratch
                COPY --from=build /out /out
                """);
        assertEquals('\\', file.escapeChar());
        assertEquals(
                List.of(new ArgDeclaration("BASE", "alpine:3.20")),
                file.globalArgs().get(0).args());
        assertEquals(2, file.stages().size());
        Stage build = file.stages().get(0);
        assertEquals("Build", build.name());
        assertEquals("${BASE}", build.from().image());
        assertEquals("$BUILDPLATFORM", build.from().platform());
        assertEquals(
                new SourceLocation("Dockerfile", 3, 1), build.from().source().location());
        assertEquals(1, file.stages().get(1).index());
        assertNull(file.stages().get(1).name());
        assertEquals("FROM", file.stages().get(1).from().source().keyword());
        CopyInstruction copy = assertInstanceOf(
                CopyInstruction.class, file.stages().get(1).instructions().get(0));
        assertEquals("build", copy.from());
        assertEquals(List.of("/out"), copy.sources());
        assertEquals("/out", copy.destination());
    }

    @Test
    void runShellFormJoinsContinuationsAndDropsComments() throws DockerfileException {
        Dockerfile file = parse(
                "FROM x\r\nRUN apt-get update && \\\r\n# comment\r\n    apt-get install -y git \\\r\n\r\n  && echo done\r\n");
        RunInstruction run =
                (RunInstruction) file.stages().get(0).instructions().get(0);
        assertEquals(List.of("apt-get update &&     apt-get install -y git   && echo done"), run.command());
        assertTrue(run.shellForm());
        assertEquals(2, run.source().location().line());
        assertEquals(6, run.source().endLine());
        assertEquals(
                "RUN apt-get update &&     apt-get install -y git   && echo done",
                run.source().text());
        assertEquals(1, file.warnings().size());
        assertEquals(6, file.warnings().get(0).location().line());
    }

    @Test
    void runFlagsAndExecForm() throws DockerfileException {
        RunInstruction run =
                (RunInstruction) parse("""
                # syntax=docker/dockerfile:1-labs
                FROM x
                RUN --mount=type=cache,target=/root/.m2 --mount=type=secret,id=s --network=none --security=insecure ["mvn", "-B"]
                """).stages().get(0).instructions().get(0);
        assertEquals(List.of("mvn", "-B"), run.command());
        assertFalse(run.shellForm());
        assertEquals(List.of("type=cache,target=/root/.m2", "type=secret,id=s"), run.mounts());
        assertEquals("none", run.network());
        assertEquals("insecure", run.security());
    }

    @Test
    void heredocsOnRunAndCopy() throws DockerfileException {
        Dockerfile file = parse(
                "FROM x\nRUN <<-EOF bash\n\techo $HOME\n\tEOF\nCOPY --chmod=755 <<'SCRIPT' run.sh /usr/bin/\n#!/bin/sh\nSCRIPT\n");
        RunInstruction run =
                (RunInstruction) file.stages().get(0).instructions().get(0);
        assertEquals(List.of("<<-EOF bash"), run.command());
        assertEquals(List.of(new Heredoc("EOF", "\techo $HOME\n", true, true, 0)), run.heredocs());
        assertEquals("echo $HOME\n", run.heredocs().get(0).body());
        assertEquals(4, run.source().endLine());
        CopyInstruction copy =
                (CopyInstruction) file.stages().get(0).instructions().get(1);
        assertEquals(List.of("<<'SCRIPT'", "run.sh"), copy.sources());
        assertEquals(List.of("run.sh"), copy.sourcePaths());
        assertEquals(List.of(new Heredoc("SCRIPT", "#!/bin/sh\n", false, false, 0)), copy.heredocs());
        assertEquals("755", copy.chmod());
    }

    @Test
    void copyAndAddFlags() throws DockerfileException {
        List<Instruction> instructions = parse("""
                # syntax=docker/dockerfile:1-labs
                FROM x
                COPY --link --parents --exclude=*.md --exclude=tmp --chown=app:app a b /dst/
                ADD --checksum=sha256:abc --keep-git-dir --unpack=false --link=false https://example.com/a.tgz /opt/
                """).stages().get(0).instructions();
        CopyInstruction copy = (CopyInstruction) instructions.get(0);
        assertTrue(copy.link());
        assertTrue(copy.parents());
        assertEquals(List.of("*.md", "tmp"), copy.excludes());
        assertEquals("app:app", copy.chown());
        assertEquals(List.of("a", "b"), copy.sources());
        assertFalse(copy.add());
        CopyInstruction add = (CopyInstruction) instructions.get(1);
        assertTrue(add.add());
        assertEquals("sha256:abc", add.checksum());
        assertTrue(add.keepGitDir());
        assertEquals("false", add.unpack());
        assertFalse(add.link());
        assertNull(add.from());
    }

    @Test
    void envArgUserWorkdirShellOnbuild() throws DockerfileException {
        List<Instruction> instructions = parse("""
                FROM x
                ENV A=1 B="two words" C=$A
                ENV LEGACY value with spaces
                ARG V=1 W
                USER app:app
                WORKDIR /src
                SHELL ["/bin/bash", "-c"]
                ONBUILD RUN make
                LABEL a=b
                """).stages().get(0).instructions();
        assertEquals(
                List.of(new KeyValue("A", "1"), new KeyValue("B", "\"two words\""), new KeyValue("C", "$A")),
                ((EnvInstruction) instructions.get(0)).pairs());
        assertEquals(
                List.of(new KeyValue("LEGACY", "value with spaces")), ((EnvInstruction) instructions.get(1)).pairs());
        assertEquals(
                List.of(new ArgDeclaration("V", "1"), new ArgDeclaration("W", null)),
                ((ArgInstruction) instructions.get(2)).args());
        assertEquals("app:app", ((UserInstruction) instructions.get(3)).user());
        assertEquals("/src", ((WorkdirInstruction) instructions.get(4)).path());
        assertEquals(List.of("/bin/bash", "-c"), ((ShellInstruction) instructions.get(5)).shell());
        assertEquals("RUN make", ((OnbuildInstruction) instructions.get(6)).trigger());
        assertEquals(
                "LABEL",
                assertInstanceOf(MetadataInstruction.class, instructions.get(7))
                        .source()
                        .keyword());
    }

    @Test
    void escapeDirectiveAndBom() throws DockerfileException {
        Dockerfile file = parse("\uFEFF# escape=`\nFROM mcr.microsoft.com/windows\nRUN dir `\n  c:\\\n");
        assertEquals('`', file.escapeChar());
        RunInstruction run =
                (RunInstruction) file.stages().get(0).instructions().get(0);
        assertEquals(List.of("dir   c:\\"), run.command());
    }

    @Test
    void commentsAboveAnInstructionAreKept() throws DockerfileException {
        Dockerfile file = parse("FROM x\n# dockercache:stable\n# second\nRUN date\n");
        assertEquals(
                List.of("dockercache:stable", "second"),
                file.stages().get(0).instructions().get(0).source().comments());
    }

    @Test
    void keywordColumnCountsIndentation() throws DockerfileException {
        Dockerfile file = parse("FROM x\n    RUN true\n");
        assertEquals(
                new SourceLocation("Dockerfile", 2, 5),
                file.stages().get(0).instructions().get(0).source().location());
    }

    @Test
    void errorsCarryLocationAndBuildKitMessage() {
        DockerfileException unknown = rejected("FROM x\n\n  FORM y\n");
        assertEquals(new SourceLocation("Dockerfile", 3, 3), unknown.location());
        assertEquals("unknown instruction: FORM (did you mean FROM?)", unknown.reason());
        assertEquals("Dockerfile:3:3: unknown instruction: FORM (did you mean FROM?)", unknown.getMessage());

        assertEquals(
                "unknown flag: --chmode (did you mean chmod?)",
                rejected("FROM x\nCOPY --chmode=7 a b\n").reason());
        assertEquals(
                "unknown flag: --from", rejected("FROM x\nADD --from=a a b\n").reason());
    }

    /**
     * BuildKit 0.25's built-in frontend (engine 28) answered "dockerfile parse error on line 2: unknown flag:
     * --parents" for COPY and ADD: --parents is a labs flag there. A frontend image named by # syntax= decides.
     */
    @Test
    void parentsIsAnUnknownFlagForTheBuiltInFrontend() throws DockerfileException {
        DockerfileException copy = rejected("FROM x\nCOPY --parents a/b/c.txt /out/\n");
        assertEquals("unknown flag: --parents", copy.reason());
        assertEquals(2, copy.location().line());
        assertEquals(
                "unknown flag: --parents",
                rejected("FROM x\nADD --parents a /out/\n").reason());
        assertEquals(
                "unknown flag: --parents",
                rejected("# syntax=docker/dockerfile:1-labs\nFROM x\nADD --parents a /out/\n")
                        .reason());
        CopyInstruction labs =
                (CopyInstruction) parse("# syntax=docker/dockerfile:1-labs\nFROM x\nCOPY --parents a /o/\n")
                        .stages()
                        .get(0)
                        .instructions()
                        .get(0);
        assertTrue(labs.parents());
        DockerfileException security = rejected("FROM x\nRUN --security=insecure true\n");
        assertEquals("unknown flag: --security", security.reason(), "a labs flag, as in differential run-security-*");
        assertEquals(2, security.location().line());
    }

    /** As Docker 26 (BuildKit 0.13) answered in the differential scenarios copy-parents-*, copy-exclude-*. */
    @Test
    void olderBuildKitsNameUnknownFlagsWithoutDashesAndLackCopyExclude() throws DockerfileException {
        BuildKitVersion docker26 = BuildKitVersion.fromSetting("0.13");
        assertEquals(
                "unknown flag: parents",
                rejected("FROM x\nCOPY --parents a /o/\n", docker26).reason());
        assertEquals(
                "unknown flag: security",
                rejected("FROM x\nRUN --security=insecure true\n", docker26).reason());
        assertEquals(
                "unknown flag: exclude",
                rejected("FROM x\nCOPY --exclude=*.md . /s\n", docker26).reason());
        assertEquals(
                "unknown flag: --exclude",
                rejected("FROM x\nCOPY --exclude=*.md . /s\n", BuildKitVersion.fromSetting("0.24"))
                        .reason());
        assertEquals(
                "unknown flag: parents",
                rejected("FROM x\nCOPY --parents a /o/\n", BuildKitVersion.fromSetting("0.16"))
                        .reason(),
                "BuildKit 0.17 added the dashes");
        // from BuildKit's source (no engine before 0.20 at hand with a device): RUN --device came in 0.20
        assertEquals(
                "unknown flag: --device",
                rejected("FROM x\nRUN --device=/dev/null true\n", BuildKitVersion.fromSetting("0.19"))
                        .reason());
        assertInstanceOf(
                RunInstruction.class,
                parse("FROM x\nRUN --device=/dev/null true\n")
                        .stages()
                        .get(0)
                        .instructions()
                        .get(0));
    }

    private static DockerfileException rejected(String content, BuildKitVersion version) {
        return assertThrows(
                DockerfileException.class,
                () -> DockerfileReader.parse(content, "Dockerfile", BaseImageConfigs.NONE, null, version));
    }

    @Test
    void copyExcludeIsAFlagOfTheBuiltInFrontendFromBuildKit025() throws DockerfileException {
        CopyInstruction copy = (CopyInstruction) DockerfileReader.parse(
                        "FROM x\nCOPY --exclude=*.md . /s\n",
                        "Dockerfile",
                        BaseImageConfigs.NONE,
                        null,
                        BuildKitVersion.NEWEST)
                .stages()
                .get(0)
                .instructions()
                .get(0);
        assertEquals(List.of("*.md"), copy.excludes());
    }

    @Test
    void otherRejectionsUseBuildKitsWords() {
        assertEquals(
                "no build stage in current context", rejected("RUN x\nFROM y\n").reason());
        assertEquals("the Dockerfile cannot be empty", rejected("").reason());
        assertEquals("file with no instructions", rejected("\n\n").reason());
        assertEquals("file with no instructions", rejected("# only a comment\n").reason());
        assertEquals(
                "dockerfile contains no stages to build", rejected("ARG A=1\n").reason());
        assertEquals(
                "unterminated heredoc", rejected("FROM x\nRUN <<EOF\necho\n").reason());
        assertEquals(
                "invalid network mode \"bridge\"",
                rejected("FROM x\nRUN --network=bridge true\n").reason());
        assertEquals(
                "only one escape parser directive can be used",
                rejected("# escape=\\\n# escape=`\nFROM x\n").reason());
        assertEquals(
                "invalid name for build stage: \"1st\", name can't start with a number or contain symbols",
                rejected("FROM x AS 1st\n").reason());
        assertEquals(
                "SHELL requires the arguments to be in JSON form",
                rejected("FROM x\nSHELL bash -c\n").reason());
        assertEquals(
                JsonArgs.NOT_STRING_ARRAY, rejected("FROM x\nCMD [\"a\", 1]\n").reason());
    }

    @Test
    void dumpMatchesBuildKitFormat() throws DockerfileException {
        assertEquals(
                "(from \"x\")\n(onbuild (run \"echo\" \"hi\"))\n(copy [\"--from=a\"] \"b\" \"c\")\n",
                DockerfileReader.dump("FROM x\nONBUILD RUN [\"echo\",\"hi\"]\nCOPY --from=a b c\n", "Dockerfile"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "$SOURCE   | 0.25 | variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround",
                "${SOURCE} | 0.24 | variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround",
                "$SOURCE   | 0.23 | BuildKit 0.23 expands no variable in --from and takes the word for an image name (define a new stage with FROM using ARG from global scope instead): failed to parse stage name \"$SOURCE\": invalid reference format"
            })
    void copyFromTakesNoVariables(String from, String version, String message) {
        DockerfileException e = assertThrows(
                DockerfileException.class,
                () -> DockerfileReader.parse(
                        "FROM scratch AS source\nFROM scratch\nARG SOURCE=source\nCOPY --from=" + from + " /a /b\n",
                        "Dockerfile",
                        BaseImageConfigs.NONE,
                        null,
                        BuildKitVersion.fromSetting(version)));
        assertEquals("Dockerfile:4:1: " + message, e.getMessage());
    }

    @Test
    void copyFromALiteralStageOrImageIsAccepted() throws DockerfileException {
        for (String from : List.of("source", "0", "registry.example:5000/tool:1", "tool@sha256:" + "a".repeat(64))) {
            parse("FROM scratch AS source\nFROM scratch\nCOPY --from=" + from + " /a /b\n");
        }
    }

    /** A trigger is parsed on its own, placed on its ONBUILD's line, with the escape character {@code \\}. */
    @Test
    void aTriggerIsParsedOnTheLineOfItsOnbuild() throws DockerfileException {
        Dockerfile file = parse("# escape=`\nFROM alpine\nONBUILD RUN <<EOF\necho \\\nhi\nEOF\n");
        OnbuildInstruction onbuild =
                (OnbuildInstruction) file.stages().get(0).instructions().get(0);
        List<Instruction> trigger = DockerfileReader.parseTrigger(
                onbuild.trigger(), "Dockerfile", onbuild.source().location().line(), BuildKitVersion.NEWEST);
        RunInstruction run = assertInstanceOf(RunInstruction.class, trigger.get(0));
        assertEquals(1, trigger.size());
        assertEquals(new SourceLocation("Dockerfile", 3, 1), run.source().location());
        assertEquals(6, run.source().endLine());
        assertEquals("echo \\\nhi\n", run.heredocs().get(0).content());
    }

    @Test
    void aTriggersErrorIsPlacedOnTheLineOfItsOnbuild() {
        DockerfileException e = assertThrows(
                DockerfileException.class,
                () -> DockerfileReader.parseTrigger("RUN <<EOF\necho hi", "Dockerfile", 4, BuildKitVersion.NEWEST));
        assertEquals(new SourceLocation("Dockerfile", 4, 1), e.location());
        assertEquals("unterminated heredoc", e.reason());
    }

    /** No directive either: an invalid escape token would be refused in a Dockerfile's first line. */
    @Test
    void aTriggerThatIsACommentHasNoInstruction() throws DockerfileException {
        assertEquals(List.of(), DockerfileReader.parseTrigger("# escape=x", "Dockerfile", 2, BuildKitVersion.NEWEST));
    }
}
