package io.github.dockercache.dockerfile;

import java.util.Collection;
import java.util.Locale;
import java.util.TreeSet;

/**
 * BuildKit's "(did you mean X?)" hints: the closest option within edit distance 2. BuildKit scans a Go
 * map, so between equally close options its choice is random; here the alphabetically first wins.
 */
final class Suggestions {
    private static final int MAX_DISTANCE_EXCLUSIVE = 3;

    private Suggestions() {}

    static String withSuggestion(String message, String value, Collection<String> options, boolean caseSensitive) {
        String match = closest(value, options, caseSensitive);
        return match == null ? message : message + " (did you mean " + match + "?)";
    }

    /** The option BuildKit's {@code suggest.Search} proposes for {@code value}, or null. */
    static String closest(String value, Collection<String> options, boolean caseSensitive) {
        String needle = caseSensitive ? value : value.toLowerCase(Locale.ROOT);
        String match = null;
        int best = MAX_DISTANCE_EXCLUSIVE;
        for (String option : new TreeSet<>(options)) {
            String candidate = caseSensitive ? option : option.toLowerCase(Locale.ROOT);
            if (candidate.equals(needle)) {
                return null; // an exact match means the problem is something else
            }
            int distance = levenshtein(needle, candidate);
            if (distance < best) {
                best = distance;
                match = caseSensitive ? candidate : matchCase(candidate, value);
            }
        }
        return match;
    }

    private static String matchCase(String option, String original) {
        if (original.equals(original.toLowerCase(Locale.ROOT))) {
            return option.toLowerCase(Locale.ROOT);
        }
        if (original.equals(original.toUpperCase(Locale.ROOT))) {
            return option.toUpperCase(Locale.ROOT);
        }
        return option;
    }

    private static int levenshtein(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        int[] previous = new int[y.length + 1];
        int[] current = new int[y.length + 1];
        for (int j = 0; j <= y.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length; i++) {
            current[0] = i;
            for (int j = 1; j <= y.length; j++) {
                int substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length];
    }
}
