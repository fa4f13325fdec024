package io.github.dockercache.context;

import java.util.Arrays;

/**
 * A compiled regular expression run as a Thompson NFA: every position of the text is tried at once, so
 * a search takes time proportional to text length times program size, as with Go's regexp. A
 * backtracking {@link java.util.regex.Pattern} needed minutes for an ignore line such as
 * {@code *a*a*a*a*a*a*a*ac} against a 60-character name. Only whether the text contains a match is
 * answered: that is all patternmatcher asks.
 */
final class RegexProgram {
    /** One code point within {@code ranges[pc]} (inclusive lo/hi pairs). */
    private static final int RANGES = 0;
    /** A zero-width condition, one of the {@code AT_*} values in {@code target[pc]}. */
    private static final int ASSERT = 1;
    /** Continue at both {@code target[pc]} and {@code alternative[pc]}. */
    private static final int SPLIT = 2;
    private static final int JUMP = 3;
    private static final int MATCH = 4;

    static final int AT_BEGIN_TEXT = 0;
    static final int AT_END_TEXT = 1;
    static final int AT_WORD_BOUNDARY = 2;
    static final int AT_NOT_WORD_BOUNDARY = 3;

    private final int[] op;
    private final int[] target;
    private final int[] alternative;
    private final int[][] ranges;

    private RegexProgram(Builder builder) {
        this.op = Arrays.copyOf(builder.op, builder.length);
        this.target = Arrays.copyOf(builder.target, builder.length);
        this.alternative = Arrays.copyOf(builder.alternative, builder.length);
        this.ranges = Arrays.copyOf(builder.ranges, builder.length);
    }

    /** True when some part of {@code text} matches, like {@code Matcher.find()}. */
    boolean find(String text) {
        int[] cps = text.codePoints().toArray();
        boolean[] current = new boolean[op.length];
        boolean[] next = new boolean[op.length];
        int[] pending = new int[op.length * 2 + 1];
        for (int pos = 0; pos <= cps.length; pos++) {
            int previous = pos > 0 ? cps[pos - 1] : -1;
            int following = pos < cps.length ? cps[pos] : -1;
            if (addClosure(current, 0, pending, previous, following, pos == 0, pos == cps.length)) {
                return true;
            }
            Arrays.fill(next, false);
            boolean anyAlive = false;
            for (int pc = 0; pc < op.length; pc++) {
                if (current[pc] && op[pc] == RANGES && following >= 0 && contains(ranges[pc], following)) {
                    next[pc + 1] = true;
                    anyAlive = true;
                }
            }
            // the states after consuming a code point still need their zero-width closure at the next position
            Arrays.fill(current, false);
            if (anyAlive && pos < cps.length) {
                int nextPrevious = following;
                int nextFollowing = pos + 1 < cps.length ? cps[pos + 1] : -1;
                for (int pc = 0; pc < op.length; pc++) {
                    if (next[pc] && addClosure(current, pc, pending, nextPrevious, nextFollowing, false,
                            pos + 1 == cps.length)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Marks in {@code states} every state reachable from {@code start} without consuming input, checking
     * assertions against the code points around the position; true when MATCH is reachable.
     */
    private boolean addClosure(boolean[] states, int start, int[] pending, int previous, int following,
            boolean atBegin, boolean atEnd) {
        int top = 0;
        pending[top++] = start;
        while (top > 0) {
            int pc = pending[--top];
            if (states[pc]) {
                continue;
            }
            states[pc] = true;
            switch (op[pc]) {
                case MATCH -> {
                    return true;
                }
                case JUMP -> pending[top++] = target[pc];
                case SPLIT -> {
                    pending[top++] = alternative[pc];
                    pending[top++] = target[pc];
                }
                case ASSERT -> {
                    if (holds(target[pc], previous, following, atBegin, atEnd)) {
                        pending[top++] = pc + 1;
                    }
                }
                default -> {
                    // RANGES waits for the next code point
                }
            }
        }
        return false;
    }

    private static boolean holds(int assertion, int previous, int following, boolean atBegin, boolean atEnd) {
        return switch (assertion) {
            case AT_BEGIN_TEXT -> atBegin;
            case AT_END_TEXT -> atEnd;
            case AT_WORD_BOUNDARY -> isWordChar(previous) != isWordChar(following);
            default -> isWordChar(previous) == isWordChar(following);
        };
    }

    /** RE2's {@code \b} uses ASCII word characters only. */
    private static boolean isWordChar(int cp) {
        return cp >= 0 && cp < 0x80 && (Character.isLetterOrDigit(cp) || cp == '_');
    }

    private static boolean contains(int[] pairs, int cp) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (cp >= pairs[i] && cp <= pairs[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** Emits instructions; quantifiers are built by the caller around the instructions of their operand. */
    static final class Builder {
        private int[] op = new int[16];
        private int[] target = new int[16];
        private int[] alternative = new int[16];
        private int[][] ranges = new int[16][];
        private int length;

        /** The index the next instruction will get. */
        int next() {
            return length;
        }

        void ranges(int[] loHiPairs) {
            add(RANGES, 0, 0, loHiPairs);
        }

        void assertion(int kind) {
            add(ASSERT, kind, 0, null);
        }

        /** A split whose second branch is set later with {@link #patchAlternative}. */
        int split(int preferred) {
            add(SPLIT, preferred, -1, null);
            return length - 1;
        }

        void patchAlternative(int split, int alternativeTarget) {
            alternative[split] = alternativeTarget;
        }

        void splitTo(int first, int second) {
            add(SPLIT, first, second, null);
        }

        void jump(int to) {
            add(JUMP, to, 0, null);
        }

        RegexProgram build() {
            add(MATCH, 0, 0, null);
            return new RegexProgram(this);
        }

        private void add(int kind, int targetValue, int alternativeValue, int[] rangePairs) {
            if (length == op.length) {
                op = Arrays.copyOf(op, length * 2);
                target = Arrays.copyOf(target, length * 2);
                alternative = Arrays.copyOf(alternative, length * 2);
                ranges = Arrays.copyOf(ranges, length * 2);
            }
            op[length] = kind;
            target[length] = targetValue;
            alternative[length] = alternativeValue;
            ranges[length] = rangePairs;
            length++;
        }
    }
}
