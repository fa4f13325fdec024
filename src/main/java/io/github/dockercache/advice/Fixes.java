package io.github.dockercache.advice;

import java.util.List;

/** The text of a fix: what to do, then the exact lines to write, one per line, indented by two spaces. */
final class Fixes {
    private Fixes() {}

    static String of(String what, List<String> lines) {
        StringBuilder fix = new StringBuilder(what).append(':');
        lines.forEach(line -> fix.append("\n  ").append(line));
        return fix.toString();
    }

    static String of(String what, String line) {
        return of(what, List.of(line));
    }

    /** {@code line 4} or {@code lines 4-6}. */
    static String lineRange(int first, int last) {
        return first == last ? "line " + first : "lines " + first + "-" + last;
    }
}
