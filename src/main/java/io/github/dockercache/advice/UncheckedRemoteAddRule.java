package io.github.dockercache.advice;

import io.github.dockercache.dockerfile.CopyInstruction;
import io.github.dockercache.dockerfile.Instruction;
import io.github.dockercache.dockerfile.Stage;
import java.util.List;

/**
 * DC302: {@code ADD <url>} without {@code --checksum}. BuildKit revalidates the URL on every build and
 * keys the step by what it downloads (cache-model §3.6), so the step is known only after the network answered;
 * with a checksum the key is that checksum and a cached build does not even contact the server.
 */
final class UncheckedRemoteAddRule implements Rule.OfStage {
    static final String ID = "DC302";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void check(AdviceInput input, Stage stage, List<Finding> findings) {
        for (Instruction instruction : stage.instructions()) {
            if (instruction instanceof CopyInstruction add
                    && add.add()
                    && add.from() == null
                    && add.checksum() == null) {
                List<String> urls = sources(input, add).stream()
                        .filter(UncheckedRemoteAddRule::isHttp)
                        .toList();
                if (!urls.isEmpty()) {
                    findings.add(finding(add, urls));
                }
            }
        }
    }

    /** The sources as the build expands them, or as written in a stage the build does not reach. */
    private static List<String> sources(AdviceInput input, CopyInstruction add) {
        return input.step(add).map(step -> step.reads().sources()).orElse(add.sourcePaths());
    }

    /**
     * HTTP downloads. BuildKit takes an HTTP(S) URL whose path ends in {@code .git} for a git repository, whatever
     * query ({@code ?ref=v1}) or fragment ({@code #v1}) follows (dfgitutil.ParseGitRef); that is keyed by its
     * commit instead, and DC302 does not cover it.
     */
    private static boolean isHttp(String source) {
        int scheme = source.startsWith("http://") ? 7 : source.startsWith("https://") ? 8 : -1;
        if (scheme < 0) {
            return false;
        }
        String rest = source.substring(scheme);
        int pathStart = rest.indexOf('/');
        String path = pathStart < 0 ? "" : rest.substring(pathStart).split("[?#]", 2)[0];
        return !path.endsWith(".git");
    }

    private static Finding finding(CopyInstruction add, List<String> urls) {
        String message = "ADD of " + urls.get(0) + " without --checksum: BuildKit asks the server on every build,"
                + " and the step and all after it rebuild whenever the download differs";
        if (add.sources().size() != 1) {
            return Finding.at(
                    ID,
                    Severity.WARNING,
                    add.source(),
                    message,
                    "give each URL its own ADD with"
                            + " --checksum=sha256:<sha256 of the file> (dockerfile syntax 1.6 or later); --checksum takes one source");
        }
        String checked = Instructions.withFlag(add.source(), "--checksum=sha256:<sha256 of the file>");
        return Finding.at(
                        ID,
                        Severity.WARNING,
                        add.source(),
                        message,
                        Fixes.of(
                                "add the file's checksum (sha256sum of the download; dockerfile syntax 1.6 or later)",
                                checked))
                .withEdits(Instructions.replace(add.source(), checked));
    }
}
