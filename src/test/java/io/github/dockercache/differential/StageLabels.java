package io.github.dockercache.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The stage labels BuildKit prints for a Dockerfile: the {@code AS} name in lower case, else {@code stage-<index>}.
 * A line scan for FROM instructions, deliberately independent of the plugin's parser, whose output this harness
 * checks; it does not handle a FROM split by a line continuation or a heredoc line starting with FROM.
 */
final class StageLabels {
    private StageLabels() {}

    static List<String> of(String dockerfile) {
        List<String> labels = new ArrayList<>();
        for (String line : dockerfile.split("\r?\n")) {
            String[] words = line.strip().split("\\s+");
            if (!words[0].equalsIgnoreCase("FROM")) {
                continue;
            }
            String label = "stage-" + labels.size();
            for (int i = 1; i < words.length - 1; i++) {
                if (words[i].equalsIgnoreCase("AS")) {
                    label = words[i + 1].toLowerCase(Locale.ROOT);
                }
            }
            labels.add(label);
        }
        return labels;
    }
}
