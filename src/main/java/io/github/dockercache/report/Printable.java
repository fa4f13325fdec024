package io.github.dockercache.report;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Text from the user's files (paths, values, instructions) as every report prints it: characters that could
 * split a line, drive a terminal or reorder what a reader sees are written as visible escapes, so a file named
 * {@code "a\nb"} or {@code "\u001b[31m"} reads as exactly that, in the console and in every file.
 */
final class Printable {
    private Printable() {}

    /**
     * The text with every control character but tab written as an escape ({@code \n}, {@code \r},
     * {@code \u001b}), as are the Unicode line separators and the bidirectional controls that would make a
     * name display in another order than it has ("Trojan Source").
     */
    static String oneLine(String text) {
        if (text.chars().noneMatch(Printable::needsEscape)) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        text.chars().forEach(c -> {
            if (!needsEscape(c)) {
                escaped.append((char) c);
            } else if (c == '\n') {
                escaped.append("\\n");
            } else if (c == '\r') {
                escaped.append("\\r");
            } else {
                escaped.append(String.format("\\u%04x", c));
            }
        });
        return escaped.toString();
    }

    /**
     * As {@link #oneLine}, but line breaks stay: for text shown as a block (an instruction that spans lines, a fix
     * with the lines to write), where a line break is the user's own.
     */
    static String lines(String text) {
        return Arrays.stream(text.split("\n", -1)).map(Printable::oneLine).collect(Collectors.joining("\n"));
    }

    /** Instruction text on one line: line continuations and indentation become one space each. */
    static String flat(String instruction) {
        // only white space goes: a control character at either end is shown like any other
        return oneLine(instruction.replaceAll("[ \t\n\r\f\u000b]+", " ").replaceAll("^ | $", ""));
    }

    static boolean needsEscape(int c) {
        return c != '\t' && Character.isISOControl(c)
                || c == '\u2028'
                || c == '\u2029'
                || c == '\u200e'
                || c == '\u200f'
                || c == '\u061c'
                || c >= '\u202a' && c <= '\u202e'
                || c >= '\u2066' && c <= '\u2069';
    }
}
