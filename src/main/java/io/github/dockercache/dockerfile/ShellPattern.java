package io.github.dockercache.dockerfile;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell patterns of {@code ${V#p}}, {@code ${V%p}} and {@code ${V/p/r}}: {@code *} and {@code ?}
 * globs and backslash escapes, no bracket expressions, translated to regular expressions as BuildKit
 * does. Matching follows Go's leftmost-first semantics, which {@link Pattern} shares.
 */
final class ShellPattern {
    private static final String REGEX_SPECIALS = "[]{}.+()|^$";

    private ShellPattern() {}

    static final class InvalidPatternException extends Exception {
        InvalidPatternException(String message) {
            super(message);
        }
    }

    /** {@code ${V#p}} / {@code ${V##p}}: removes the shortest (longest if greedy) matching prefix. */
    static String trimPrefix(String pattern, String value, boolean greedy) throws InvalidPatternException {
        Matcher m = compile(pattern, greedy, true).matcher(value);
        return m.find() ? value.substring(m.end()) : value;
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
            throws InvalidPatternException {
        Matcher m = compile(pattern, true, false).matcher(value);
        if (!all) {
            return m.find() ? value.substring(0, m.start()) + replacement + value.substring(m.end()) : value;
        }
        return replaceAll(m, value, replacement);
    }

    /**
     * Go's {@code ReplaceAllString}: an empty match right after a previous match is not replaced, and the
     * replacement is a Go template ({@code $0}, {@code ${0}} and {@code $$} expand).
     */
    private static String replaceAll(Matcher m, String value, String template) {
        StringBuilder out = new StringBuilder();
        int lastMatchEnd = 0;
        int searchPos = 0;
        while (searchPos <= value.length() && m.find(searchPos)) {
            out.append(value, lastMatchEnd, m.start());
            if (m.end() > lastMatchEnd || m.start() == 0) {
                expandTemplate(out, template, m.group());
            }
            lastMatchEnd = m.end();
            int width = searchPos < value.length() ? Character.charCount(value.codePointAt(searchPos)) : 0;
            if (searchPos + width > m.end()) {
                searchPos += width;
            } else if (searchPos + 1 > m.end()) {
                searchPos++;
            } else {
                searchPos = m.end();
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
            boolean wellFormed = nameEnd > nameStart
                    && (!brace || (nameEnd < template.length() && template.charAt(nameEnd) == '}'));
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

    static Pattern compile(String pattern, boolean greedy, boolean anchored) throws InvalidPatternException {
        StringBuilder regex = new StringBuilder(pattern.length() + 4);
        if (anchored) {
            regex.append('^');
        }
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
                regex.append('\\').appendCodePoint(next);
                i++;
            } else {
                if (cp < 0x80 && REGEX_SPECIALS.indexOf(cp) >= 0) {
                    regex.append('\\');
                }
                regex.appendCodePoint(cp);
            }
        }
        // UNIX_LINES: like Go, "." excludes only "\n"
        return Pattern.compile(regex.toString(), Pattern.UNIX_LINES);
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
}
