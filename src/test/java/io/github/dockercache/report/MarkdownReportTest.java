package io.github.dockercache.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.FailOn;
import io.github.dockercache.model.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Markdown summary of real comparisons, its escaping, and appending to GitHub's job summary file. */
class MarkdownReportTest {
    @TempDir
    Path dir;

    @Test
    void failingComparisonShowsTheOutcomeTheStepsAndWhy() throws Exception {
        List<String> lines = MarkdownReport.of(JavaBuild.pomModeChanged(dir), FailOn.STABLE)
                .lines()
                .toList();
        assertEquals(
                "## ❌ dockercache: Dockerfile fails failOn=stable (2 steps rebuilt for an unexpected reason)",
                lines.get(0));
        assertEquals("| Step | Instruction | Verdict | Stable |", lines.get(2));
        assertTrue(lines.contains("| build:3 | <code>COPY pom.xml .</code> | ❌ rebuilt | yes |"), lines::toString);
        assertTrue(lines.contains("| build:5 | <code>COPY src ./src</code> | rebuilt |  |"), lines::toString);
        assertTrue(
                lines.contains("| runtime:3 | <code>COPY --from=build /workspace/target/app.jar /app.jar</code>"
                        + " | unknown | yes |"),
                lines::toString);
        int why = lines.indexOf("### Why steps are rebuilt");
        assertEquals(
                List.of(
                        "- **build:3** <code>COPY pom.xml .</code> is rebuilt (line 3, stable, breaks failOn=stable ❌)",
                        "  - pom.xml mode bits changed 0644 -\\> 0755",
                        "    - fix: the executable bit was set (if that was not meant: chmod -x pom.xml, and git"
                                + " update-index --chmod=-x pom.xml where git records it); COPY --chmod does not help:"
                                + " BuildKit hashes the source mode"
                                + " (a build from Windows also sends every file as 0755)",
                        "  - and with it: build:4, build:5, build:6"),
                lines.subList(why + 2, why + 6));
        // a step that only a real build can judge is no miss: it is listed apart
        assertEquals(
                List.of(
                        "",
                        "### What only a real build can tell",
                        "",
                        "- **runtime:3** <code>COPY --from=build /workspace/target/app.jar /app.jar</code> may be rebuilt"
                                + " (line 11, stable)"),
                lines.subList(why + 6, why + 10));
        assertTrue(
                lines.contains("  - unknown: reads /workspace/target/app.jar from stage 'build', whose files come"
                        + " from RUN at line 6: BuildKit reuses this step only if those files come out byte-identical, which"
                        + " takes a real build to know"),
                lines::toString);
        assertEquals(
                "9 steps: 4 cached, 4 rebuilt (2 stable), 1 unknown. failOn=stable: fails for 2 steps.",
                lines.get(lines.size() - 1));
    }

    @Test
    void expectedRebuildPasses() throws Exception {
        String md = MarkdownReport.of(JavaBuild.pomEdited(dir), FailOn.ANY);
        assertTrue(md.startsWith("## ✅ dockercache: Dockerfile passes failOn=any\n\n"), md);
        assertTrue(
                md.contains("| build:4 | <code>RUN mvn -B dependency:go-offline</code> | rebuilt (expected) | yes |\n"),
                md);
        assertTrue(
                md.contains("- **build:3** <code>COPY pom.xml .</code> is rebuilt (line 3, stable, expected)\n"
                        + "  - pom.xml content changed (11 -\\> 43 bytes) (expected: a dependency manifest)\n"),
                md);
        assertTrue(md.endsWith("failOn=any: passes.\n"), md);
    }

    @Test
    void aFileTheIgnoreFileNowExcludesNamesTheLine() throws Exception {
        String md = MarkdownReport.of(JavaProject.nowExcluded(dir), FailOn.ANY);
        // the pattern's own characters escaped, as any text a report shows
        assertTrue(
                md.contains("  - src/main/resources/notes.md is now excluded by .dockerignore (line 3:"
                        + " \\`\\*\\*/\\*.md\\`)\n    - was: file 0644 5 bytes\n"
                        + "    - now: .dockerignore line 3: \\*\\*/\\*.md\n"),
                md);
    }

