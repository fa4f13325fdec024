package io.github.dockercache.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.dockercache.lint.Level;
import io.github.dockercache.lint.LintFailOn;
import io.github.dockercache.lint.LintFinding;
import io.github.dockercache.lint.LintResult;
import io.github.dockercache.lint.LintedFile;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class LintReportsTest {
    private static final LintFinding CASING = new LintFinding(
            "docker/api/Dockerfile",
            3,
            1,
            "StageNameCasing",
            Level.WARNING,
            "Stage name 'Build' should be lowercase",
            null,
            "https://docs.docker.com/go/dockerfile/rule/stage-name-casing/");
    private static final LintFinding UNPINNED = new LintFinding(
            "docker/api/Dockerfile",
            1,
            1,
            "DC301",
            Level.INFO,
            "alpine:3.20 is a tag, not a digest",
            "pin the digest:\n  FROM alpine:3.20@sha256:<digest>",
            "https://github.com/dockercache/dockercache-maven-plugin/blob/main/docs/rules.md#dc301");
    private static final LintFinding PARSE = new LintFinding(
            "web, 100%/Dockerfile",
            2, 5, "ParseError", Level.ERROR, "unknown instruction: FROOM (did you mean FROM?)", null, null);
    private static final LintFinding SAME_AGAIN = new LintFinding(
            "docker/api/Dockerfile",
            9,
            1,
            "StageNameCasing",
            Level.WARNING,
            "Stage name 'Build' should be lowercase",
            null,
            CASING.link());
    private static final LintResult RESULT = new LintResult(
            List.of(
                    new LintedFile("docker/api/Dockerfile", List.of(UNPINNED, CASING, SAME_AGAIN), null),
                    new LintedFile("web, 100%/Dockerfile", List.of(PARSE), null),
                    new LintedFile("worker/Dockerfile", List.of(), null)),
            List.of("DC101 needs the build context."));

    @Test
    void theConsoleLinksEachLocationRuleAndDocumentation() {
        List<String> lines = LintConsole.of(RESULT, LintFailOn.WARNING).stream()
                .map(line -> line.level().label() + " | " + line.text())
                .toList();
        assertEquals(
                List.of(
                        "info | docker/api/Dockerfile:1:1: info DC301: alpine:3.20 is a tag, not a digest"
                                + " (https://github.com/dockercache/dockercache-maven-plugin/blob/main/docs/rules.md#dc301)",
                        "info |   pin the digest:",
                        "info |     FROM alpine:3.20@sha256:<digest>",
                        "warning | docker/api/Dockerfile:3:1: warning StageNameCasing: Stage name 'Build' should be lowercase"
                                + " (https://docs.docker.com/go/dockerfile/rule/stage-name-casing/)",
                        "warning | docker/api/Dockerfile:9:1: warning StageNameCasing: Stage name 'Build' should be lowercase"
                                + " (https://docs.docker.com/go/dockerfile/rule/stage-name-casing/)",
                        "error | web, 100%/Dockerfile:2:5: error ParseError: unknown instruction: FROOM (did you mean FROM?)",
                        "info | DC101 needs the build context.",
                        "info | Linted 3 Dockerfiles: 1 error, 2 warnings, 1 info; failOn=warning fails on 3."),
                lines);
        assertEquals(
                "Linted 1 Dockerfile: 0 errors, 0 warnings, 0 infos; failOn=never reports only.",
                LintConsole.summary(
                        new LintResult(List.of(new LintedFile("Dockerfile", List.of(), null)), List.of()),
                        LintFailOn.NEVER));
    }

    @Test
    void gitHubAnnotationsEscapeWhatTheRunnerWouldReadAsSyntax() {
        assertEquals(
                List.of(
                        "::notice file=docker/api/Dockerfile,line=1,col=1,title=DC301::alpine:3.20 is a tag, not a digest"
                                + " https://github.com/dockercache/dockercache-maven-plugin/blob/main/docs/rules.md#dc301%0Apin the"
                                + " digest:%0A  FROM alpine:3.20@sha256:<digest>",
                        "::warning file=docker/api/Dockerfile,line=3,col=1,title=StageNameCasing::Stage name 'Build' should be"
                                + " lowercase https://docs.docker.com/go/dockerfile/rule/stage-name-casing/",
                        "::warning file=docker/api/Dockerfile,line=9,col=1,title=StageNameCasing::Stage name 'Build' should be"
                                + " lowercase https://docs.docker.com/go/dockerfile/rule/stage-name-casing/",
                        "::error file=web%2C 100%25/Dockerfile,line=2,col=5,title=ParseError::unknown instruction: FROOM (did you"
                                + " mean FROM?)"),
                GitHubAnnotations.of(RESULT));
        assertEquals(
                "::warning file=a%3Ab,line=1,col=1,title=R::x%0D%0A::error::injected",
                GitHubAnnotations.annotation(
                        new LintFinding("a:b", 1, 1, "R", Level.WARNING, "x\r\n::error::injected", null, null)));
    }

    @BeforeAll
    static void sarifSchema() throws Exception {
        SarifReportTest.loadSchema();
    }

    @Test
    void sarifHasEveryFindingAtItsLineAndColumnWithItsRuleDescribed() throws Exception {
        String sarif = LintSarifReport.of(RESULT);
        assertEquals(Set.of(), SarifReportTest.validate(sarif));
        JsonObject run = JsonParser.parseString(sarif)
                .getAsJsonObject()
                .getAsJsonArray("runs")
                .get(0)
                .getAsJsonObject();
        JsonArray rules = run.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules");
        assertEquals(
                List.of("DC301", "StageNameCasing", "ParseError"),
                rules.asList().stream()
                        .map(r -> r.getAsJsonObject().get("id").getAsString())
                        .toList());
        assertEquals(
                CASING.link(), rules.get(1).getAsJsonObject().get("helpUri").getAsString());
        assertTrue(!rules.get(2).getAsJsonObject().has("helpUri"));
        JsonArray results = run.getAsJsonArray("results");
        assertEquals(4, results.size());
        JsonObject parse = results.get(3).getAsJsonObject();
        assertEquals("ParseError", parse.get("ruleId").getAsString());
        assertEquals(2, parse.get("ruleIndex").getAsInt());
        assertEquals("error", parse.get("level").getAsString());
        JsonObject location =
                parse.getAsJsonArray("locations").get(0).getAsJsonObject().getAsJsonObject("physicalLocation");
        assertEquals(
                "web%2C%20100%25/Dockerfile",
                location.getAsJsonObject("artifactLocation").get("uri").getAsString());
        assertEquals(2, location.getAsJsonObject("region").get("startLine").getAsInt());
        assertEquals(5, location.getAsJsonObject("region").get("startColumn").getAsInt());
        assertEquals("note", results.get(0).getAsJsonObject().get("level").getAsString());
        assertEquals(
                "alpine:3.20 is a tag, not a digest\nFix: pin the digest:\n  FROM alpine:3.20@sha256:<digest>",
                results.get(0)
                        .getAsJsonObject()
                        .getAsJsonObject("message")
                        .get("text")
                        .getAsString());
    }

    /** Every issue has the fields GitLab's code quality widget requires, with a severity it knows and its own fingerprint. */
    @Test
    void codeQualityIssuesHaveGitLabsFieldsAndUniqueFingerprints() {
        JsonArray issues = JsonParser.parseString(CodeQualityReport.of(RESULT)).getAsJsonArray();
        assertEquals(4, issues.size());
        Set<String> fingerprints = new HashSet<>();
        for (JsonElement element : issues) {
            assertCodeQualityIssue(element.getAsJsonObject());
            fingerprints.add(element.getAsJsonObject().get("fingerprint").getAsString());
        }
        assertEquals(4, fingerprints.size());
        JsonObject parse = issues.get(3).getAsJsonObject();
        assertEquals(
                "ParseError: unknown instruction: FROOM (did you mean FROM?)",
                parse.get("description").getAsString());
        assertEquals("major", parse.get("severity").getAsString());
        assertEquals(
                "web, 100%/Dockerfile",
                parse.getAsJsonObject("location").get("path").getAsString());
        assertEquals(
                2,
                parse.getAsJsonObject("location")
                        .getAsJsonObject("lines")
                        .get("begin")
                        .getAsInt());
        // a line moved by an edit above keeps its fingerprint, so GitLab does not see a new issue
        LintFinding moved =
                new LintFinding(CASING.file(), 30, 1, CASING.rule(), CASING.level(), CASING.message(), null, null);
        JsonArray after = JsonParser.parseString(CodeQualityReport.of(
                        new LintResult(List.of(new LintedFile(CASING.file(), List.of(moved), null)), List.of())))
                .getAsJsonArray();
        assertEquals(
                issues.get(1).getAsJsonObject().get("fingerprint"),
                after.get(0).getAsJsonObject().get("fingerprint"));
    }

    /**
     * GitLab's documented required fields (docs.gitlab.com/ci/testing/code_quality, "Code Quality report format"):
     * description, check_name, fingerprint, severity (info, minor, major, critical, blocker), location.path, and
     * location.lines.begin or location.positions.begin.line.
     */
    static void assertCodeQualityIssue(JsonObject issue) {
        for (String field : List.of("description", "check_name", "fingerprint", "severity")) {
            assertTrue(issue.has(field) && !issue.get(field).getAsString().isEmpty(), () -> field + " in " + issue);
        }
        assertTrue(Set.of("info", "minor", "major", "critical", "blocker")
                .contains(issue.get("severity").getAsString()));
        JsonObject location = issue.getAsJsonObject("location");
        assertTrue(!location.get("path").getAsString().isEmpty());
        assertTrue(location.getAsJsonObject("lines").get("begin").getAsInt() >= 1);
    }

    @Test
    void junitHasATestCasePerDockerfileFailingAtTheThreshold() throws Exception {
        Document xml = DocumentBuilderFactory.newDefaultInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(
                        LintJUnitReport.of(RESULT, LintFailOn.ERROR).getBytes(StandardCharsets.UTF_8)));
        Element suite = xml.getDocumentElement();
        assertEquals("3", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        Element web = (Element) suite.getElementsByTagName("testcase").item(1);
        assertEquals("web, 100%/Dockerfile", web.getAttribute("name"));
        Element failure = (Element) web.getElementsByTagName("failure").item(0);
        assertEquals("1 finding at or above error", failure.getAttribute("message"));
        assertEquals(
                "web, 100%/Dockerfile:2:5: error ParseError: unknown instruction: FROOM (did you mean FROM?)",
                failure.getTextContent());
        Element api = (Element) suite.getElementsByTagName("testcase").item(0);
        assertEquals(0, api.getElementsByTagName("failure").getLength());
        assertTrue(
                api.getElementsByTagName("system-out").item(0).getTextContent().contains("warning StageNameCasing"));
        assertEquals(
                "2",
                DocumentBuilderFactory.newDefaultInstance()
                        .newDocumentBuilder()
                        .parse(new ByteArrayInputStream(
                                LintJUnitReport.of(RESULT, LintFailOn.INFO).getBytes(StandardCharsets.UTF_8)))
                        .getDocumentElement()
                        .getAttribute("failures"));
    }
}
