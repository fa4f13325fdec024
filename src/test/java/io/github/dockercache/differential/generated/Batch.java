package io.github.dockercache.differential.generated;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Many pairs in one Dockerfile: each pair's block, with its stages named after the pair and reading only its own
 * directory of the context, then a last stage that copies one file out of each block's last stage, so that building
 * the default target builds every block. After each FROM, a block gets a step that copies a marker file unique to
 * the run, the pair and the stage: every later step of the block then has a cache key no other block and no earlier
 * run shares, so BuildKit neither merges identical steps of two blocks into one vertex nor finds them in an older
 * cache. A {@link #CANARY} stage tells whether the cache survived from the first build to the second. A whole-file
 * pair ({@link Pair#isWholeFile()}) is always a batch of its own: its block comes first, so its parser directives
 * and global ARGs open the Dockerfile.
 */
public final class Batch {
    public static final String BASE_IMAGE = "dockercache-busybox:latest";
    private static final String AGGREGATE = "all-pairs";
    /**
     * A stage of one step that copies {@link #CANARY_FILE}, whose content is new for every batch: the second build
     * must find it cached. When it does not, something pruned or collected the build cache between the two builds
     * (another test that holds no lock, BuildKit's garbage collection), and every answer of the batch is void.
     */
    public static final String CANARY = "canary";
    /** The canary's file at the context's root, written by the runner. */
    public static final String CANARY_FILE = ".canary";
    /** The canary's step as the engine labels it. */
    public static final String CANARY_STEP = CANARY + ":2";

    private final List<Pair> pairs;
    private final List<String> names;

    /**
     * @param pairs the pairs
     * @param names each pair's stage name and directory, in the same order: lower-case letters, digits and {@code -}
     */
    public Batch(List<Pair> pairs, List<String> names) {
        if (pairs.size() != names.size()) {
            throw new IllegalArgumentException("one name per pair");
        }
        if (pairs.size() > 1 && pairs.stream().anyMatch(Pair::isWholeFile)) {
            throw new IllegalArgumentException("a whole-file pair is played alone, never in a batch");
        }
        this.pairs = List.copyOf(pairs);
        this.names = List.copyOf(names);
    }

    public List<Pair> pairs() {
        return pairs;
    }

    /** The stage name and directory of a pair of this batch. */
    public String nameOf(Pair pair) {
        return names.get(pairs.indexOf(pair));
    }

    /**
     * A rendered Dockerfile.
     *
     * @param text the Dockerfile
     * @param pairOfLine for each line (1-based; index 0 unused), the pair whose block holds it, or null
     * @param pairOfStage the pair of each stage label (the name in lower case, as BuildKit prints it)
     */
    public record Rendered(String text, List<Pair> pairOfLine, Map<String, Pair> pairOfStage) {
        /** The pair that a located error of the engine or the plugin is in, or null. */
        public Pair atLine(int line) {
            return line > 0 && line < pairOfLine.size() ? pairOfLine.get(line) : null;
        }
    }

    /** The Dockerfile of the first ({@code after} false) or the second build. */
    public Rendered render(boolean after) {
        StringBuilder text = new StringBuilder();
        List<Pair> pairOfLine = new ArrayList<>();
        pairOfLine.add(null);
        Map<String, Pair> pairOfStage = new LinkedHashMap<>();
        List<String> lastStages = new ArrayList<>();
        int stages = 0;
        for (int p = 0; p < pairs.size(); p++) {
            Pair pair = pairs.get(p);
            String name = names.get(p);
            String block = (after ? pair.after() : pair.before())
                    .replace("{base}", BASE_IMAGE)
                    .replace("{S}", name.toUpperCase(Locale.ROOT))
                    .replace("{s}", name)
                    .replace("{d}", name)
                    .replace("{i}", Integer.toString(stages));
            int marker = 0;
            for (String line : block.split("\n", -1)) {
                text.append(line).append('\n');
                pairOfLine.add(pair);
                String label = stageLabel(line);
                if (label != null) {
                    pairOfStage.put(label, pair);
                    String file = markerFile(marker++);
                    text.append("COPY ")
                            .append(name)
                            .append('/')
                            .append(file)
                            .append(" /")
                            .append(file)
                            .append('\n');
                    pairOfLine.add(pair);
                    stages++;
                }
            }
            if (marker == 0) {
                throw new IllegalArgumentException(pair.id() + ": the block has no FROM");
            }
            lastStages.add((stages - 1) + " /" + markerFile(marker - 1) + " /" + name);
        }
        text.append("FROM ")
                .append(BASE_IMAGE)
                .append(" AS ")
                .append(CANARY)
                .append('\n')
                .append("COPY ")
                .append(CANARY_FILE)
                .append(" /")
                .append(CANARY_FILE)
                .append('\n');
        text.append("FROM scratch AS ").append(AGGREGATE).append('\n');
        text.append("COPY --from=")
                .append(CANARY)
                .append(" /")
                .append(CANARY_FILE)
                .append(" /")
                .append(CANARY)
                .append('\n');
        for (int i = 0; i < 4; i++) {
            pairOfLine.add(null);
        }
        for (String copy : lastStages) {
            text.append("COPY --from=").append(copy).append('\n');
            pairOfLine.add(null);
        }
        return new Rendered(text.toString(), pairOfLine, pairOfStage);
    }

    /** The marker file of a block's {@code index}th stage, in the block's directory and at the stage's root. */
    public static String markerFile(int index) {
        return ".m" + index;
    }

    /** How many stages a block has at most: the markers each directory holds. */
    public static final int MAX_STAGES = 4;

    /** The label BuildKit prints for the stage a FROM line opens, or null when the line is no FROM. */
    static String stageLabel(String line) {
        String[] words = line.strip().split("\\s+");
        if (!words[0].equalsIgnoreCase("FROM")) {
            return null;
        }
        for (int i = 1; i < words.length - 1; i++) {
            if (words[i].equalsIgnoreCase("AS")) {
                return words[i + 1].toLowerCase(Locale.ROOT);
            }
        }
        throw new IllegalArgumentException("a block's stage has no name: " + line);
    }
}
