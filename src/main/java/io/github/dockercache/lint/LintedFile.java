package io.github.dockercache.lint;

import java.util.List;

/**
 * One Dockerfile's lint.
 *
 * @param file as {@link LintFinding#file()} names it
 * @param findings in line order: BuildKit's checks first within a line, then the cache-hygiene rules; a file that
 *     does not parse has its parse error alone
 * @param checkFailure BuildKit's error when {@code error=true} makes it refuse the file for its warnings
 *     ({@code lint violation found for rules: ...}), else null
 */
public record LintedFile(String file, List<LintFinding> findings, String checkFailure) {
    public LintedFile {
        findings = List.copyOf(findings);
    }
}
