package io.github.dockercache.report;

import io.github.dockercache.lint.Level;
import io.github.dockercache.lint.LintFailOn;
import io.github.dockercache.lint.LintFinding;
import io.github.dockercache.lint.LintResult;
import io.github.dockercache.lint.LintedFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Lint as console lines, one per finding, as compilers print them so that editors and terminals link the location:
 * {@code file:line:column: level rule: message (link)}, a fix indented below it; then what was not run, and a count.
 */
public final class LintConsole {
    /** One line to print, at the level it is logged with. */
    public record Line(Level level, String text) {}

    private LintConsole() {}

    public static List<Line> of(LintResult result, LintFailOn failOn) {
        List<Line> lines = new ArrayList<>();
        for (LintedFile file : result.files()) {
            for (LintFinding finding : file.findings()) {
                lines.add(new Line(finding.level(), Printable.oneLine(line(finding))));
                if (finding.fix() != null) {
                    finding.fix()
                            .lines()
                            .forEach(fix -> lines.add(new Line(finding.level(), "  " + Printable.oneLine(fix))));
                }
            }
            if (file.checkFailure() != null) {
                lines.add(new Line(
                        Level.ERROR,
                        Printable.oneLine(
                                file.file() + ": BuildKit refuses to build it (error=true): " + file.checkFailure())));
            }
        }
        result.notRun().forEach(note -> lines.add(new Line(Level.INFO, note)));
        lines.add(new Line(Level.INFO, summary(result, failOn)));
        return lines;
    }

    /** {@code file:line:column: level rule: message (link)}. */
    static String line(LintFinding finding) {
        return finding.location() + ": " + finding.level().label() + " " + finding.rule() + ": " + finding.message()
                + (finding.link() == null ? "" : " (" + finding.link() + ")");
    }

    /** {@code Linted 3 Dockerfiles: 1 error, 2 warnings, 0 infos; failOn=warning fails on 3.} */
    static String summary(LintResult result, LintFailOn failOn) {
        int files = result.files().size();
        return "Linted " + files + (files == 1 ? " Dockerfile: " : " Dockerfiles: ")
                + count(result.count(Level.ERROR), "error") + ", " + count(result.count(Level.WARNING), "warning")
                + ", "
                + count(result.count(Level.INFO), "info") + "; failOn=" + failOn.label()
                + (failOn == LintFailOn.NEVER
                        ? " reports only."
                        : " fails on " + result.failing(failOn).size() + ".");
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
