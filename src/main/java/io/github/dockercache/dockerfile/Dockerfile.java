package io.github.dockercache.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed Dockerfile.
 *
 * @param displayName how messages name the file (a path relative to the project, never absolute when
 *     avoidable)
 * @param escapeChar the escape character from the {@code # escape=} directive, default backslash
 * @param globalArgs the ARG instructions before the first FROM
 * @param stages the stages in file order
 * @param warnings what BuildKit would warn about
 * @param warningsFailBuild whether BuildKit fails the build when there is any warning ({@code error=true} in
 *     {@code # check=} or in the {@code BUILDKIT_DOCKERFILE_CHECK} build argument)
 */
public record Dockerfile(
        String displayName,
        char escapeChar,
        List<ArgInstruction> globalArgs,
        List<Stage> stages,
        List<ParseWarning> warnings,
        boolean warningsFailBuild) {

    /** Every instruction in file order: the global ARGs, then each stage's FROM and its instructions. */
    public List<Instruction> allInstructions() {
        List<Instruction> all = new ArrayList<>(globalArgs);
        for (Stage stage : stages) {
            all.add(stage.from());
            all.addAll(stage.instructions());
        }
        return all;
    }

    /**
     * BuildKit's error when the warnings fail the build before any step runs ({@code lint violation found for
     * rules: ...}, rules here in the order they first warn), or null when the build goes on.
     */
    public String checkFailure() {
        if (!warningsFailBuild || warnings.isEmpty()) {
            return null;
        }
        return "lint violation found for rules: "
                + String.join(
                        ", ",
                        warnings.stream().map(ParseWarning::rule).distinct().toList());
    }
}
