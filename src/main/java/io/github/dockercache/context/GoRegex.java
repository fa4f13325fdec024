package io.github.dockercache.context;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles the Go (RE2) regular expressions that patternmatcher builds into a {@link RegexProgram}, which
 * matches in linear time like Go's regexp does. The Go syntax is parsed here (classes do not nest, as
 * they do in Java; escapes and POSIX classes as RE2 reads them), so no Java regex syntax is involved.
 * Only the subset patternmatcher can produce is supported; Unicode-property escapes ({@code \p}) are
 * reported as unsupported rather than guessed.
 */
final class GoRegex {
    /** Everything but a newline: Go's {@code .} without the {@code s} flag. */
    private static final int[] ANY_BUT_NEWLINE = {0, '\n' - 1, '\n' + 1, Character.MAX_CODE_POINT};

    private final int[] re;
    private int pos;

    /** The parsed expression: what the program is compiled from. */
    private sealed interface Node permits Ranges, Assertion, Sequence, Repeat {
        void emit(RegexProgram.Builder program);
    }

    /** One code point in one of the inclusive lo/hi pairs. */
    private record Ranges(int[] loHiPairs) implements Node {
        @Override
        public void emit(RegexProgram.Builder program) {
            program.ranges(loHiPairs);
        }
    }

    private record Assertion(int kind) implements Node {
        @Override
        public void emit(RegexProgram.Builder program) {
            program.assertion(kind);
        }
    }

    private record Sequence(List<Node> items) implements Node {
        @Override
        public void emit(RegexProgram.Builder program) {
            items.forEach(item -> item.emit(program));
        }
    }

    /** {@code *}, {@code +} or {@code ?}; {@code lazy} (a trailing {@code ?}) changes nothing for a yes/no match. */
    private record Repeat(Node operand, int operator, boolean lazy) implements Node {
        @Override
        public void emit(RegexProgram.Builder program) {
            if (operator == '+') {
                int start = program.next();
                operand.emit(program);
                program.splitTo(start, program.next() + 1);
                return;
            }
            int split = program.split(program.next() + 1);
            operand.emit(program);
            if (operator == '*') {
                program.jump(split);
            }
            program.patchAlternative(split, program.next());
        }
    }

    private GoRegex(String regex) {
        this.re = regex.codePoints().toArray();
    }

    static RegexProgram compile(String goRegex) throws BadPatternException {
        RegexProgram.Builder program = new RegexProgram.Builder();
        new GoRegex(goRegex).sequence(false).emit(program);
        return program.build();
    }

    private Sequence sequence(boolean inGroup) throws BadPatternException {
        List<Node> items = new ArrayList<>();
        while (pos < re.length) {
            int ch = re[pos++];
            switch (ch) {
                case '^' -> items.add(new Assertion(RegexProgram.AT_BEGIN_TEXT));
                case '$' -> items.add(new Assertion(RegexProgram.AT_END_TEXT)); // no (?m): end of text only
                case '.' -> items.add(new Ranges(ANY_BUT_NEWLINE));
                case '*', '+', '?' -> repeatLast(items, ch);
                case '(' -> items.add(sequence(true));
                case ')' -> {
                    if (!inGroup) {
                        throw new BadPatternException("error parsing regexp: unexpected )");
                    }
                    return new Sequence(items);
                }
                case '[' -> items.add(characterClass());
                case '\\' -> escapeOutsideClass(items);
                default -> items.add(literal(ch));
            }
        }
        if (inGroup) {
            throw new BadPatternException("error parsing regexp: missing closing )");
        }
        return new Sequence(items);
    }

    /** Applies a repetition operator to the item before it, with RE2's errors for a missing or repeated one. */
    private static void repeatLast(List<Node> items, int operator) throws BadPatternException {
        if (items.isEmpty()) {
            throw new BadPatternException(
                    "error parsing regexp: missing argument to repetition operator: `" + Character.toString(operator) + "`");
        }
        Node last = items.get(items.size() - 1);
        if (last instanceof Repeat repeat) {
            if (operator == '?' && !repeat.lazy()) {
                items.set(items.size() - 1, new Repeat(repeat.operand(), repeat.operator(), true));
                return;
            }
            throw new BadPatternException("error parsing regexp: invalid nested repetition operator: `"
                    + Character.toString(repeat.operator()) + (repeat.lazy() ? "?" : "") + Character.toString(operator) + "`");
        }
        items.set(items.size() - 1, new Repeat(last, operator, false));
    }

