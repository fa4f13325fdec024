package io.github.dockercache.dockerfile;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One instruction of BuildKit's raw parse tree (its parser {@code Node}), before the instruction word
 * is checked and the arguments are interpreted.
 *
 * @param keyword the instruction word as written (any case; not checked, may be unknown)
 * @param flags the leading {@code --name[=value]} words, as written minus quotes and escapes
 * @param args the arguments as the instruction's line parser split them (see the conformance README)
 * @param trigger for ONBUILD, the nested instruction; otherwise null
 * @param json true when the arguments were a JSON array (exec form)
 * @param heredocs the here-documents read after the instruction; unlike {@link Heredoc}'s contract the
 *     content is not yet chomped for {@code <<-}
 * @param original the instruction text with continuation lines joined (BuildKit's {@code Original})
 * @param startLine 1-based first line
 * @param endLine 1-based last line, heredoc bodies included
 * @param column 1-based column of the keyword on the first line
 * @param comments comment lines above the instruction (BuildKit's {@code PrevComment})
 */
public record RawInstruction(
        String keyword,
        List<String> flags,
        List<String> args,
        RawInstruction trigger,
        boolean json,
        List<Heredoc> heredocs,
        String original,
        int startLine,
        int endLine,
        int column,
        List<String> comments) {

    /** The same instruction with its position and surroundings. */
    RawInstruction placed(List<Heredoc> readHeredocs, int start, int end, int keywordColumn) {
        return new RawInstruction(
                keyword,
                flags,
                args,
                trigger,
                json,
                List.copyOf(readHeredocs),
                original,
                start,
                end,
                keywordColumn,
                comments);
    }

    /** This instruction as one s-expression of BuildKit's {@code Node.Dump()}. */
    public String dump() {
        StringBuilder out = new StringBuilder(keyword.toLowerCase(Locale.ROOT));
        if (!flags.isEmpty()) {
            out.append(flags.stream().map(GoText::quote).collect(Collectors.joining(" ", " [", "]")));
        }
        for (String arg : args) {
            out.append(' ').append(GoText.quote(arg));
        }
        if (trigger != null) {
            out.append(" (").append(trigger.dump()).append(')');
        }
        return GoText.trimSpace(out.toString());
    }
}
