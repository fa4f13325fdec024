package io.github.dockercache.report;

import static io.github.dockercache.report.ParsedReport.hasClass;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.advice.Finding;
import io.github.dockercache.advice.Severity;
import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.FailOn;
import io.github.dockercache.compare.StepResult;
import io.github.dockercache.dockerfile.BuildKitVersion;
import io.github.dockercache.model.AnalysisException;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.ImageDigests;
import io.github.dockercache.model.SecretKey;
import io.github.dockercache.model.Secrets;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.testing.ContextTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

/** The generated document, parsed: every step, its verdict, its causes, the stage links, and escaping. */
class HtmlReportTest {
    @TempDir
    Path dir;

    @Test
    void everyStepHasABoxWithItsVerdictInWords() throws Exception {
        Comparison comparison = JavaProject.everydayChanges(dir);
        ParsedReport report = new ParsedReport(HtmlReport.of(comparison, FailOn.STABLE));
        assertEquals(
                comparison.steps().size(),
                report.nodes("//li[" + hasClass("step") + "]").size());
        for (StepResult step : comparison.steps()) {
            VerdictLook look = VerdictLook.of(step);
            Node box = report.one("//li[@id='" + Anchors.step(step.stepId()) + "']");
            assertTrue(box.getAttributes().getNamedItem("class").getNodeValue().contains("verdict-" + look.cssClass));
            String text = report.stepText(step.stepId());
            assertTrue(
                    text.contains(step.stepId()) && text.contains(look.label) && text.contains("line " + step.line()),
                    text);
            assertEquals(
                    step.text().replaceAll("\\s+", " ").trim(),
                    report.text(
                            "//li[@id='" + Anchors.step(step.stepId()) + "']//pre[" + hasClass("instruction") + "]"));
        }
        assertEquals("Stage deps", report.text("//section[@id='stage-deps']//h3"));
        assertTrue(report.text("//section[@id='stage-deps']").contains("4 steps: 4 cached"));
    }

    @Test
    void theHeaderTellsTheOutcomeAndWhereTheCacheBreaks() throws Exception {
        ParsedReport report = new ParsedReport(HtmlReport.of(
                Goal.CHECK,
                JavaProject.everydayChanges(dir),
                FailOn.STABLE,
                "src/main/docker/dockercache-baseline.json",
                List.of()));
        assertTrue(report.text("//div[" + hasClass("outcome-fails") + "]").startsWith("Check fails"));
        String facts = report.text("//dl[" + hasClass("facts") + "]");
        assertTrue(
                facts.contains("src/main/docker/dockercache-baseline.json")
                        && facts.contains("APP_VERSION=1.4.2")
                        && facts.contains("stable"),
                facts);
        assertEquals(
                "11 steps 5 cached 6 rebuilt 0 rebuilt (expected) 0 unknown",
                report.text("//ul[" + hasClass("counts") + "]"));
        List<String> misses = report.nodes("//section[" + hasClass("first-misses") + "]//li//a").stream()
                .map(Node::getTextContent)
                .toList();
        assertEquals(List.of("build:1", "runtime:2"), misses);
    }

    /** explain writes its own report, which says what check would decide with the same rule, not what explain does. */
    @Test
    void explainsBannerSaysWhatCheckWouldDecide() throws Exception {
        ParsedReport report = new ParsedReport(
                HtmlReport.of(Goal.EXPLAIN, JavaProject.everydayChanges(dir), FailOn.STABLE, null, List.of()));
        assertEquals(
                "Check would fail \u2014 1 step would be rebuilt for an unexpected reason, which failOn=stable"
                        + " does not allow; explain itself never fails the build.",
                report.text("//div[" + hasClass("outcome-fails") + "]"));
        assertEquals(
                "dockercache explain \u00b7 BuildKit cache prediction",
                report.text("//p[" + hasClass("eyebrow") + "]"));
        assertTrue(
                report.text("//dl[" + hasClass("facts") + "]").contains("stable (check's rule; explain never fails)"));
    }