    private static Ranges literal(int codePoint) {
        return new Ranges(new int[] {codePoint, codePoint});
    }

    private void escapeOutsideClass(List<Node> items) throws BadPatternException {
        if (pos >= re.length) {
            throw new BadPatternException("error parsing regexp: trailing backslash at end of expression");
        }
        int ch = re[pos];
        switch (ch) {
            case 'A' -> {
                pos++;
                items.add(new Assertion(RegexProgram.AT_BEGIN_TEXT));
            }
            case 'z' -> {
                pos++;
                items.add(new Assertion(RegexProgram.AT_END_TEXT));
            }
            case 'b' -> {
                pos++;
                items.add(new Assertion(RegexProgram.AT_WORD_BOUNDARY));
            }
            case 'B' -> {
                pos++;
                items.add(new Assertion(RegexProgram.AT_NOT_WORD_BOUNDARY));
            }
            case 'Q' -> {
                pos++;
                while (pos < re.length) {
                    if (re[pos] == '\\' && pos + 1 < re.length && re[pos + 1] == 'E') {
                        pos += 2;
                        return;
                    }
                    items.add(literal(re[pos++]));
                }
            }
            case 'd', 'D', 's', 'S', 'w', 'W' -> {
                pos++;
                items.add(classOf(perlClass(ch), false));
            }
            default -> items.add(literal(escapedChar()));
        }
    }

    /** A class {@code [...]} in Go syntax (leading {@code ]} is literal, {@code [:name:]}, escapes, ranges). */
    private Ranges characterClass() throws BadPatternException {
        boolean negated = false;
        if (pos < re.length && re[pos] == '^') {
            negated = true;
            pos++;
        }
        List<int[]> ranges = new ArrayList<>();
        boolean first = true;
        while (pos >= re.length || re[pos] != ']' || first) {
            if (pos >= re.length) {
                throw new BadPatternException("error parsing regexp: missing closing ]");
            }
            first = false;
            if (re[pos] == '[' && pos + 1 < re.length && re[pos + 1] == ':') {
                List<int[]> named = posixClass();
                if (named != null) {
                    ranges.addAll(named);
                    continue;
                }
            }
            if (re[pos] == '\\' && pos + 1 < re.length && "dDsSwW".indexOf(re[pos + 1]) >= 0) {
                ranges.addAll(perlClass(re[pos + 1]));
                pos += 2;
                continue;
            }
            int lo = classChar();
            int hi = lo;
            if (pos + 1 < re.length && re[pos] == '-' && re[pos + 1] != ']') {
                pos++;
                hi = classChar();
                if (hi < lo) {
                    throw new BadPatternException("error parsing regexp: invalid character class range");
                }
            }
            ranges.add(new int[] {lo, hi});
        }
        pos++; // the closing ]
        return classOf(ranges, negated);
    }

    private int classChar() throws BadPatternException {
        if (pos >= re.length) {
            throw new BadPatternException("error parsing regexp: missing closing ]");
        }
        int ch = re[pos++];
        if (ch != '\\') {
            return ch;
        }
        if (pos >= re.length) {
            throw new BadPatternException("error parsing regexp: trailing backslash at end of expression");
        }
        return escapedChar();
    }

    /** Go's {@code parseEscape} for single characters: punctuation, octal, hex and C escapes. */
    private int escapedChar() throws BadPatternException {
        int ch = re[pos++];
        if (ch < 0x80 && !Character.isLetterOrDigit(ch)) {
            return ch;
        }
        switch (ch) {
            case 'a':
                return 7;
            case 'f':
                return '\f';
            case 't':
                return '\t';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 'v':
                return 0x0B;
            case 'x':
                return hexEscape();
            case '0', '1', '2', '3', '4', '5', '6', '7':
                if (ch != '0' && (pos >= re.length || re[pos] < '0' || re[pos] > '7')) {
                    break; // a lone non-zero digit is a backreference, which RE2 rejects
                }
                int value = ch - '0';
                for (int i = 1; i < 3 && pos < re.length && re[pos] >= '0' && re[pos] <= '7'; i++) {
                    value = value * 8 + re[pos++] - '0';
                }
                return value;
            case 'p', 'P':
                throw new BadPatternException("unsupported regular-expression escape \\" + (char) ch
                        + " (Unicode classes are not supported by this tool)");
            default:
                break;
        }
        throw new BadPatternException("error parsing regexp: invalid escape sequence: \\" + Character.toString(ch));
    }

