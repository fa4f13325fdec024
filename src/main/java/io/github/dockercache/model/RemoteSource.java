package io.github.dockercache.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** ADD of a URL or a git repository (spec 3.5, 3.6): known offline only when pinned. */
final class RemoteSource {
    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{40}");

    private RemoteSource() {}

    static boolean isRemote(String source) {
        return source.startsWith("http://") || source.startsWith("https://") || isGit(source);
    }

    private static boolean isGit(String source) {
        return source.startsWith("git@") || source.startsWith("git://") || source.endsWith(".git")
                || source.contains(".git#");
    }

    /** @param keepGitDir {@code ADD --keep-git-dir}: a git checkout keeps its {@code .git} directory */
    static SourceContent content(String source, String checksum, boolean keepGitDir) {
        if (isGit(source)) {
            int hash = source.indexOf('#');
            String ref = hash < 0 ? "" : source.substring(hash + 1).split(":", 2)[0];
            List<Map.Entry<String, String>> inputs = new ArrayList<>(List.of(Map.entry("git", source)));
            if (keepGitDir) {
                inputs.add(Map.entry("keep-git-dir", "true")); // BuildKit's git key holds it (cache-model §3.6)
            }
            if (COMMIT.matcher(ref).matches()) {
                return SourceContent.known(inputs, List.of());
            }
            return new SourceContent(inputs, List.of(), null,
                    "ADD " + source + " follows a branch or tag that the remote can move; pin a full commit SHA", false);
        }
        if (checksum != null) {
            // with --checksum BuildKit keys the download by that checksum and the file's name (the step's source
            // name), not by the URL: the same file from another address stays cached
            return SourceContent.known(List.of(Map.entry("checksum", checksum)), List.of());
        }
        return new SourceContent(List.of(Map.entry("url", source)), List.of(), null,
                "ADD " + source + " is downloaded on every build and cached only if the bytes are unchanged;"
                        + " add --checksum=sha256:... to make it a stable input", false);
    }
}
