package io.github.dockercache.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * One BuildKit build check, named as BuildKit names it (the names are in {@link BuildChecks}). Implementations are
 * stateless and return their warnings in the order BuildKit finds them; {@link BuildChecks} filters them by the
 * {@code # check=} options and sorts them by line. Most rules judge one stage, one FROM or one instruction at a
 * time: {@link OfStage}, {@link OfFrom} and {@link OfStep} walk the file for them.
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

    /** The warnings of {@code check} on every item, in order. */
    private static <T> List<ParseWarning> each(List<T> items, BiConsumer<T, List<ParseWarning>> check) {
        List<ParseWarning> warnings = new ArrayList<>();
        items.forEach(item -> check.accept(item, warnings));
        return warnings;
    }

    /** A rule that judges each stage on its own, as BuildKit parses it. */
    interface OfStage extends BuildCheck {
        void check(CheckInput input, Stage stage, List<ParseWarning> warnings);

        @Override
        default List<ParseWarning> check(CheckInput input) {
            return each(input.stages(), (stage, warnings) -> check(input, stage, warnings));
        }
    }

    /** A rule that judges each FROM as BuildKit dispatches it, with the global ARGs. */
    interface OfFrom extends BuildCheck {
        void check(CheckInput input, CheckDispatch.From from, List<ParseWarning> warnings);

        @Override
        default List<ParseWarning> check(CheckInput input) {
            return each(input.dispatch().froms(), (from, warnings) -> check(input, from, warnings));
        }
    }

    /** A rule that judges each instruction but FROM on its own, in the state BuildKit dispatches it in. */
    interface OfStep extends BuildCheck {
        void check(CheckInput input, CheckDispatch.Step step, List<ParseWarning> warnings);

        @Override
        default List<ParseWarning> check(CheckInput input) {
            return each(input.dispatch().steps(), (step, warnings) -> check(input, step, warnings));
        }
    }
}
