package io.github.dockercache.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.FailOn;
import io.github.dockercache.compare.StepResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** JUnit XML written for real comparisons, then read back with the JDK's DOM parser as a CI server would. */
class JUnitReportTest {
    @TempDir
    Path dir;

    private static final List<String> STABLE_TESTS = List.of(
            "build:1 FROM maven:3.9.9-eclipse-temurin-17 AS build",
            "build:2 WORKDIR /workspace",
            "build:3 COPY pom.xml .",
            "build:4 RUN mvn -B dependency:go-offline",
            "runtime:1 FROM eclipse-temurin:17-jre AS runtime",
            "runtime:2 RUN useradd app",
            "runtime:3 COPY --from=build /workspace/target/app.jar /app.jar");

    @Test
    void everyStableStepIsATestCaseAndNothingElse() throws Exception {
        Element suite = parse(JUnitReport.of(JavaBuild.unchanged(dir), FailOn.STABLE));
        assertEquals("testsuite", suite.getTagName());
        assertEquals("dockercache: Dockerfile", suite.getAttribute("name"));
        assertCounts(suite, 7, 0, 0);
        assertEquals(
                STABLE_TESTS,
                testCases(suite).stream().map(t -> t.getAttribute("name")).toList());
        assertEquals(
                List.of(
                        "dockercache.build",
                        "dockercache.build",
                        "dockercache.build",
                        "dockercache.build",
                        "dockercache.runtime",
                        "dockercache.runtime",
                        "dockercache.runtime"),
                testCases(suite).stream().map(t -> t.getAttribute("classname")).toList());
        assertTrue(testCases(suite).stream().allMatch(t -> children(t).isEmpty()), "cached steps pass silently");
    }

    @Test
    void unexpectedRebuildOfAStableStepFailsWithItsCauses() throws Exception {
        Element suite = parse(JUnitReport.of(JavaBuild.pomModeChanged(dir), FailOn.STABLE));
        assertCounts(suite, 7, 2, 1);

        Element failure = only(testCase(suite, "build:3"), "failure");
        assertEquals("cache-bust", failure.getAttribute("type"));
        assertEquals(
                "build:3 COPY pom.xml . is rebuilt: pom.xml mode bits changed 0644 -> 0755",
                failure.getAttribute("message"));
        String body = failure.getTextContent();
        assertTrue(body.startsWith("Step build:3 (Dockerfile:3) is rebuilt for an unexpected reason:\n"), body);
        assertTrue(body.contains("- pom.xml mode bits changed 0644 -> 0755\n"), body);
        assertTrue(body.contains("    fix: the executable bit was set"), body);

        Element downstream = only(testCase(suite, "build:4"), "failure");
        assertEquals(
                "build:4 RUN mvn -B dependency:go-offline is rebuilt: builds on step build:3, which is rebuilt",
                downstream.getAttribute("message"));
    }

    @Test
    void failOnNeverPassesTheSameRebuildAndSaysWhy() throws Exception {
        Element suite = parse(JUnitReport.of(JavaBuild.pomModeChanged(dir), FailOn.NEVER));
        assertCounts(suite, 7, 0, 1);
        String out = only(testCase(suite, "build:3"), "system-out").getTextContent();
        assertTrue(
                out.startsWith("Rebuilt for an unexpected reason; failOn=never does not fail the build for it.\n"),
                out);
        assertTrue(out.contains("pom.xml mode bits changed 0644 -> 0755"), out);
    }

    @Test
    void expectedRebuildPassesWithTheExpectedCause() throws Exception {
        Element suite = parse(JUnitReport.of(JavaBuild.pomEdited(dir), FailOn.ANY));
        assertCounts(suite, 9, 0, 1);
        String out = only(testCase(suite, "build:3"), "system-out").getTextContent();
        assertTrue(out.startsWith("Rebuilt for an expected reason:\n- pom.xml content changed"), out);
        assertTrue(out.contains("(expected: a dependency manifest)"), out);
        assertFalse(out.contains("sha256:"), "content digests mean nothing to a reader: " + out);
        String after = only(testCase(suite, "build:4"), "system-out").getTextContent();
        assertTrue(after.startsWith("Rebuilt for an expected reason (after build:3):\n"), after);
    }

