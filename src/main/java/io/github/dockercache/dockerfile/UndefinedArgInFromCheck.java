package io.github.dockercache.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * UndefinedArgInFrom: a FROM's image or {@code --platform} uses a variable that no global ARG declares (BuildKit's
 * automatic platform args count as declared). Checked while BuildKit dispatches the FROM lines.
 */
final class UndefinedArgInFromCheck implements BuildCheck {
    @Override
    public String name() {
        return BuildChecks.UNDEFINED_ARG_IN_FROM;
    }

    @Override
    public List<ParseWarning> check(CheckInput input) {
        List<ParseWarning> warnings = new ArrayList<>();
        for (CheckDispatch.From from : input.dispatch().froms()) {
            for (Optional<ShellLexer.Expansion> expansion : List.of(from.image(), from.platform())) {
                expansion.ifPresent(match -> {
                    for (String name : match.unmatched()) {
                        if (!input.dispatch().declaredGlobalArgs().contains(name)) {
                            warnings.add(warning(input, from.location(), Suggestions.withSuggestion(
                                    "FROM argument '" + name + "' is not declared", name,
                                    input.dispatch().declaredGlobalArgs(), true)));
                        }
                    }
                });
            }
        }
        return warnings;
    }
}
