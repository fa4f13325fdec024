package io.github.dockercache.context;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Go's regexp (RE2) for the expressions patternmatcher builds, through RE2/J: Go's syntax (classes do not nest, as
 * they do in Java; Perl and POSIX classes are ASCII) and Go's linear-time matching, with Go's error messages.
 * Unicode-property escapes ({@code \p}, {@code \P}) are refused rather than matched: RE2/J's Unicode tables are not
 * those of the Go release BuildKit is built with, so a class could differ for newer characters.
 */
final class GoRegex {
    private GoRegex() {}

    static Pattern compile(String goRegex) throws BadPatternException {
        refuseUnicodeClasses(goRegex);
        try {
            return Pattern.compile(goRegex);
        } catch (PatternSyntaxException e) {
            throw new BadPatternException(e.getMessage());
        }
    }

    private static void refuseUnicodeClasses(String goRegex) throws BadPatternException {
        for (int i = 0; i + 1 < goRegex.length(); i++) {
            if (goRegex.charAt(i) != '\\') {
                continue;
            }
            char escaped = goRegex.charAt(++i);
            if (escaped == 'Q') { // \Q...\E is literal text
                int end = goRegex.indexOf("\\E", i + 1);
                i = end < 0 ? goRegex.length() : end + 1;
            } else if (escaped == 'p' || escaped == 'P') {
                throw new BadPatternException("unsupported regular-expression escape \\" + escaped
                        + " (Unicode classes are not supported by this tool)");
            }
        }
    }
}