    @Test
    void unknownStepIsSkippedWithItsReasonAndUnstableRebuildsAreNoTestsOfFailOnStable() throws Exception {
        Comparison comparison = JavaBuild.sourceEdited(dir);
        Element suite = parse(JUnitReport.of(comparison, FailOn.STABLE));
        assertCounts(suite, 7, 0, 1);
        StepResult unknown = comparison.steps().stream()
                .filter(s -> s.stepId().equals("runtime:3"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                unknown.unknownReason(),
                only(testCase(suite, "runtime:3"), "skipped").getAttribute("message"));
        assertTrue(
                testCases(suite).stream().noneMatch(t -> t.getAttribute("name").startsWith("build:5")),
                "build:5 is not stable: failOn=stable does not judge it");
    }

    /** With failOn=any the gate judges every step, and the file fails for each step the build fails for. */
    @Test
    void failOnAnyFailsTheFileForEveryUnexpectedRebuild() throws Exception {
        Element suite = parse(JUnitReport.of(JavaBuild.sourceEdited(dir), FailOn.ANY));
        assertCounts(suite, 9, 2, 1);
        assertEquals(
                "build:5 COPY src ./src is rebuilt: src/main/java/App.java content changed (13 -> 21 bytes)",
                only(testCase(suite, "build:5"), "failure").getAttribute("message"));
        assertEquals("cache-bust", only(testCase(suite, "build:6"), "failure").getAttribute("type"));
    }

    @Test
    void controlCharacterIsShownAsItsEscapeAndTheFileStaysReadable() throws Exception {
        JavaBuild build = JavaBuild.in(dir);
        build.dockerfile("FROM busybox:1.36", "RUN echo \u0007 bell & <tag> \"quoted\" \uD83D\uDC33");
        var before = build.snapshot();
        build.dockerfile("FROM busybox:1.36", "RUN echo \u0007 bell & <tag> \"quoted\" \uD83D\uDC33 again");
        Comparison comparison = Comparison.compare(build.snapshot(), before);
        Element suite = parse(JUnitReport.of(comparison, FailOn.STABLE));
        assertCounts(suite, 2, 1, 0);
        assertEquals(
                "2 RUN echo \\u0007 bell & <tag> \"quoted\" \uD83D\uDC33 again",
                testCases(suite).get(1).getAttribute("name"));
    }

    private static void assertCounts(Element suite, int tests, int failures, int skipped) {
        assertEquals(String.valueOf(tests), suite.getAttribute("tests"));
        assertEquals(String.valueOf(failures), suite.getAttribute("failures"));
        assertEquals(String.valueOf(skipped), suite.getAttribute("skipped"));
        assertEquals("0", suite.getAttribute("errors"));
        List<Element> cases = testCases(suite);
        assertEquals(tests, cases.size());
        assertEquals(
                failures,
                cases.stream().filter(t -> !elements(t, "failure").isEmpty()).count());
        assertEquals(
                skipped,
                cases.stream().filter(t -> !elements(t, "skipped").isEmpty()).count());
    }

    private static Element parse(String xml) throws Exception {
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"), xml);
        return DocumentBuilderFactory.newDefaultInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
    }

    private static List<Element> testCases(Element suite) {
        return elements(suite, "testcase");
    }

    private static Element testCase(Element suite, String stepId) {
        return testCases(suite).stream()
                .filter(t -> t.getAttribute("name").startsWith(stepId + " "))
                .findFirst()
                .orElseThrow();
    }

    private static Element only(Element testCase, String name) {
        List<Element> children = children(testCase);
        assertEquals(1, children.size(), "children of " + testCase.getAttribute("name"));
        assertEquals(name, children.get(0).getTagName());
        return children.get(0);
    }

    private static List<Element> elements(Element parent, String name) {
        return children(parent).stream()
                .filter(e -> e.getTagName().equals(name))
                .toList();
    }

    private static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                children.add((Element) nodes.item(i));
            }
        }
        return children;
    }
}