    @Test
    void failOnNeverIsReportOnlyAndSaysSo() throws Exception {
        ParsedReport report = new ParsedReport(HtmlReport.of(JavaProject.everydayChanges(dir), FailOn.NEVER));
        assertEquals(
                "Report only \u2014 6 steps would be rebuilt; failOn=never: check never fails the build.",
                report.text("//div[" + hasClass("outcome-report") + "]"));
    }

    /** A step that only a real build can judge is no miss: the banner counts it apart. */
    @Test
    void unknownStepsAreNotCountedAsMisses() throws Exception {
        ParsedReport report = new ParsedReport(HtmlReport.of(JavaBuild.sourceEdited(dir), FailOn.STABLE));
        assertEquals(
                "Check passes \u2014 2 steps would be rebuilt and 1 may be, none against failOn=stable.",
                report.text("//div[" + hasClass("outcome-passes") + "]"));
    }

    @Test
    void theAdviceIsListedWithItsFix() throws Exception {
        Finding finding = new Finding(
                "DC301",
                Severity.WARNING,
                "Dockerfile",
                6,
                null,
                "COPY src ./src at line 6 copies <b>everything</b>",
                "add these lines to .dockerignore:\n  *.log\n  .git/",
                List.of());
        ParsedReport report = new ParsedReport(
                HtmlReport.of(Goal.EXPLAIN, JavaProject.everydayChanges(dir), FailOn.STABLE, null, List.of(finding)));
        String rule = "//section[" + hasClass("rules") + "]//li[" + hasClass("rule") + "]";
        assertEquals(
                "DC301 Dockerfile:6 COPY src ./src at line 6 copies <b>everything</b>",
                report.text(rule + "/p[" + hasClass("rule-line") + "]"));
        assertEquals(
                "Fix: add these lines to .dockerignore:", report.text(rule + "//div[" + hasClass("advice") + "]/p"));
        assertEquals("*.log\n.git/", report.one(rule + "//pre").getTextContent());
    }

    @Test
    void changedFilesAreATableOfWhatChanged() throws Exception {
        ParsedReport report = new ParsedReport(HtmlReport.of(JavaProject.everydayChanges(dir), FailOn.STABLE));
        String table = "//li[@id='" + Anchors.step("build:1") + "']//table[" + hasClass("files") + "]";
        assertEquals("2 changed files", report.text(table + "/caption"));
        String mode = table + "//tr[" + hasClass("change-file-mode") + "]";
        assertEquals("src/main/docker/entrypoint.sh mode", report.text(mode + "/th"));
        assertEquals("0644", report.text(mode + "/td[" + hasClass("was") + "]"));
        assertEquals("0755", report.text(mode + "/td[" + hasClass("now") + "]"));
        String content = table + "//tr[" + hasClass("change-file-content") + "]";
        assertEquals("src/main/java/app/App.java content", report.text(content + "/th"));
        assertTrue(report.text(content + "/td[" + hasClass("was") + "]").matches("27 bytes sha256:\\p{XDigit}{10}…"));
        assertTrue(report.text(content + "/td[" + hasClass("now") + "]").startsWith("67 bytes sha256:"));
        assertTrue(report.stepText("build:1").contains("Fix: the executable bit was set"), report.stepText("build:1"));
        assertTrue(report.stepText("build:1").contains("Takes with it: build:2"));
    }

    @Test
    void otherCausesShowKindValuesAndAdvice() throws Exception {
        ParsedReport report = new ParsedReport(HtmlReport.of(JavaProject.everydayChanges(dir), FailOn.STABLE));
        String cause = "//li[@id='" + Anchors.step("runtime:2") + "']//li[" + hasClass("change-build-arg") + "]";
        assertEquals("build arg", report.text(cause + "//span[" + hasClass("kind") + "]"));
        assertEquals("dev → 1.4.2", report.text(cause + "//p[" + hasClass("values") + "]"));
        assertTrue(report.text(cause + "//p[" + hasClass("advice") + "]").contains("does not use APP_VERSION"));
        assertTrue(report.stepText("runtime:2").contains("stable fails the check"), report.stepText("runtime:2"));
        assertTrue(
                report.stepText("runtime:4")
                        .contains("Builds on step runtime:3, which is rebuilt. The chain breaks at" + " runtime:2."),
                report.stepText("runtime:4"));
    }

