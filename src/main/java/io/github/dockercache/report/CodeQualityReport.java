package io.github.dockercache.report;

import io.github.dockercache.context.Digests;
import io.github.dockercache.lint.LintFinding;
import io.github.dockercache.lint.LintResult;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Lint as a GitLab code quality report ({@code artifacts:reports:codequality}): a JSON array of issues with the
 * fields GitLab reads, {@code description}, {@code check_name}, {@code fingerprint}, {@code severity} and
 * {@code location.path} with {@code location.lines.begin}. Severities: error major, warning minor, info info.
 *
 * <p>GitLab compares a merge request's issues with the target branch's by fingerprint and shows only the first issue
 * of a fingerprint, so it leaves the line out (an edit above must not make every issue below look new) and counts
 * repeats of the same rule and message in a file instead.
 */
public final class CodeQualityReport {
    private CodeQualityReport() {}

    record Issue(String description, String check_name, String fingerprint, String severity, IssueLocation location) {}

    record IssueLocation(String path, Lines lines) {}

    record Lines(int begin) {}

    public static String of(LintResult result) {
        Map<String, Integer> seen = new HashMap<>();
        List<Issue> issues = result.findings().stream()
                .map(finding -> {
                    String key = finding.file() + "\0" + finding.rule() + "\0" + finding.message();
                    int occurrence = seen.merge(key, 1, Integer::sum);
                    return new Issue(
                            finding.rule() + ": " + finding.message(),
                            finding.rule(),
                            fingerprint(key + "\0" + occurrence),
                            severity(finding),
                            new IssueLocation(finding.file(), new Lines(finding.line())));
                })
                .toList();
        return JsonText.of(issues);
    }

    private static String severity(LintFinding finding) {
        return switch (finding.level()) {
            case ERROR -> "major";
            case WARNING -> "minor";
            case INFO -> "info";
        };
    }

    private static String fingerprint(String key) {
        return HexFormat.of().formatHex(Digests.newSha256().digest(key.getBytes(StandardCharsets.UTF_8)), 0, 16);
    }
}
