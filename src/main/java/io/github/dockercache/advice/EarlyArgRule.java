package io.github.dockercache.advice;

import io.github.dockercache.dockerfile.ArgDeclaration;
import io.github.dockercache.dockerfile.ArgInstruction;
import io.github.dockercache.dockerfile.CopyInstruction;
import io.github.dockercache.dockerfile.Heredoc;
import io.github.dockercache.dockerfile.Instruction;
import io.github.dockercache.dockerfile.InstructionSource;
import io.github.dockercache.dockerfile.RunInstruction;
import io.github.dockercache.dockerfile.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * DC103: a stage ARG declared steps before it is first used. Every RUN after the declaration has the
 * value in its environment (cache-model §5, §7), so the RUNs in between rebuild when it changes although they
 * never use it. Only RUNs whose programs are known not to read it count ({@link EnvironmentReaders}): a
 * script or a build tool may read it from the environment, and the ARG then has to stay above it.
 */
final class EarlyArgRule implements Rule.OfStage {
    static final String ID = "DC103";
    private static final List<String> TARGET_PLATFORM =
            List.of("TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT");
    private static final List<String> BUILD_PLATFORM = List.of("BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void check(AdviceInput input, Stage stage, List<Finding> findings) {
        List<Instruction> instructions = stage.instructions();
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i) instanceof ArgInstruction arg) {
                for (ArgDeclaration declaration : arg.args()) {
                    if (!TARGET_PLATFORM.contains(declaration.name()) || sameBaseForEveryTarget(stage)) {
                        check(arg, declaration, instructions.subList(i + 1, instructions.size()), findings);
                    }
                }
            }
        }
    }

    /**
     * True when the stage's base image does not depend on the target platform ({@code FROM --platform=$BUILDPLATFORM}):
     * only then do the target platform ARGs change the keys of RUNs that would otherwise be shared by every target.
     * Built FROM the target platform's own image, another target is another base, and every step rebuilds anyway.
     */
    private static boolean sameBaseForEveryTarget(Stage stage) {
        String platform = stage.from().platform();
        return platform != null && !platform.contains("TARGET");
    }

    /** The automatic platform arguments change together: a use of one is a use of the others. */
    private static String referencePattern(String name) {
        for (List<String> family : List.of(TARGET_PLATFORM, BUILD_PLATFORM)) {
            if (family.contains(name)) {
                return "(?:" + String.join("|", family) + ")";
            }
        }
        return Pattern.quote(name);
    }

    private static void check(
            ArgInstruction arg, ArgDeclaration declaration, List<Instruction> after, List<Finding> findings) {
        // $NAME and ${NAME} in a POSIX shell, $env:NAME and ${env:NAME} in PowerShell, %NAME% in cmd
        String name = referencePattern(declaration.name());
        Pattern reference = Pattern.compile("\\$\\{?(?:env:)?" + name + "(?![A-Za-z0-9_])|%" + name + "%");
        List<RunInstruction> runsBefore = new ArrayList<>();
        for (Instruction instruction : after) {
            if (redeclares(instruction, declaration.name())) {
                return; // the later declaration is the one that counts
            }
            boolean named = reference.matcher(textOf(instruction)).find();
            boolean mayRead = !named
                    && instruction instanceof RunInstruction run
                    && EnvironmentReaders.mayRead(run, declaration.name());
            if (named || mayRead) {
                if (!runsBefore.isEmpty()) {
                    findings.add(finding(arg, declaration, instruction.source(), named, runsBefore));
                }
                return; // no RUN before it can be known not to need the value
            }
            if (instruction instanceof RunInstruction run) {
                runsBefore.add(run);
            }
        }
        // never used by name, and no RUN may read it: it changes no key here, so there is nothing to move
    }

    private static boolean redeclares(Instruction instruction, String name) {
        return instruction instanceof ArgInstruction arg
                && arg.args().stream()
                        .anyMatch(declaration -> declaration.name().equals(name));
    }

    /** Where a variable can be referenced: the instruction with its flags, and its here-documents. */
    private static String textOf(Instruction instruction) {
        List<Heredoc> heredocs = instruction instanceof RunInstruction run
                ? run.heredocs()
                : instruction instanceof CopyInstruction copy ? copy.heredocs() : List.of();
        StringBuilder text = new StringBuilder(instruction.source().text());
        heredocs.forEach(heredoc -> text.append('\n').append(heredoc.content()));
        return text.toString();
    }

    /**
     * @param named the first use names the variable; else it is a RUN whose programs may read it from the environment
     */
    private static Finding finding(
            ArgInstruction arg,
            ArgDeclaration declaration,
            InstructionSource firstUse,
            boolean named,
            List<RunInstruction> runsBefore) {
        int useLine = firstUse.location().line();
        String runLines = runsBefore.stream()
                .map(run -> Integer.toString(run.source().location().line()))
                .collect(Collectors.joining(", "));
        String message = "ARG " + declaration.name()
                + (named
                        ? " is first used at line " + useLine
                        : " is not used before line " + useLine + ", whose RUN may read it from the environment")
                + ": "
                + (runsBefore.size() == 1
                        ? "the RUN at line " + runLines
                                + " rebuilds whenever its value changes, though it does not use it"
                        : "the " + runsBefore.size() + " RUNs at lines " + runLines
                                + " rebuild whenever its value changes, though they do not use it");
        String declared = "ARG " + declaration.name()
                + (declaration.defaultValue() == null ? "" : "=" + declaration.defaultValue());
        int argLine = arg.source().location().line();
        String lines = Fixes.lineRange(argLine, arg.source().endLine());
        String fix = Fixes.of(
                arg.args().size() == 1
                        ? "move " + lines + " to just above line " + useLine
                        : "take " + declaration.name() + " out of " + lines + " and declare it just above line "
                                + useLine,
                declared);
        List<String> remaining = arg.args().stream()
                .filter(other -> other != declaration)
                .map(other -> other.name() + (other.defaultValue() == null ? "" : "=" + other.defaultValue()))
                .toList();
        Edit.DockerfileLines taken = remaining.isEmpty()
                ? Edit.DockerfileLines.delete(argLine, arg.source().endLine())
                : Instructions.replace(
                        arg.source(), Instructions.keyword(arg.source()) + " " + String.join(" ", remaining));
        return Finding.at(ID, Severity.INFO, arg.source(), message, fix)
                .withEdits(Edit.DockerfileLines.insertAbove(useLine, List.of(declared)), taken);
    }
}
