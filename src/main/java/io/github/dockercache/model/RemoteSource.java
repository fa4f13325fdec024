package io.github.dockercache.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** ADD of a URL or a git repository (cache-model §3.5, §3.6): known offline only when pinned. */
final class RemoteSource {
    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{40}");
    /** The --checksum a download must match: upstream, as the bytes downloaded are not known offline. */
    private static final InputName REMOTE_CHECKSUM = InputName.upstream(InputName.Source.CHECKSUM);

    private RemoteSource() {}

    static boolean isRemote(String source) {
        return isHttp(source) || isGit(source);
    }

    static boolean isHttp(String source) {
        return source.startsWith("http://") || source.startsWith("https://");
    }

    static boolean isGit(String source) {
        return source.startsWith("git@")
                || source.startsWith("git://")
                || source.endsWith(".git")
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
            return new SourceContent(
                    inputs,
                    List.of(),
                    null,
                    "ADD " + source + " follows a branch or tag that the remote can move; pin a full commit SHA",
                    false);
        }
        // BuildKit's ADD compares the downloaded file by content and name (the step's source name), never by the URL:
        // the same file from another address stays cached, and so does one whose --checksum was added or removed
        // (add-checksum-toggled). The content is known offline only as the --checksum it must match; it is an
        // upstream input, so that a pinned and an unpinned download of one file have one optimistic key.
        if (checksum != null && !checksum.isEmpty()) {
            return SourceContent.known(List.of(REMOTE_CHECKSUM.entry(checksum)), List.of());
        }
        return new SourceContent(
                List.of(REMOTE_CHECKSUM.entry("none")),
                List.of(),
                null,
                "ADD " + source + " is downloaded on every build and cached only if the bytes are unchanged;"
                        + " add --checksum=sha256:... to make it a stable input",
                false);
    }
}
