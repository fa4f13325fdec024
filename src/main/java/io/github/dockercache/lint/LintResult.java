package io.github.dockercache.lint;

import java.util.List;

/**
 * What lint found in every file, in the order of the files' names.
 *
 * @param files each file linted
 * @param notRun one sentence per kind of check that could not run without a context or image configuration, said
 *     once for the whole run
 */
public record LintResult(List<LintedFile> files, List<String> notRun) {
    public LintResult {
        files = List.copyOf(files);
        notRun = List.copyOf(notRun);
    }

    /** Every finding, file by file. */
    public List<LintFinding> findings() {
        return files.stream().flatMap(file -> file.findings().stream()).toList();
    }

    /** The findings that {@code failOn} fails the lint for. */
    public List<LintFinding> failing(LintFailOn failOn) {
        return findings().stream()
                .filter(finding -> failOn.fails(finding.level()))
                .toList();
    }

    /** How many findings have {@code level}. */
    public long count(Level level) {
        return findings().stream().filter(finding -> finding.level() == level).count();
    }
}
