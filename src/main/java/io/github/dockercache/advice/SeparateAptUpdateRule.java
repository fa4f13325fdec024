package io.github.dockercache.advice;

import io.github.dockercache.dockerfile.RunInstruction;
import io.github.dockercache.dockerfile.Stage;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * DC104: {@code apt-get update} in a RUN of its own. A RUN is keyed by its text, never by what the
 * network would answer (cache-model §5), so the update stays cached for good while a later install changes.
 */
final class SeparateAptUpdateRule implements Rule.OfStage {
    static final String ID = "DC104";
    private static final Pattern UPDATE = Pattern.compile("\\bapt(?:-get)?\\s+(?:-\\S+\\s+)*update\\b");
    private static final Pattern INSTALL = Pattern.compile("\\bapt(?:-get)?\\s+(?:-\\S+\\s+)*install\\b");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void check(AdviceInput input, Stage stage, List<Finding> findings) {
        List<RunInstruction> runs = stage.instructions().stream()
                .filter(RunInstruction.class::isInstance)
                .map(RunInstruction.class::cast)
                .toList();
        for (int i = 0; i < runs.size(); i++) {
            RunInstruction update = runs.get(i);
            if (updatesOnly(update)) {
                laterInstall(runs.subList(i + 1, runs.size()))
                        .ifPresent(install -> findings.add(finding(update, install)));
            }
        }
    }

    private static boolean updatesOnly(RunInstruction run) {
        String command = Instructions.command(run);
        return UPDATE.matcher(command).find() && !INSTALL.matcher(command).find();
    }

    private static Optional<RunInstruction> laterInstall(List<RunInstruction> laterRuns) {
        return laterRuns.stream()
                .filter(run -> INSTALL.matcher(Instructions.command(run)).find())
                .findFirst();
    }

    private static Finding finding(RunInstruction update, RunInstruction install) {
        int installLine = install.source().location().line();
        String message = Instructions.describe(update.source()) + " is a step of its own: it stays cached while the"
                + " install at line " + installLine + " changes, which then runs against a stale package index";
        Finding finding = Finding.at(ID, Severity.WARNING, update.source(), message, fix(update, install));
        return merged(update, install)
                .map(merged -> finding.withEdits(
                        Instructions.replace(install.source(), merged),
                        Edit.DockerfileLines.delete(
                                update.source().location().line(),
                                update.source().endLine())))
                .orElse(finding);
    }

    private static String fix(RunInstruction update, RunInstruction install) {
        int updateLine = update.source().location().line();
        int installLine = install.source().location().line();
        return merged(update, install)
                .map(merged -> Fixes.of(
                        "delete " + Fixes.lineRange(updateLine, update.source().endLine())
                                + " and update in the same RUN as the install (line " + installLine + ")",
                        merged))
                .orElse("run the update in the same RUN as the install at line " + installLine + ", joined with &&,"
                        + " and delete "
                        + Fixes.lineRange(updateLine, update.source().endLine()));
    }

    /** The install RUN with the update in front of its command, when both are plain shell commands. */
    private static Optional<String> merged(RunInstruction update, RunInstruction install) {
        String installText = install.source().text();
        if (!isPlainShell(update)
                || !isPlainShell(install)
                || !installText.endsWith(install.command().get(0))) {
            return Optional.empty();
        }
        String command = install.command().get(0);
        return Optional.of(installText.substring(0, installText.length() - command.length())
                + update.command().get(0) + " && " + command);
    }

    private static boolean isPlainShell(RunInstruction run) {
        return run.shellForm() && run.heredocs().isEmpty();
    }
}
