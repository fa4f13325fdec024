package io.github.dockercache.report;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A report parsed with the JDK's XML parser: the report is written as well-formed markup, so a parse
 * error is a bug, and queries see the elements a browser would build, not strings that look like them.
 */
final class ParsedReport {
    private final Document document;

    ParsedReport(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    /** XPath for elements whose class attribute lists {@code name}. */
    static String hasClass(String name) {
        return "contains(concat(' ', normalize-space(@class), ' '), ' " + name + " ')";
    }

    List<Node> nodes(String xpath) {
        return nodes(document, xpath);
    }

    static List<Node> nodes(Node context, String xpath) {
        try {
            NodeList list =
                    (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, context, XPathConstants.NODESET);
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < list.getLength(); i++) {
                nodes.add(list.item(i));
            }
            return nodes;
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException(xpath, e);
        }
    }

    /** The one element the query finds; fails when there are none or several. */
    Node one(String xpath) {
        List<Node> found = nodes(xpath);
        if (found.size() != 1) {
            throw new AssertionError("expected one element for " + xpath + ", found " + found.size());
        }
        return found.get(0);
    }

    /** The text of the one element the query finds, with white space collapsed as a browser shows it. */
    String text(String xpath) {
        return one(xpath).getTextContent().replaceAll("\\s+", " ").trim();
    }

    /** The text of the step box with this step id. */
    String stepText(String stepId) {
        return text("//li[@id='" + Anchors.step(stepId) + "']");
    }
}