    @Test
    void aManifestEditIsExpectedAndWhatReadsTheRebuiltStageIsUnknown() throws Exception {
        JavaProject project = new JavaProject(dir);
        Snapshot before = project.snapshot();
        project.write("pom.xml", "<project><artifactId>app</artifactId><!-- a new dependency --></project>\n");
        ParsedReport report =
                new ParsedReport(HtmlReport.of(Comparison.compare(project.snapshot(), before), FailOn.STABLE));

        assertTrue(report.text("//div[" + hasClass("outcome") + "]").startsWith("Check passes"));
        assertTrue(report.stepText("deps:3").contains("Rebuilt (expected)"));
        assertEquals(
                "pom.xml content expected", report.text("//li[@id='" + Anchors.step("deps:3") + "']//tbody/tr/th"));
        assertTrue(
                report.stepText("build:1").contains("The chain breaks at deps:3. expected"),
                report.stepText("build:1"));
        assertTrue(report.stepText("runtime:3").contains("Unknown")
                && report.stepText("runtime:3").contains("Why unknown:"));
        assertFalse(report.stepText("runtime:4").contains("Why unknown:"), "said once, at the first miss of the chain");
    }

    @Test
    void stageLinksAreDrawnAndNamed() throws Exception {
        ParsedReport report = new ParsedReport(HtmlReport.of(JavaProject.everydayChanges(dir), FailOn.STABLE));
        List<String> screenArrows = report
                .nodes("//*[local-name()='svg' and " + hasClass("screen-only") + "]" + "//*[local-name()='text' and "
                        + hasClass("arrow-label") + "]")
                .stream()
                .map(Node::getTextContent)
                .toList();
        assertEquals(List.of("FROM deps", "COPY --from=build"), screenArrows);
        assertEquals(
                2,
                report.nodes("//*[local-name()='svg' and " + hasClass("print-only") + "]"
                                + "//*[local-name()='path' and @marker-end]")
                        .size());
        assertEquals(
                "FROM stage deps, continuing after deps:4",
                report.text("//section[@id='stage-build']//p[" + hasClass("port-from") + "]"));
        assertEquals(
                "reads stage build: the result of build:2, rebuilt",
                report.text("//li[@id='" + Anchors.step("runtime:3") + "']//p[" + hasClass("port-reads") + "]"));
    }

    @Test
    void userTextCannotBecomeMarkup() throws Exception {
        String html = HtmlReport.of(JavaProject.hostileNames(dir), FailOn.ANY);
        ParsedReport report = new ParsedReport(html);

        assertTrue(report.nodes("//script | //img | //*[@onerror]").isEmpty(), "no element from user text");
        assertFalse(html.contains("<script"), "no script at all: the report works without one");
        String copy = report.stepText("2");
        assertTrue(copy.contains(JavaProject.HOSTILE_PATH + " content"), copy);
        String run = report.stepText("3");
        assertTrue(
                run.contains("echo \"</pre><script>alert('$NOTE')</script>\" && echo '&amp;' && echo \"\\\"\""), run);
        assertTrue(report.text("//dl[" + hasClass("facts") + "]").contains("NOTE=\"><script>alert(3)</script>&"));
    }

    @Test
    void theDocumentStandsAlone() throws Exception {
        String html = HtmlReport.of(JavaProject.everydayChanges(dir), FailOn.STABLE);
        ParsedReport report = new ParsedReport(html);
        assertTrue(
                report.nodes("//script | //link | //img | //iframe | //object").isEmpty());
        assertTrue(report.nodes("//@src").isEmpty());
        for (Node href : report.nodes("//@href")) {
            assertTrue(href.getNodeValue().startsWith("#"), "only links within the page: " + href.getNodeValue());
        }
        String css = report.text("//style");
        assertFalse(css.contains("@import") || css.contains("url(") || css.contains("@font-face"), "no fetch from CSS");
        assertTrue(css.contains("@media print"));
    }

