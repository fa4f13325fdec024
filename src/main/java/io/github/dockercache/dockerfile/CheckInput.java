package io.github.dockercache.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a build check looks at: the parsed file, each instruction's raw parse, and the facts of BuildKit's dispatch.
 *
 * @param raw each instruction's raw parse (identity map: records compare by value)
 * @param lexer the file's word expander (its escape character)
 */
record CheckInput(
        String displayName,
        List<ArgInstruction> globalArgs,
        List<Stage> stages,
        Map<Instruction, RawInstruction> raw,
        ShellLexer lexer,
        CheckDispatch dispatch) {

    /** The keyword as written ({@code run} stays lower case). */
    String keyword(Instruction instruction) {
        return raw.get(instruction).keyword();
    }

    /** The stage's FROM and then its instructions. */
    static List<Instruction> withFrom(Stage stage) {
        List<Instruction> all = new ArrayList<>();
        all.add(stage.from());
        all.addAll(stage.instructions());
        return all;
    }
}
