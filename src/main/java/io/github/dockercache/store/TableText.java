package io.github.dockercache.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The file table cut out of a snapshot's text before the JSON parser reads the rest. The table is nearly all of a
 * large snapshot's text (2 MB of base64 for a 100,000-file context), and the parser reads a string a character at a
 * time, which a fresh JVM has not compiled yet: finding the quotes with {@link String#indexOf}, which it has, made
 * reading such a baseline about twice as fast. Only the table as {@link SnapshotStore} writes it is cut: the last
 * member of the top-level object, a list of strings without escapes; any other text is left to the parser whole.
 */
final class TableText {
    private static final String KEY = "\"fileTable\"";

    /** The text without its table (still one JSON object), and the table's chunks. */
    record Cut(String rest, List<String> chunks) {}

    private TableText() {}

    /** The table cut out of {@code text}, or null when it is not there as written, which the parser then reads. */
    static Cut cut(String text) {
        int key = text.indexOf(KEY);
        if (key < 0 || text.indexOf('\\', key) >= 0) {
            return null;
        }
        int before = skipBack(text, key - 1);
        String rest;
        if (before >= 0 && text.charAt(before) == ',') {
            rest = text.substring(0, before) + "}";
        } else if (before >= 0 && text.charAt(before) == '{') {
            rest = text.substring(0, before + 1) + "}";
        } else {
            return null;
        }
        int at = skip(text, key + KEY.length());
        if (!at(text, at, ':')) {
            return null;
        }
        at = skip(text, at + 1);
        if (!at(text, at, '[')) {
            return null;
        }
        at = skip(text, at + 1);
        List<String> chunks = new ArrayList<>();
        if (at(text, at, ']')) {
            at++;
        } else {
            while (true) {
                if (!at(text, at, '"')) {
                    return null;
                }
                int end = text.indexOf('"', at + 1);
                if (end < 0) {
                    return null;
                }
                chunks.add(text.substring(at + 1, end));
                at = skip(text, end + 1);
                if (at(text, at, ']')) {
                    at++;
                    break;
                }
                if (!at(text, at, ',')) {
                    return null;
                }
                at = skip(text, at + 1);
            }
        }
        at = skip(text, at);
        return at(text, at, '}') && skip(text, at + 1) == text.length() ? new Cut(rest, chunks) : null;
    }

    private static boolean at(String text, int index, char expected) {
        return index < text.length() && text.charAt(index) == expected;
    }

    /** The first index from {@code index} on that is not JSON white space. */
    private static int skip(String text, int index) {
        int at = index;
        while (at < text.length() && isSpace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    /** The last index from {@code index} down that is not JSON white space, or -1. */
    private static int skipBack(String text, int index) {
        int at = index;
        while (at >= 0 && isSpace(text.charAt(at))) {
            at--;
        }
        return at;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }
}
