package io.github.dockercache.report;

import io.github.dockercache.lint.LintFinding;
import io.github.dockercache.lint.LintResult;
import java.util.List;

/**
 * Lint as GitHub Actions workflow commands ({@code ::warning file=F,line=L,col=C,title=RULE::message}), which the
 * runner turns into annotations on the pull request's files when they are printed at the start of a line of the
 * step's standard output. Values are escaped as the runner's command parser unescapes them.
 */
public final class GitHubAnnotations {
    private GitHubAnnotations() {}

    public static List<String> of(LintResult result) {
        return result.findings().stream().map(GitHubAnnotations::annotation).toList();
    }

    static String annotation(LintFinding finding) {
        String command = switch (finding.level()) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "notice";
        };
        String message = finding.message()
                + (finding.link() == null ? "" : " " + finding.link())
                + (finding.fix() == null ? "" : "\n" + finding.fix());
        return "::" + command + " file=" + property(finding.file()) + ",line=" + finding.line() + ",col="
                + finding.column() + ",title=" + property(finding.rule()) + "::" + data(message);
    }

    /** The runner's {@code escapeData}: the message may hold line breaks. */
    static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** The runner's {@code escapeProperty}: also the separators of the properties. */
    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
