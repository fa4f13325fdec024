package io.github.dockercache.report;

import io.github.dockercache.lint.LintFailOn;
import io.github.dockercache.lint.LintFinding;
import io.github.dockercache.lint.LintResult;
import io.github.dockercache.lint.LintedFile;
import java.util.List;
import java.util.stream.Collectors;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Lint as JUnit XML, one test case per Dockerfile: it fails (type {@value #FAILURE_TYPE}) exactly when the failOn
 * setting fails the lint for one of its findings, listing them; findings below that level pass, on system-out.
 */
public final class LintJUnitReport {
    static final String FAILURE_TYPE = "lint";

    private LintJUnitReport() {}

    /** The XML text, to be written as UTF-8 (the encoding it declares). */
    public static String of(LintResult result, LintFailOn failOn) {
        Document document = JUnitReport.newDocument();
        Element suite = document.createElement("testsuite");
        document.appendChild(suite);
        long failures = result.files().stream()
                .filter(file -> !failing(file, failOn).isEmpty())
                .count();
        suite.setAttribute("name", "dockercache:lint");
        suite.setAttribute("tests", String.valueOf(result.files().size()));
        suite.setAttribute("failures", String.valueOf(failures));
        suite.setAttribute("errors", "0");
        suite.setAttribute("skipped", "0");
        suite.setAttribute("time", "0");
        for (LintedFile file : result.files()) {
            Element testCase = document.createElement("testcase");
            testCase.setAttribute("classname", "dockercache.lint");
            testCase.setAttribute("name", JUnitReport.xmlText(file.file()));
            testCase.setAttribute("time", "0");
            List<LintFinding> failing = failing(file, failOn);
            if (!failing.isEmpty()) {
                Element failure = JUnitReport.child(testCase, "failure", lines(failing));
                failure.setAttribute(
                        "message",
                        JUnitReport.xmlText(failing.size() + " finding" + (failing.size() == 1 ? "" : "s")
                                + " at or above " + failOn.label()));
                failure.setAttribute("type", FAILURE_TYPE);
            }
            List<LintFinding> passing = file.findings().stream()
                    .filter(f -> !failOn.fails(f.level()))
                    .toList();
            if (!passing.isEmpty()) {
                JUnitReport.child(testCase, "system-out", lines(passing));
            }
            suite.appendChild(testCase);
        }
        return JUnitReport.serialize(document);
    }

    private static List<LintFinding> failing(LintedFile file, LintFailOn failOn) {
        return file.findings().stream().filter(f -> failOn.fails(f.level())).toList();
    }

    private static String lines(List<LintFinding> findings) {
        return findings.stream().map(LintConsole::line).collect(Collectors.joining("\n"));
    }
}
