package io.github.dockercache.report;

import io.github.dockercache.compare.Cause;
import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.FailOn;
import io.github.dockercache.compare.StepResult;
import io.github.dockercache.compare.Verdict;
import io.github.dockercache.report.Findings.CauseText;
import io.github.dockercache.report.Findings.Finding;
import io.github.dockercache.report.Findings.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A short GitHub-flavoured Markdown summary of a comparison, for a job summary or a merge request: the
 * outcome in the title, a table of the steps, why each first miss misses, and one summary line.
 */
public final class MarkdownReport {
    /** The variable in which GitHub Actions names the file a step appends its job summary to. */
    public static final String STEP_SUMMARY_VARIABLE = "GITHUB_STEP_SUMMARY";
    /**
     * Characters Markdown could read as syntax, escaped with a backslash: emphasis, code, links, HTML,
     * entities, table cells, strikethrough, GitHub's math, headings; and the backslash itself, so that
     * an escape in the text is never read as one (inside a table too).
     */
    private static final String SPECIAL = "\\`*_[]<>|~&$#";

    private MarkdownReport() {}

    public static String of(Comparison comparison, FailOn failOn) {
        Findings findings = Findings.of(comparison, failOn);
        StringBuilder md = new StringBuilder();
        md.append(title(findings)).append("\n\n");
        md.append("| Step | Instruction | Verdict | Stable |\n| --- | --- | --- | --- |\n");
        for (Finding finding : findings.all()) {
            StepResult step = finding.step();
            md.append("| ")
                    .append(text(step.stepId()))
                    .append(" | ")
                    .append(instruction(step, Shortened.COLUMN))
                    .append(" | ")
                    .append(verdict(finding.outcome()))
                    .append(" | ")
                    .append(step.stable() ? "yes" : "")
                    .append(" |\n");
        }
        md.append('\n');
        List<StepResult> misses = comparison.firstMisses();
        if (misses.isEmpty()) {
            md.append("Every step is cached: nothing differs from the baseline.\n\n");
        }
        // a step that only a real build can judge is no miss: it has a section of its own
        appendMisses(
                md,
                "### Why steps are rebuilt",
                misses.stream().filter(s -> s.verdict() == Verdict.REBUILT).toList(),
                findings);
        appendMisses(
                md,
                "### What only a real build can tell",
                misses.stream().filter(s -> s.verdict() == Verdict.UNKNOWN).toList(),
                findings);
        long violations = findings.count(Outcome.VIOLATION);
        md.append(text(TextReport.summary(comparison) + ". " + findings.rule() + ": "
                        + (violations == 0 ? "passes." : "fails for " + steps(violations) + ".")))
                .append('\n');
        return md.toString();
    }

    /**
     * Appends to GitHub's job summary when the variable naming its file is set.
     *
     * @param stepSummaryFile the value of {@value #STEP_SUMMARY_VARIABLE}, or null outside GitHub Actions
     * @return whether it appended
     */
    public static boolean appendToStepSummary(String stepSummaryFile, String markdown) throws IOException {
        if (stepSummaryFile == null || stepSummaryFile.isBlank()) {
            return false;
        }
        appendTo(Path.of(stepSummaryFile), markdown);
        return true;
    }

    /**
     * Appends to the file, creating it if need be. Other steps write to the same file: a line break first
     * keeps this title from joining the end of their text.
     */
    public static void appendTo(Path file, String markdown) throws IOException {
        boolean hasText = Files.exists(file) && Files.size(file) > 0;
        Files.writeString(
                file,
                hasText ? "\n" + markdown : markdown,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static String title(Findings findings) {
        String dockerfile = text(findings.comparison().current().dockerfile());
        long violations = findings.count(Outcome.VIOLATION);
        return findings.failed()
                ? "## ❌ dockercache: " + dockerfile + " fails " + findings.rule() + " (" + steps(violations)
                        + " rebuilt for an unexpected reason)"
                : "## ✅ dockercache: " + dockerfile + " passes " + findings.rule();
    }

    private static String verdict(Outcome outcome) {
        return switch (outcome) {
            case CACHED -> "cached";
            case VIOLATION -> "❌ rebuilt";
            case TOLERATED -> "rebuilt";
            case EXPECTED -> "rebuilt (expected)";
            case UNKNOWN -> "unknown";
        };
    }

    private static void appendMisses(StringBuilder md, String heading, List<StepResult> misses, Findings findings) {
        if (misses.isEmpty()) {
            return;
        }
        md.append(heading).append("\n\n");
        misses.forEach(miss -> appendMiss(md, miss, findings));
        md.append('\n');
    }

    private static void appendMiss(StringBuilder md, StepResult miss, Findings findings) {
        List<StepResult> downstream = findings.downstreamOf(miss);
        md.append("- **")
                .append(text(miss.stepId()))
                .append("** ")
                .append(instruction(miss, Shortened.LINE))
                .append(' ')
                .append(Findings.verdictPhrase(miss))
                .append(" (line ")
                .append(miss.line())
                .append(miss.stable() ? ", stable" : "")
                .append(miss.expected() ? ", expected" : "")
                .append(findings.failsBecauseOf(miss) ? ", breaks " + findings.rule() + " ❌" : "")
                .append(")\n");
        List<Cause> listed = new ArrayList<>(miss.causes());
        miss.causes().forEach(cause -> appendCause(md, "", cause));
        for (StepResult step : downstream) {
            for (Cause cause : step.ownCauses()) {
                if (!listed.contains(cause)) { // a build arg that several steps use is said once
                    appendCause(md, "step " + step.stepId() + " itself: ", cause);
                    listed.add(cause);
                }
            }
        }
        if (miss.unknownReason() != null) {
            md.append("  - unknown: ").append(text(miss.unknownReason())).append('\n');
        }
        if (!downstream.isEmpty()) {
            md.append("  - and with it: ")
                    .append(text(downstream.stream().map(StepResult::stepId).collect(Collectors.joining(", "))))
                    .append('\n');
        }
    }

    private static void appendCause(StringBuilder md, String prefix, Cause cause) {
        CauseText described = Findings.describe(cause);
        md.append("  - ").append(text(prefix + described.detail())).append('\n');
        described.notes().forEach(note -> md.append("    - ").append(text(note)).append('\n'));
    }

    /**
     * The instruction, shortened to {@code width} between words, in monospace. Not a code span: backslash
     * escapes do not work inside one, yet a table still splits on a '|' in it. Inside {@code <code>} the
     * escapes of {@link #text} apply.
     */
    private static String instruction(StepResult step, int width) {
        return "<code>" + text(Shortened.of(step.text(), width)) + "</code>";
    }

    private static String steps(long count) {
        return count == 1 ? "1 step" : count + " steps";
    }

    /**
     * Text as Markdown shows it literally, on one line: control characters and line breaks as visible escapes
     * ({@link Printable}), since a line break would end a table row or a bullet; every character Markdown could
     * read as syntax backslash-escaped; and the {@code ://} of a URL and the dot of {@code www.} escaped too, so
     * that GitHub's extended autolinks do not turn a file name into a link.
     */
    static String text(String text) {
        String line = Printable.oneLine(text);
        StringBuilder escaped = new StringBuilder(line.length() + 16);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (SPECIAL.indexOf(c) >= 0
                    || c == ':' && line.startsWith("//", i + 1)
                    || c == '.' && i >= 3 && line.regionMatches(true, i - 3, "www", 0, 3)) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
