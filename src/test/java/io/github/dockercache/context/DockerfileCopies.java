package io.github.dockercache.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The context COPY/ADD lines of the simple Dockerfiles in the end-to-end vectors (no quoting, no
 * continuation): stage name, sources, {@code --exclude} patterns and destination. {@code --from} lines
 * read another stage, not the context, and are left out.
 */
record DockerfileCopies(String stage, List<String> sources, List<String> excludes, String dst) {

    static List<DockerfileCopies> parse(String dockerfile) {
        List<DockerfileCopies> copies = new ArrayList<>();
        String stage = "";
        for (String raw : dockerfile.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            String keyword = words[0].toUpperCase(Locale.ROOT);
            if (keyword.equals("FROM")) {
                stage = words.length >= 4 && words[2].equalsIgnoreCase("as") ? words[3] : "";
            } else if (keyword.equals("COPY") || keyword.equals("ADD")) {
                List<String> args = new ArrayList<>();
                List<String> excludes = new ArrayList<>();
                boolean fromStage = false;
                for (int i = 1; i < words.length; i++) {
                    if (words[i].startsWith("--exclude=")) {
                        excludes.add(words[i].substring("--exclude=".length()));
                    } else if (words[i].startsWith("--from=")) {
                        fromStage = true;
                    } else {
                        args.add(words[i]);
                    }
                }
                if (!fromStage) {
                    copies.add(new DockerfileCopies(
                            stage,
                            List.copyOf(args.subList(0, args.size() - 1)),
                            List.copyOf(excludes),
                            args.get(args.size() - 1)));
                }
            }
        }
        return copies;
    }
}
