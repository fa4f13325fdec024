package io.github.dockercache.dockerfile;

import java.util.List;

/**
 * One BuildKit build check, named as BuildKit names it (the names are in {@link BuildChecks}). Implementations are
 * stateless and return their warnings in the order BuildKit finds them; {@link BuildChecks} filters them by the
 * {@code # check=} options and sorts them by line.
 */
interface BuildCheck {
    String name();

    /** Experimental rules run only when {@code # check=experimental=} asks for them. */
    default boolean experimental() {
        return false;
    }

    List<ParseWarning> check(CheckInput input);

    /** A warning of this rule at {@code at}, in the file as the user names it. */
    default ParseWarning warning(CheckInput input, SourceLocation at, String message) {
        return new ParseWarning(new SourceLocation(input.displayName(), at.line(), at.column()), name(), message);
    }
}