    /** Screen readers navigate by headings: one title, and no level skipped on the way down. */
    @Test
    void headingsFormAnOutline() throws Exception {
        ParsedReport report = new ParsedReport(HtmlReport.of(JavaProject.everydayChanges(dir), FailOn.STABLE));
        List<Integer> levels =
                report.nodes("//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]").stream()
                        .map(heading -> heading.getNodeName().charAt(1) - '0')
                        .toList();
        assertEquals(1, levels.get(0));
        assertEquals(1, levels.stream().filter(level -> level == 1).count());
        for (int i = 1; i < levels.size(); i++) {
            assertTrue(levels.get(i) <= levels.get(i - 1) + 1, "heading levels " + levels);
        }
    }

    @Test
    void theSameBuildGivesTheSameBytes() throws Exception {
        String first = HtmlReport.of(JavaProject.everydayChanges(dir.resolve("one")), FailOn.STABLE);
        String second = HtmlReport.of(JavaProject.everydayChanges(dir.resolve("two")), FailOn.STABLE);
        assertEquals(first, second);
    }

    @Test
    void nothingChangedIsAllCachedWithoutCauses() throws Exception {
        JavaProject project = new JavaProject(dir);
        ParsedReport report = new ParsedReport(
                HtmlReport.of(Comparison.compare(project.snapshot(), project.snapshot()), FailOn.STABLE));
        assertTrue(report.text("//div[" + hasClass("outcome") + "]").startsWith("All cached"));
        assertTrue(report.nodes("//section[" + hasClass("causes") + "] | //section[" + hasClass("first-misses") + "]")
                .isEmpty());
        assertEquals(
                11,
                report.nodes("//span[" + hasClass("badge") + " and text()='Cached']")
                                .size()
                        - 1,
                "one badge per step, and one in the legend");
    }

    @Test
    void withoutBaselineEveryStepIsUnknownAndTheHeaderSaysWhatToDo() throws Exception {
        Snapshot snapshot = new JavaProject(dir).snapshot();
        ParsedReport report = new ParsedReport(HtmlReport.withoutBaseline(
                Goal.CHECK, snapshot, "dockercache-baseline.json", "mvn dockercache:baseline", List.of()));
        assertTrue(report.text("//div[" + hasClass("outcome-none") + "]").contains("mvn dockercache:baseline"));
        assertTrue(report.text("//dl[" + hasClass("facts") + "]").contains("none at dockercache-baseline.json"));
        assertEquals(
                snapshot.steps().size(),
                report.nodes("//li[" + hasClass("step") + " and " + hasClass("verdict-unknown") + "]")
                        .size());
        assertTrue(report.nodes("//section[" + hasClass("causes") + "]").isEmpty());
        assertEquals(
                2,
                report.nodes("//*[local-name()='svg' and " + hasClass("screen-only") + "]"
                                + "//*[local-name()='path' and @marker-end]")
                        .size(),
                "the links need no baseline");
    }

    @Test
    void symlinksAddedAndRemovedFilesEachHaveARow() throws Exception {
        JavaProject project = new JavaProject(dir)
                .write("Dockerfile", "FROM alpine:3.20\nCOPY conf /conf\n")
                .write("conf/old.properties", "a=1")
                .write("conf/real.properties", "b=2");
        Files.createSymbolicLink(dir.resolve("conf/current.properties"), Path.of("old.properties"));
        Snapshot before = project.snapshot();
        Files.delete(dir.resolve("conf/current.properties"));
        Files.createSymbolicLink(dir.resolve("conf/current.properties"), Path.of("real.properties"));
        Files.delete(dir.resolve("conf/old.properties"));
        project.write("conf/new.properties", "c=3");
        ParsedReport report =
                new ParsedReport(HtmlReport.of(Comparison.compare(project.snapshot(), before), FailOn.ANY));

        assertEquals(
                List.of(
                        "conf/current.properties symlink target old.properties real.properties",
                        "conf/new.properties added — file 0644 3 bytes",
                        "conf/old.properties removed file 0644 3 bytes —"),
                report.nodes("//li[@id='" + Anchors.step("2") + "']//tbody/tr").stream()
                        .map(HtmlReportTest::cells)
                        .toList());
    }

