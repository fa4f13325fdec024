package io.github.dockercache.dockerfile;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * UndefinedArgInFrom: a FROM's image or {@code --platform} uses a variable that no global ARG declares (BuildKit's
 * automatic platform args count as declared). Checked while BuildKit dispatches the FROM lines.
 */
final class UndefinedArgInFromCheck implements BuildCheck.OfFrom {
    @Override
    public String name() {
        return BuildChecks.UNDEFINED_ARG_IN_FROM;
    }

    @Override
    public void check(CheckInput input, CheckDispatch.From from, List<ParseWarning> warnings) {
        for (Optional<ShellLexer.Expansion> expansion : List.of(from.image(), from.platform())) {
            for (String name : expansion.map(ShellLexer.Expansion::unmatched).orElse(Set.of())) {
                if (!input.dispatch().declaredGlobalArgs().contains(name)) {
                    warnings.add(warning(
                            input,
                            from.location(),
                            Suggestions.withSuggestion(
                                    "FROM argument '" + name + "' is not declared",
                                    name,
                                    input.dispatch().declaredGlobalArgs(),
                                    true)));
                }
            }
        }
    }
}
