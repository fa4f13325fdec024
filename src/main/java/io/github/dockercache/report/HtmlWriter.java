package io.github.dockercache.report;

import java.util.Set;

/**
 * Writes well-formed markup. Every text and attribute value goes through {@link #escape}, so a path,
 * an instruction or a build argument can never become markup, and through {@link Printable}, so a control
 * character in one shows as its escape; tag and attribute names come from code.
 *
 * <p>The output is also well-formed XML (void elements self-closed, only the five XML entities), so
 * tests can parse it with the JDK's XML parser.
 */
final class HtmlWriter {
    /** Elements that start on a new line, to keep the file readable in a diff or a text editor. */
    private static final Set<String> BLOCKS = Set.of(
            "html",
            "head",
            "body",
            "header",
            "main",
            "footer",
            "section",
            "article",
            "div",
            "ol",
            "ul",
            "li",
            "dl",
            "table",
            "thead",
            "tbody",
            "tr",
            "svg",
            "g",
            "defs",
            "style",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "p",
            "pre",
            "figure",
            "figcaption",
            "aside",
            "nav");

    private final StringBuilder out = new StringBuilder();

    /** Opens an element; {@code attributes} are name/value pairs, and a pair with a null value is left out. */
    HtmlWriter open(String tag, String... attributes) {
        if (BLOCKS.contains(tag)) {
            newLine();
        }
        out.append('<').append(tag);
        appendAttributes(attributes);
        out.append('>');
        return this;
    }

    HtmlWriter close(String tag) {
        out.append("</").append(tag).append('>');
        if (BLOCKS.contains(tag)) {
            out.append('\n');
        }
        return this;
    }

    /** An element with text content only. */
    HtmlWriter element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    /** A void element, such as meta, or an SVG shape. */
    HtmlWriter empty(String tag, String... attributes) {
        out.append('<').append(tag);
        appendAttributes(attributes);
        out.append(" />");
        return this;
    }

    /** Text on one line: a line break in it shows as {@code \n}. */
    HtmlWriter text(String text) {
        out.append(escape(Printable.oneLine(text)));
        return this;
    }

    /** Text whose line breaks are its own, for a {@code pre}: an instruction that spans lines, lines to write. */
    HtmlWriter lines(String text) {
        out.append(escape(Printable.lines(text)));
        return this;
    }

    /**
     * A path or a digest: text that may break only after a slash or a colon, so that a narrow column
     * wraps {@code src/main/java/} between names rather than inside one.
     */
    HtmlWriter breakableText(String value) {
        String text = Printable.oneLine(value);
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == '/' || c == ':') && i + 1 < text.length()) {
                out.append(escape(text.substring(start, i + 1))).append("<wbr />");
                start = i + 1;
            }
        }
        out.append(escape(text.substring(start)));
        return this;
    }

    /** The doctype, the opened html element and a whole head: the title and the bundled style sheet. */
    HtmlWriter head(String title, String styleSheet) {
        trusted("<!DOCTYPE html>\n");
        open("html", "lang", "en");
        open("head");
        empty("meta", "charset", "utf-8");
        empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
        empty("meta", "name", "color-scheme", "content", "light");
        element("title", title);
        open("style").trusted(styleSheet).close("style");
        return close("head");
    }

    /** Markup this class cannot write itself: the doctype and the bundled style sheet. */
    HtmlWriter trusted(String markup) {
        out.append(markup);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** The five characters markup reads; control characters are gone already, written as escapes by {@link Printable}. */
    private static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private void appendAttributes(String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name/value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ')
                        .append(attributes[i])
                        .append("=\"")
                        .append(escape(Printable.oneLine(attributes[i + 1])))
                        .append('"');
            }
        }
    }

    private void newLine() {
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }
}