    private int hexEscape() throws BadPatternException {
        StringBuilder digits = new StringBuilder();
        if (pos < re.length && re[pos] == '{') {
            pos++;
            while (pos < re.length && re[pos] != '}') {
                digits.appendCodePoint(re[pos++]);
            }
            if (pos >= re.length) {
                throw new BadPatternException("error parsing regexp: invalid escape sequence: \\x{");
            }
            pos++;
        } else {
            for (int i = 0; i < 2 && pos < re.length; i++) {
                digits.appendCodePoint(re[pos++]);
            }
            if (digits.length() != 2) {
                throw new BadPatternException("error parsing regexp: invalid escape sequence: \\x");
            }
        }
        try {
            int value = Integer.parseInt(digits.toString(), 16);
            if (digits.length() == 0 || value > 0x10FFFF) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadPatternException("error parsing regexp: invalid escape sequence: \\x" + digits);
        }
    }

    /** {@code [:name:]} or {@code [:^name:]}; returns null when the text is not a POSIX class (then literal). */
    private List<int[]> posixClass() throws BadPatternException {
        int close = -1;
        for (int i = pos + 2; i + 1 < re.length; i++) {
            if (re[i] == ':' && re[i + 1] == ']') {
                close = i;
                break;
            }
        }
        if (close < 0) {
            return null;
        }
        String name = new String(re, pos + 2, close - pos - 2);
        boolean negated = name.startsWith("^");
        List<int[]> ranges = posixRanges(negated ? name.substring(1) : name);
        if (ranges == null) {
            throw new BadPatternException("error parsing regexp: invalid character class range: [:" + name + ":]");
        }
        pos = close + 2;
        return negated ? complement(ranges) : ranges;
    }

    private static List<int[]> posixRanges(String name) {
        return switch (name) {
            case "alnum" -> List.of(r('0', '9'), r('A', 'Z'), r('a', 'z'));
            case "alpha" -> List.of(r('A', 'Z'), r('a', 'z'));
            case "ascii" -> List.of(r(0, 0x7F));
            case "blank" -> List.of(r('\t', '\t'), r(' ', ' '));
            case "cntrl" -> List.of(r(0, 0x1F), r(0x7F, 0x7F));
            case "digit" -> List.of(r('0', '9'));
            case "graph" -> List.of(r('!', '~'));
            case "lower" -> List.of(r('a', 'z'));
            case "print" -> List.of(r(' ', '~'));
            case "punct" -> List.of(r('!', '/'), r(':', '@'), r('[', '`'), r('{', '~'));
            case "space" -> List.of(r('\t', '\r'), r(' ', ' '));
            case "upper" -> List.of(r('A', 'Z'));
            case "word" -> List.of(r('0', '9'), r('A', 'Z'), r('a', 'z'), r('_', '_'));
            case "xdigit" -> List.of(r('0', '9'), r('A', 'F'), r('a', 'f'));
            default -> null;
        };
    }

    /** RE2's Perl classes are ASCII-only, unlike Java's defaults. */
    private static List<int[]> perlClass(int letter) {
        List<int[]> ranges = switch (Character.toLowerCase(letter)) {
            case 'd' -> List.of(r('0', '9'));
            case 's' -> List.of(r('\t', '\n'), r('\f', '\r'), r(' ', ' '));
            default -> List.of(r('0', '9'), r('A', 'Z'), r('_', '_'), r('a', 'z'));
        };
        return Character.isUpperCase(letter) ? complement(ranges) : ranges;
    }

    private static List<int[]> complement(List<int[]> ranges) {
        List<int[]> sorted = new ArrayList<>(ranges);
        sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> result = new ArrayList<>();
        int next = 0;
        for (int[] range : sorted) {
            if (range[0] > next) {
                result.add(r(next, range[0] - 1));
            }
            next = Math.max(next, range[1] + 1);
        }
        if (next <= Character.MAX_CODE_POINT) {
            result.add(r(next, Character.MAX_CODE_POINT));
        }
        return result;
    }

    private static Ranges classOf(List<int[]> ranges, boolean negated) {
        List<int[]> members = negated ? complement(ranges) : ranges;
        int[] pairs = new int[members.size() * 2];
        for (int i = 0; i < members.size(); i++) {
            pairs[2 * i] = members.get(i)[0];
            pairs[2 * i + 1] = members.get(i)[1];
        }
        return new Ranges(pairs);
    }

    private static int[] r(int lo, int hi) {
        return new int[] {lo, hi};
    }
}
