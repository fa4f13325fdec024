package io.github.dockercache.report;

import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.FailOn;
import io.github.dockercache.compare.StepResult;
import io.github.dockercache.report.Findings.Finding;
import io.github.dockercache.report.Findings.Outcome;
import java.io.StringWriter;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The comparison as JUnit XML, the Surefire/Ant format that CI servers show as tests: one test case per
 * step the failOn rule judges (every step with {@code failOn=any}, else the stable ones, the layers that
 * must stay cached), so that the file fails exactly when, and for the steps for which, the gate fails the
 * build. Such a step rebuilt for an unexpected reason fails (type {@value #FAILURE_TYPE}) when the rule
 * fails the build for it, and passes saying why otherwise ({@code failOn=never}); an expected rebuild
 * passes and says why on system-out; a step that only a real build can judge is skipped.
 */
public final class JUnitReport {
    static final String FAILURE_TYPE = "cache-bust";

    private JUnitReport() {}

    /** The XML text, to be written as UTF-8 (the encoding it declares). */
    public static String of(Comparison comparison, FailOn failOn) {
        Findings findings = Findings.of(comparison, failOn);
        List<Finding> judged = findings.judged();
        Document document = newDocument();
        Element suite = document.createElement("testsuite");
        document.appendChild(suite);
        suite.setAttribute(
                "name", xmlText("dockercache: " + comparison.current().dockerfile()));
        suite.setAttribute("tests", String.valueOf(judged.size()));
        suite.setAttribute("failures", String.valueOf(count(judged, Outcome.VIOLATION)));
        suite.setAttribute("errors", "0");
        suite.setAttribute("skipped", String.valueOf(count(judged, Outcome.UNKNOWN)));
        // nothing is run, but the Ant schema requires a time, and some readers reject a suite without one
        suite.setAttribute("time", "0");
        for (Finding finding : judged) {
            suite.appendChild(testCase(document, finding, findings));
        }
        return serialize(document);
    }

    private static Element testCase(Document document, Finding finding, Findings findings) {
        StepResult step = finding.step();
        Element testCase = document.createElement("testcase");
        testCase.setAttribute("classname", xmlText("dockercache." + step.stage()));
        testCase.setAttribute("name", xmlText(step.stepId() + " " + Shortened.of(step.text(), Shortened.COLUMN)));
        testCase.setAttribute("time", "0");
        switch (finding.outcome()) {
            case VIOLATION -> {
                Element failure = child(
                        testCase,
                        "failure",
                        "Step " + step.stepId() + " ("
                                + findings.comparison().current().dockerfile() + ":" + step.line()
                                + ") " + Findings.verdictPhrase(step)
                                + " for an unexpected reason:\n" + Findings.causeList(step));
                failure.setAttribute("message", xmlText(Findings.headline(step) + ": " + Findings.causeDetails(step)));
                failure.setAttribute("type", FAILURE_TYPE);
            }
            case TOLERATED ->
                child(
                        testCase,
                        "system-out",
                        "Rebuilt for an unexpected reason; " + findings.rule() + " does not fail the build for it.\n"
                                + Findings.causeList(step));
            case EXPECTED ->
                child(
                        testCase,
                        "system-out",
                        "Rebuilt for an expected reason"
                                + (step.isFirstMiss() ? "" : " (after " + step.rootStepId() + ")") + ":\n"
                                + Findings.causeList(step));
            case UNKNOWN ->
                child(testCase, "skipped", null)
                        .setAttribute("message", xmlText(Printable.oneLine(step.unknownReason())));
            case CACHED -> {}
        }
        return testCase;
    }

    static Element child(Element parent, String name, String text) {
        Element child = parent.getOwnerDocument().createElement(name);
        if (text != null) {
            child.setTextContent(xmlText(text));
        }
        parent.appendChild(child);
        return child;
    }

    private static long count(List<Finding> findings, Outcome outcome) {
        return findings.stream().filter(f -> f.outcome() == outcome).count();
    }

    /**
     * Instruction text is the user's, and XML 1.0 cannot carry every character (a control character
     * would make the file unreadable): such a character becomes U+FFFD.
     */
    static String xmlText(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(c -> safe.appendCodePoint(isXmlChar(c) ? c : 0xFFFD));
        return safe.toString();
    }

    private static boolean isXmlChar(int c) {
        return c == 0x9
                || c == 0xA
                || c == 0xD
                || c >= 0x20 && c <= 0xD7FF
                || c >= 0xE000 && c <= 0xFFFD
                || c >= 0x10000 && c <= 0x10FFFF;
    }

    static Document newDocument() {
        try {
            // the JDK's own implementation: a plugin's class path must not change the output
            return DocumentBuilderFactory.newDefaultInstance()
                    .newDocumentBuilder()
                    .newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML implementation is unusable", e);
        }
    }

    static String serialize(Document document) {
        try {
            Transformer transformer = TransformerFactory.newDefaultInstance().newTransformer();
            // the declaration is written below: the JDK's puts no line break after it
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter xml = new StringWriter();
            xml.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            transformer.transform(new DOMSource(document), new StreamResult(xml));
            return xml.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialize the JUnit report", e);
        }
    }
}
