package io.github.dockercache.dockerfile;

import java.util.Arrays;

/**
 * The shell patterns of {@code ${V#p}}, {@code ${V%p}} and {@code ${V/p/r}}: {@code *} and {@code ?}
 * globs and backslash escapes, no bracket expressions. BuildKit translates them to Go regular
 * expressions ({@code *} is {@code .*}, or {@code .*?} for the shortest match); they are run here by
 * {@link Glob}, which gives the same leftmost-first matches in time linear in the text, as Go's
 * regexp does. A backtracking {@link java.util.regex.Pattern} took minutes on {@code *a*a*a*a*a*a*a*a*a*ac}.
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
        int[] match = Glob.compile(pattern, greedy).find(value, 0, true);
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
            int[] match = glob.find(value, 0, false);
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
        while (searchPos <= value.length() && (match = glob.find(value, searchPos, false)) != null) {
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
     * A compiled pattern, run as a Pike VM: all match attempts advance together one code point at a time,
     * threads kept in priority order, so the first match found is the one a backtracking matcher would
     * report, without its exponential worst case.
     */
    private static final class Glob {
        private static final int CHAR = 0;
        /** Any code point but a newline: Go's {@code .} without the {@code s} flag. */
        private static final int ANY = 1;
        /** Continue at {@code target} first, then at {@code alternative}. */
        private static final int SPLIT = 2;
        private static final int JUMP = 3;
        private static final int MATCH = 4;

        private final int[] op;
        private final int[] target;
        private final int[] alternative;

        private Glob(int[] op, int[] target, int[] alternative) {
            this.op = op;
            this.target = target;
            this.alternative = alternative;
        }

        /** {@code *} prefers the longest run when {@code greedy}, else the shortest. */
        static Glob compile(String pattern, boolean greedy) throws InvalidPatternException {
            Builder program = new Builder();
            int[] cps = withoutLeadingBom(pattern).codePoints().toArray();
            for (int i = 0; i < cps.length; i++) {
                int cp = cps[i];
                if (cp == '*') {
                    program.star(greedy);
                } else if (cp == '?') {
                    program.add(ANY, 0, 0);
                } else if (cp == '\\') {
                    int next = i + 1 < cps.length ? cps[i + 1] : -1;
                    // "}" and "/" are escaped only to get them through ${...}; the backslash is not part of the pattern
                    if (next == '}' || next == '/') {
                        continue;
                    }
                    if (next != '*' && next != '?' && next != '\\') {
                        throw new InvalidPatternException("invalid escape '\\" + describe(next) + "'");
                    }
                    program.add(CHAR, next, 0);
                    i++;
                } else {
                    program.add(CHAR, cp, 0);
                }
            }
            program.add(MATCH, 0, 0);
            return program.build();
        }

        /**
         * The leftmost-first match starting at {@code from} or later (only at {@code from} when
         * {@code anchored}): its start and end offsets in {@code text}, or null.
         */
        int[] find(String text, int from, boolean anchored) {
            Threads current = new Threads(op.length);
            Threads next = new Threads(op.length);
            int[] match = null;
            int pos = from;
            while (true) {
                if (match == null && (pos == from || !anchored)) {
                    current.add(this, 0, pos); // a new attempt starting here, after every older one
                }
                if (current.size == 0) {
                    return match;
                }
                int cp = pos < text.length() ? text.codePointAt(pos) : -1;
                int following = cp < 0 ? pos : pos + Character.charCount(cp);
                next.clear();
                for (int t = 0; t < current.size; t++) {
                    int pc = current.pcs[t];
                    int start = current.starts[t];
                    if (op[pc] == MATCH) {
                        match = new int[] {start, pos};
                        break; // threads after this one have lower priority
                    }
                    boolean consumes = op[pc] == CHAR ? cp == target[pc] : cp >= 0 && cp != '\n';
                    if (consumes) {
                        next.add(this, pc + 1, start);
                    }
                }
                if (cp < 0) {
                    return match;
                }
                Threads swap = current;
                current = next;
                next = swap;
                pos = following;
            }
        }

        /** The threads of one step, in priority order, each program position at most once. */
        private static final class Threads {
            private final int[] pcs;
            private final int[] starts;
            private final boolean[] present;
            private final int[] pending;
            private int size;

            Threads(int programLength) {
                pcs = new int[programLength];
                starts = new int[programLength];
                present = new boolean[programLength];
                pending = new int[programLength * 2 + 1];
            }

            void clear() {
                Arrays.fill(present, false);
                size = 0;
            }

            /** Adds the threads reachable from {@code pc} without consuming input, preferred branch first. */
            void add(Glob glob, int pc, int start) {
                int top = 0;
                pending[top++] = pc;
                while (top > 0) {
                    int at = pending[--top];
                    if (present[at]) {
                        continue;
                    }
                    present[at] = true;
                    switch (glob.op[at]) {
                        case JUMP -> pending[top++] = glob.target[at];
                        case SPLIT -> {
                            pending[top++] = glob.alternative[at];
                            pending[top++] = glob.target[at];
                        }
                        default -> {
                            pcs[size] = at;
                            starts[size] = start;
                            size++;
                        }
                    }
                }
            }
        }

        private static final class Builder {
            private int[] op = new int[16];
            private int[] target = new int[16];
            private int[] alternative = new int[16];
            private int length;

            void add(int kind, int targetOrChar, int alternativeTarget) {
                if (length == op.length) {
                    op = Arrays.copyOf(op, length * 2);
                    target = Arrays.copyOf(target, length * 2);
                    alternative = Arrays.copyOf(alternative, length * 2);
                }
                op[length] = kind;
                target[length] = targetOrChar;
                alternative[length] = alternativeTarget;
                length++;
            }

            /** {@code .*} or {@code .*?}: a split between one more character and what follows. */
            void star(boolean greedy) {
                int split = length;
                int loopBody = split + 1;
                int after = split + 3;
                add(SPLIT, greedy ? loopBody : after, greedy ? after : loopBody);
                add(ANY, 0, 0);
                add(JUMP, split, 0);
            }

            Glob build() {
                return new Glob(Arrays.copyOf(op, length), Arrays.copyOf(target, length), Arrays.copyOf(alternative, length));
            }
        }
    }
}
