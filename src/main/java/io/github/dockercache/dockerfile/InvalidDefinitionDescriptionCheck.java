package io.github.dockercache.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * InvalidDefinitionDescription (experimental in BuildKit 0.25): a comment right above a named stage or an ARG (blank
 * lines between do not detach it in BuildKit 0.25) is taken as its description, so its first word should be the
 * name. Checked while BuildKit parses.
 */
final class InvalidDefinitionDescriptionCheck implements BuildCheck {
    @Override
    public String name() {
        return BuildChecks.INVALID_DEFINITION_DESCRIPTION;
    }

    @Override
    public boolean experimental() {
        return true;
    }

    @Override
    public List<ParseWarning> check(CheckInput input) {
        List<ParseWarning> warnings = new ArrayList<>();
        input.globalArgs().forEach(arg -> argDescription(input, arg, warnings));
        for (Stage stage : input.stages()) {
            if (stage.name() != null) {
                description(input, stage.from(), "FROM", List.of(stage.name()), warnings);
            }
            for (Instruction instruction : stage.instructions()) {
                if (instruction instanceof ArgInstruction arg) {
                    argDescription(input, arg, warnings);
                }
            }
        }
        return warnings;
    }

    private void argDescription(CheckInput input, ArgInstruction arg, List<ParseWarning> warnings) {
        description(
                input, arg, "ARG", arg.args().stream().map(ArgDeclaration::name).toList(), warnings);
    }

    private void description(
            CheckInput input,
            Instruction instruction,
            String keyword,
            List<String> names,
            List<ParseWarning> warnings) {
        List<String> comments = instruction.source().comments();
        if (comments.isEmpty()
                || names.isEmpty()
                || names.contains(comments.get(comments.size() - 1).split(" ", -1)[0])) {
            return;
        }
        String example = names.size() == 1 ? names.get(0) : "<arg_key>";
        warnings.add(warning(
                input,
                instruction.source().location(),
                "Comment for " + keyword + " should follow the format: `# " + example + " <description>`"));
    }
}