    @Test
    void aFileTheIgnoreFileNowExcludesHasARowWithTheLine() throws Exception {
        ParsedReport report = new ParsedReport(HtmlReport.of(JavaProject.nowExcluded(dir), FailOn.ANY));

        assertEquals(
                List.of("src/main/resources/notes.md excluded file 0644 5 bytes .dockerignore line 3: **/*.md"),
                report.nodes("//tr[" + hasClass("change-file-excluded") + "]").stream()
                        .map(HtmlReportTest::cells)
                        .toList());
        assertTrue(
                report.text("//li[@id='" + Anchors.step("build:1") + "']")
                        .contains("expected if .dockerignore line 3 is meant to keep it out of the build"),
                "the advice follows the table");
    }

    @Test
    void anEditedInstructionIsShownBeforeAndAfter() throws Exception {
        JavaProject project = new JavaProject(dir).write("Dockerfile", "FROM alpine:3.20\nRUN echo one\n");
        Snapshot before = project.snapshot();
        project.write("Dockerfile", "FROM alpine:3.20\nRUN echo two\n");
        ParsedReport report =
                new ParsedReport(HtmlReport.of(Comparison.compare(project.snapshot(), before), FailOn.ANY));
        assertEquals(
                "Baseline RUN echo one Current RUN echo two",
                report.text("//li[@id='" + Anchors.step("2") + "']//div[" + hasClass("edit") + "]"));
    }

    /** A table row as a browser shows it: its cells' text, one space apart. */
    private static String cells(Node row) {
        return ParsedReport.nodes(row, "./*").stream()
                .map(cell -> cell.getTextContent().replaceAll("\\s+", " ").trim())
                .collect(Collectors.joining(" "));
    }

    /** A project whose COPY destination is derived from a secret build arg. */
    private static final class SecretProject extends ContextTree<SecretProject> {
        SecretProject(Path dir) {
            super(dir);
        }

        @Override
        protected SecretProject self() {
            return this;
        }

        Snapshot snapshot(String phrase) throws AnalysisException {
            return analyse(
                            Map.of("SIGNING_PHRASE", phrase),
                            null,
                            Builder.BUILDKIT,
                            ImageDigests.NONE,
                            BuildKitVersion.NEWEST,
                            Secrets.of(List.of("SIGNING_PHRASE"), SecretKey.of("html-test-key-0123456789")),
                            null)
                    .snapshot();
        }
    }

    @Test
    void aSecretChangeShowsNeitherValuesNorAnEmptyEdit() throws Exception {
        SecretProject project = new SecretProject(dir)
                .dockerfile("FROM busybox:1.36", "ARG SIGNING_PHRASE", "COPY a.txt /srv/${SIGNING_PHRASE}/a.txt")
                .file("a.txt", "a");
        Comparison comparison = Comparison.compare(project.snapshot("closed-sesame"), project.snapshot("open-sesame"));
        String html = HtmlReport.of(comparison, FailOn.STABLE);
        assertFalse(html.contains("sesame"), html);
        ParsedReport report = new ParsedReport(html);
        assertTrue(report.text("//dl[" + hasClass("facts") + "]").contains("SIGNING_PHRASE=(secret)"));
        String cause = report.text("//li[" + hasClass("change-instruction") + "]");
        assertEquals(
                "instruction the instruction's dest changed; it depends on a secret, so its value is not shown", cause);
        assertEquals(
                0,
                report.nodes("//li[" + hasClass("change-instruction") + "]//div[" + hasClass("edit") + "]")
                        .size(),
                "no empty before/after boxes");
    }
}