    @Test
    void allCachedSaysSoInsteadOfListingMisses() throws Exception {
        String md = MarkdownReport.of(JavaBuild.unchanged(dir), FailOn.STABLE);
        assertTrue(md.startsWith("## ✅ dockercache: Dockerfile passes failOn=stable\n"), md);
        assertFalse(md.contains("###"), md);
        assertTrue(md.contains("\nEvery step is cached: nothing differs from the baseline.\n"), md);
    }

    @Test
    void instructionTextIsEscapedSoThatTheTableKeepsItsColumns() throws Exception {
        JavaBuild build = JavaBuild.in(dir);
        build.dockerfile("FROM busybox:1.36", "RUN echo `date` | tee /built && grep 'a\\|b' *_x_* <b> &amp; $HOME");
        Snapshot baseline = build.snapshot();
        build.dockerfile("FROM busybox:1.36", "RUN echo `date` | tee /built && grep 'a\\|b' *_x_* <b> &amp; $HOME # ~");
        Comparison comparison = Comparison.compare(build.snapshot(), baseline);
        String md = MarkdownReport.of(comparison, FailOn.STABLE);

        String escaped =
                "RUN echo \\`date\\` \\| tee /built \\&\\& grep 'a\\\\\\|b' \\*\\_x\\_\\* \\<b\\> \\&amp; \\$HOME";
        // shortened between words before escaping, so that no escape is cut in half
        String row =
                "| 2 | <code>RUN echo \\`date\\` \\| tee /built \\&\\& grep 'a\\\\\\|b' \\*\\_x\\_\\* \\<b\\> \\&amp; ...</code>"
                        + " | ❌ rebuilt | yes |";
        assertTrue(md.lines().anyMatch(row::equals), md);
        for (String line : md.lines().filter(l -> l.startsWith("|")).toList()) {
            assertEquals(5, cellDelimiters(line), line);
        }
        assertTrue(md.contains("    - was: " + escaped + "\n"), md);
        assertTrue(md.contains("    - now: " + escaped + " \\# \\~\n"), md);
    }

    @Test
    void textEscapesMarkdownAndKeepsOneLine() {
        assertEquals("a\\\\\\|b\\\\n\\`c\\`\t d", MarkdownReport.text("a\\|b\n`c`\t d"));
        assertEquals(
                "\\[x\\](http\\://evil) www\\.evil.example \\\\u001b\\[31m",
                MarkdownReport.text("[x](http://evil) www.evil.example \u001b[31m"));
        assertEquals("plain text, (parens) and 1.2-3", MarkdownReport.text("plain text, (parens) and 1.2-3"));
    }

    @Test
    void appendToCreatesTheFileThenAppendsAfterWhatIsThere() throws Exception {
        Path summary = dir.resolve("step-summary.md");
        MarkdownReport.appendTo(summary, "## first\n");
        assertEquals("## first\n", Files.readString(summary));
        MarkdownReport.appendTo(summary, "## second\n");
        assertEquals("## first\n\n## second\n", Files.readString(summary));

        Path unterminated = dir.resolve("other.md");
        Files.writeString(unterminated, "another step's text");
        MarkdownReport.appendTo(unterminated, "## ours\n");
        assertEquals("another step's text\n## ours\n", Files.readString(unterminated));
    }

    @Test
    void stepSummaryIsWrittenOnlyWhenTheVariableIsSet() throws Exception {
        assertEquals("GITHUB_STEP_SUMMARY", MarkdownReport.STEP_SUMMARY_VARIABLE);
        assertFalse(MarkdownReport.appendToStepSummary(null, "## x\n"));
        assertFalse(MarkdownReport.appendToStepSummary(" ", "## x\n"));
        Path summary = dir.resolve("summary.md");
        Files.writeString(summary, "# job\n");
        assertTrue(MarkdownReport.appendToStepSummary(summary.toString(), "## x\n"));
        assertEquals("# job\n\n## x\n", Files.readString(summary));
    }

    /** The cell delimiters of a table row as GitHub splits it: a backslash escapes the next character. */
    private static int cellDelimiters(String row) {
        int count = 0;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '|') {
                count++;
            }
        }
        return count;
    }
}
