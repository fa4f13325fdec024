package io.github.dockercache.dockerfile;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * The shell patterns of {@code ${V#p}}, {@code ${V%p}} and {@code ${V/p/r}}: {@code *} and {@code ?}
 * globs and backslash escapes, no bracket expressions. BuildKit translates them to Go regular
 * expressions ({@code *} is {@code .*}, or {@code .*?} for the shortest match); they are run here by
 * RE2/J, which gives the same leftmost-first matches in time linear in the text, as Go's regexp does.
 * A backtracking {@link java.util.regex.Pattern} took minutes on {@code *a*a*a*a*a*a*a*a*a*ac}.
 */
final class ShellPattern {
    /**
     * The longest text {@code ${V//p/r}} may produce. Its result is as long as the value times the replacement,
     * and a replacement can itself be such a substitution, so a few nested ones in a short line reach gigabytes
     * (found by fuzzing); no real Dockerfile needs a word of a million characters.
     */
    static final int MAX_REPLACED_LENGTH = ShellLexer.MAX_WORD_LENGTH;

    private ShellPattern() {}

    static final class InvalidPatternException extends Exception {
        InvalidPatternException(String message) {
            super(message);
        }
    }

    /** {@code ${V#p}} / {@code ${V##p}}: removes the shortest (longest if greedy) matching prefix. */
    static String trimPrefix(String pattern, String value, boolean greedy) throws InvalidPatternException {
        int[] match = Glob.compile(pattern, greedy).atStart(value);
        return match == null ? value : value.substring(match[1]);
    }

    /**
     * {@code ${V%p}} / {@code ${V%%p}}: a regular expression cannot find the shortest rightmost match,
     * so pattern and value are reversed and the prefix is trimmed instead.
     */
    static String trimSuffix(String pattern, String value, boolean greedy) throws InvalidPatternException {
        String reversed = trimPrefix(reversePattern(pattern), reverse(value), greedy);
        return reverse(reversed);
    }

    /** {@code ${V/p/r}} and {@code ${V//p/r}}. */
    static String replace(String value, String pattern, String replacement, boolean all)
            throws InvalidPatternException, ExpansionException {
        Glob glob = Glob.compile(pattern, true);
        if (!all) {
            int[] match = glob.find(value, 0);
            return match == null ? value : value.substring(0, match[0]) + replacement + value.substring(match[1]);
        }
        return replaceAll(glob, value, replacement);
    }

    /**
     * Go's {@code ReplaceAllString}: an empty match right after a previous match is not replaced, and the
     * replacement is a Go template ({@code $0}, {@code ${0}} and {@code $$} expand).
     */
    private static String replaceAll(Glob glob, String value, String template) throws ExpansionException {
        StringBuilder out = new StringBuilder();
        int lastMatchEnd = 0;
        int searchPos = 0;
        int[] match;
        while (searchPos <= value.length() && (match = glob.find(value, searchPos)) != null) {
            int start = match[0];
            int end = match[1];
            out.append(value, lastMatchEnd, start);
            if (end > lastMatchEnd || start == 0) {
                expandTemplate(out, template, value.substring(start, end));
            }
            if (out.length() > MAX_REPLACED_LENGTH) {
                throw new ExpansionException("replacing every match gives more than " + MAX_REPLACED_LENGTH
                        + " characters; check the nested ${...//...} substitutions");
            }
            lastMatchEnd = end;
            int width = searchPos < value.length() ? Character.charCount(value.codePointAt(searchPos)) : 0;
            if (searchPos + width > end) {
                searchPos += width;
            } else if (searchPos + 1 > end) {
                searchPos++;
            } else {
                searchPos = end;
            }
        }
        out.append(value, Math.min(lastMatchEnd, value.length()), value.length());
        return out.toString();
    }

    /** Go's {@code Regexp.Expand} for a pattern without capture groups: only group 0 has a value. */
    private static void expandTemplate(StringBuilder out, String template, String match) {
        int i = 0;
        while (i < template.length()) {
            int dollar = template.indexOf('$', i);
            if (dollar < 0) {
                break;
            }
            out.append(template, i, dollar);
            i = dollar + 1;
            if (i < template.length() && template.charAt(i) == '$') {
                out.append('$');
                i++;
                continue;
            }
            boolean brace = i < template.length() && template.charAt(i) == '{';
            int nameStart = brace ? i + 1 : i;
            int nameEnd = nameStart;
            while (nameEnd < template.length()) {
                int cp = template.codePointAt(nameEnd);
                if (!Character.isLetter(cp) && !Character.isDigit(cp) && cp != '_') {
                    break;
                }
                nameEnd += Character.charCount(cp);
            }
            boolean wellFormed =
                    nameEnd > nameStart && (!brace || (nameEnd < template.length() && template.charAt(nameEnd) == '}'));
            if (!wellFormed) {
                out.append('$');
                continue;
            }
            if (isGroupZero(template.substring(nameStart, nameEnd))) {
                out.append(match);
            }
            i = brace ? nameEnd + 1 : nameEnd;
        }
        out.append(template, i, template.length());
    }

    private static boolean isGroupZero(String name) {
        return name.chars().allMatch(c -> c == '0');
    }

    private static String describe(int cp) {
        return cp < 0 ? "\uFFFD" : new String(Character.toChars(cp));
    }

    /** Go's text/scanner, which BuildKit uses to read patterns, skips a byte-order mark at the start. */
    static String withoutLeadingBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** Reverses a pattern but keeps each escape before the character it escapes ({@code a\*c -> c\*a}). */
    static String reversePattern(String pattern) {
        int[] cps = pattern.codePoints().toArray();
        int[] out = new int[cps.length];
        int last = cps.length - 1;
        for (int i = 0; i <= last; ) {
            int target = last - i;
            if (cps[i] == '\\' && i != last) {
                out[target - 1] = cps[i];
                out[target] = cps[i + 1];
                i += 2;
            } else {
                out[target] = cps[i];
                i++;
            }
        }
        return new String(out, 0, out.length);
    }

    static String reverse(String s) {
        return new StringBuilder(s).reverse().toString();
    }

    /**
     * A compiled pattern: the Go regular expression BuildKit makes of it, run by RE2/J, which like Go's regexp gives
     * leftmost-first matches in time linear in the text.
     */
    private static final class Glob {
        /** RE2's metacharacters, escaped where a pattern character stands for itself. */
        private static final String META = "\\.+*?()|[]{}^$";

        private final Pattern regex;

        private Glob(Pattern regex) {
            this.regex = regex;
        }

        /** {@code *} prefers the longest run when {@code greedy}, else the shortest. */
        static Glob compile(String pattern, boolean greedy) throws InvalidPatternException {
            StringBuilder regex = new StringBuilder();
            int[] cps = withoutLeadingBom(pattern).codePoints().toArray();
            for (int i = 0; i < cps.length; i++) {
                int cp = cps[i];
                if (cp == '*') {
                    regex.append(greedy ? ".*" : ".*?");
                } else if (cp == '?') {
                    regex.append('.');
                } else if (cp == '\\') {
                    int next = i + 1 < cps.length ? cps[i + 1] : -1;
                    // "}" and "/" are escaped only to get them through ${...}; the backslash is not part of the pattern
                    if (next == '}' || next == '/') {
                        continue;
                    }
                    if (next != '*' && next != '?' && next != '\\') {
                        throw new InvalidPatternException("invalid escape '\\" + describe(next) + "'");
                    }
                    literal(regex, next);
                    i++;
                } else {
                    literal(regex, cp);
                }
            }
            return new Glob(Pattern.compile(regex.toString()));
        }

        private static void literal(StringBuilder regex, int cp) {
            if (cp < 0x80 && META.indexOf(cp) >= 0) {
                regex.append('\\');
            }
            regex.appendCodePoint(cp);
        }

        /** The leftmost-first match at the start of {@code text}: its start and end offsets, or null. */
        int[] atStart(String text) {
            Matcher matcher = regex.matcher(text);
            return matcher.lookingAt() ? new int[] {matcher.start(), matcher.end()} : null;
        }

        /** The leftmost-first match starting at {@code from} or later: its start and end offsets, or null. */
        int[] find(String text, int from) {
            Matcher matcher = regex.matcher(text);
            if (!matcher.find(from)) {
                return null;
            }
            return new int[] {matcher.start(), matcher.end()};
        }
    }
}
