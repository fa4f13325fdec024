package io.github.dockercache.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.FailOn;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;

/**
 * Every report format, written for a context whose file names, instruction and build argument are markup, Markdown,
 * terminal escapes and line breaks ({@link JavaProject#hostileFileNames}): each renders them as text, and none
 * carries a raw control character. Chromium's view of the HTML is in {@link HtmlReportBrowserTest}.
 */
class ReportsSafeToRenderTest {
    /** Markdown syntax that data must never bring unescaped (GitHub-flavoured Markdown, tables and autolinks). */
    private static final String MARKDOWN_SYNTAX = "[]<>`*_~|&$#";
    /** What GitHub's extended autolinks start from, unescaped. */
    private static final Pattern AUTOLINK = Pattern.compile("(?<!\\\\)://|(?i)www\\.");

    private static Comparison comparison;

    @BeforeAll
    static void compare(@TempDir Path dir) throws Exception {
        comparison = JavaProject.hostileFileNames(dir);
    }

    @Test
    void noFormatCarriesARawControlCharacter() {
        for (Map.Entry<String, String> format : formats().entrySet()) {
            String text = format.getValue();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                assertTrue(
                        c == '\n' || c == '\t' || !Printable.needsEscape(c),
                        () -> format.getKey() + " carries U+" + String.format("%04X", (int) c) + " raw: " + text);
            }
        }
    }

    @Test
    void consoleShowsEachNameEscapedOnItsLine() {
        List<String> lines = console();
        for (String name : JavaProject.HOSTILE_FILE_NAMES) {
            String shown = "  - src/" + Printable.oneLine(name) + " content changed (3 -> 11 bytes)";
            assertTrue(lines.contains(shown), () -> shown + " in\n" + String.join("\n", lines));
        }
    }

    /**
     * A renderer-independent reading of GitHub-flavoured Markdown: every table row has its five cell delimiters,
     * and apart from the summary's own syntax (headings, bullets, bold step ids, {@code <code>} around instructions,
     * table pipes) no character Markdown reads as syntax, and no autolink, is left unescaped; unescaped, the text
     * says each name exactly as the console does.
     */
    @Test
    void markdownShowsEachNameAsText() {
        String md = MarkdownReport.of(comparison, FailOn.ANY);
        for (String line : md.lines().toList()) {
            String data = line.replaceFirst("^(#{2,3} |\\s*- )", "")
                    .replace("<code>", "")
                    .replace("</code>", "")
                    .replace("**", "");
            if (line.startsWith("|")) {
                assertEquals(5, unescapedIndexes(line, '|').size(), line);
                data = removeUnescaped(data, '|');
            }
            for (char syntax : MARKDOWN_SYNTAX.toCharArray()) {
                assertTrue(unescapedIndexes(data, syntax).isEmpty(), () -> "unescaped " + syntax + " in: " + line);
            }
            assertTrue(!AUTOLINK.matcher(data).find(), () -> "an autolink in: " + line);
        }
        String unescaped = md.replaceAll("\\\\(\\p{Punct})", "$1");
        for (String name : JavaProject.HOSTILE_FILE_NAMES) {
            assertTrue(unescaped.contains("src/" + Printable.oneLine(name) + " content changed"), name);
        }
    }

    @Test
    void htmlShowsEachNameAsText() throws Exception {
        String html = HtmlReport.of(comparison, FailOn.ANY);
        ParsedReport report = new ParsedReport(html);
        assertTrue(
                report.nodes("//script | //img | //*[@onerror] | //a[not(starts-with(@href, '#'))]")
                        .isEmpty(),
                "no element from user text");
        String files = report.text("//table[" + ParsedReport.hasClass("files") + "]");
        for (String name : JavaProject.HOSTILE_FILE_NAMES) {
            assertTrue(
                    files.contains(("src/" + Printable.oneLine(name)).replaceAll("\\s+", " ")), name + " in " + files);
        }
        assertTrue(report.text("//dl[" + ParsedReport.hasClass("facts") + "]")
                .contains("NOTE=\"><script>document.title='pwned'</script>\\u009b"));
    }

    @Test
    void junitSarifAndJsonReadBackWithEachName() throws Exception {
        String junit = JUnitReport.of(comparison, FailOn.ANY);
        NodeList failureElements = DocumentBuilderFactory.newDefaultInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(junit.getBytes(StandardCharsets.UTF_8)))
                .getElementsByTagName("failure");
        StringBuilder failures = new StringBuilder();
        for (int i = 0; i < failureElements.getLength(); i++) {
            failures.append(failureElements.item(i).getTextContent());
        }
        JsonObject sarif = JsonParser.parseString(SarifReport.of(comparison, FailOn.ANY, "Dockerfile"))
                .getAsJsonObject();
        String sarifMessages = StreamSupport.stream(
                        sarif.getAsJsonArray("runs")
                                .get(0)
                                .getAsJsonObject()
                                .getAsJsonArray("results")
                                .spliterator(),
                        false)
                .map(result -> result.getAsJsonObject()
                        .getAsJsonObject("message")
                        .get("text")
                        .getAsString())
                .collect(Collectors.joining("\n"));
        // JSON is data: the values are the names themselves, which its escapes carry exactly
        JsonObject json = JsonParser.parseString(JsonReport.of(Goal.CHECK, comparison, "baseline.json", true))
                .getAsJsonObject();
        List<String> subjects = new ArrayList<>();
        for (JsonElement step : json.getAsJsonArray("steps")) {
            step.getAsJsonObject()
                    .getAsJsonArray("causes")
                    .forEach(cause ->
                            subjects.add(cause.getAsJsonObject().get("subject").getAsString()));
        }
        for (String name : JavaProject.HOSTILE_FILE_NAMES) {
            String shown = "src/" + Printable.oneLine(name) + " content changed";
            assertTrue(failures.toString().contains(shown), () -> shown + " in " + failures);
            assertTrue(sarifMessages.contains(shown), () -> shown + " in " + sarifMessages);
            assertTrue(subjects.contains("src/" + name), name);
        }
    }

    private static Map<String, String> formats() {
        Map<String, String> formats = new LinkedHashMap<>();
        formats.put("console", String.join("\n", console()));
        formats.put("Markdown", MarkdownReport.of(comparison, FailOn.ANY));
        formats.put("HTML", HtmlReport.of(comparison, FailOn.ANY));
        formats.put("JUnit XML", JUnitReport.of(comparison, FailOn.ANY));
        formats.put("SARIF", SarifReport.of(comparison, FailOn.ANY, "Dockerfile"));
        formats.put("JSON", JsonReport.of(Goal.CHECK, comparison, "baseline.json", true));
        return formats;
    }

    private static List<String> console() {
        List<ReportLine> lines = new ArrayList<>(TextReport.check(comparison, FailOn.ANY));
        lines.addAll(TextReport.explain(comparison));
        return lines.stream().map(ReportLine::text).toList();
    }

    /** Where {@code c} stands not escaped by a backslash (itself not escaped). */
    private static List<Integer> unescapedIndexes(String text, char c) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == c) {
                indexes.add(i);
            }
        }
        return indexes;
    }

    private static String removeUnescaped(String text, char c) {
        StringBuilder rest = new StringBuilder(text);
        List<Integer> indexes = unescapedIndexes(text, c);
        for (int i = indexes.size() - 1; i >= 0; i--) {
            rest.deleteCharAt(indexes.get(i));
        }
        return rest.toString();
    }
}
