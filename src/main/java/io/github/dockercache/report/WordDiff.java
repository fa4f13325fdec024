package io.github.dockercache.report;

import java.util.ArrayList;
import java.util.List;

/** A word-level diff of two instruction texts, in git's {@code --word-diff} notation: {@code [-old-]{+new+}}. */
final class WordDiff {
    private WordDiff() {}

    static String of(String before, String after) {
        String[] a = before.trim().split("\\s+");
        String[] b = after.trim().split("\\s+");
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] =
                        a[i].equals(b[j]) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                out.add(a[i++]);
                j++;
            } else if (i < a.length && (j == b.length || common[i + 1][j] >= common[i][j + 1])) {
                out.add("[-" + a[i++] + "-]"); // removals first, as git shows them
            } else {
                out.add("{+" + b[j++] + "+}");
            }
        }
        return String.join(" ", out);
    }
}
