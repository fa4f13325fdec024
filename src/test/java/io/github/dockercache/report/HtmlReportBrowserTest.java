package io.github.dockercache.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.FailOn;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report in a real browser: Debian's headless Chromium loads it from a file, takes a screenshot,
 * prints it to PDF and dumps the DOM it parsed. The screenshot, the PDF and the page are kept under
 * {@code target/dockercache-test-artifacts} for people to look at.
 *
 * <p>Without Chromium the test is skipped, except on CI ({@code CI=true}), which installs it.
 */
class HtmlReportBrowserTest {
    static final Path ARTIFACTS =
            Path.of(System.getProperty("basedir", ".")).resolve("target/dockercache-test-artifacts");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int WIDTH = 1400;
    private static final int HEIGHT = 2000;

    private static Path executable;

    @TempDir
    Path dir;

    @BeforeAll
    static void findChromium() {
        String missing = "Chromium is not installed (looked for " + HeadlessChromium.DEBIAN_PATH
                + " and 'chromium' on the PATH); install it with 'apt-get install chromium' to run the browser test";
        executable = HeadlessChromium.find().orElse(null);
        if (executable == null && "true".equals(System.getenv("CI"))) {
            fail(missing + ". CI=true, and CI must run it.");
        }
        Assumptions.assumeTrue(executable != null, missing);
    }

    @Test
    void chromiumShowsPrintsAndParsesTheReport() throws Exception {
        Comparison comparison = JavaProject.everydayChanges(dir.resolve("project"));
        Files.createDirectories(ARTIFACTS);
        Path page = ARTIFACTS.resolve("report.html");
        Files.writeString(
                page,
                HtmlReport.of(
                        Goal.CHECK, comparison, FailOn.STABLE, "src/main/docker/dockercache-baseline.json", List.of()),
                StandardCharsets.UTF_8);
        HeadlessChromium chromium = chromium();

        Path screenshot = ARTIFACTS.resolve("report.png");
        long screenshotMillis = timed(() -> chromium.run(
                page, "--hide-scrollbars", "--window-size=" + WIDTH + "," + HEIGHT, "--screenshot=" + screenshot));
        assertScreenshot(screenshot);

        Path pdf = ARTIFACTS.resolve("report.pdf");
        long pdfMillis = timed(() -> chromium.run(page, "--no-pdf-header-footer", "--print-to-pdf=" + pdf));
        assertPdf(
                pdf, comparison.steps().stream().map(s -> s.stage()).distinct().count());

        String[] dom = new String[1];
        long domMillis = timed(() -> dom[0] = chromium.run(page, "--dump-dom"));
        assertDom(dom[0], comparison);

        System.out.printf(
                "Chromium: screenshot %d ms, PDF %d ms, DOM %d ms; artifacts in %s%n",
                screenshotMillis, pdfMillis, domMillis, ARTIFACTS);
    }

    /** The browser's own parser, not only the XML one, sees user text as text. */
    @Test
    void chromiumFindsNoElementInUserText() throws Exception {
        Files.createDirectories(ARTIFACTS);
        Path page = ARTIFACTS.resolve("hostile-names.html");
        Files.writeString(page, HtmlReport.of(JavaProject.hostileNames(dir), FailOn.ANY), StandardCharsets.UTF_8);
        String dom = chromium().run(page, "--dump-dom");
        assertFalse(dom.contains("<script") || dom.contains("<img"), "Chromium built an element from user text");
        assertTrue(dom.contains("&lt;script&gt;alert(1)&lt;"), "the hostile path is shown as text");
    }

    /**
     * File names that are markup, with handlers that would mark the page if they ran: Chromium runs none of them, and
     * shows each name as text.
     */
    @Test
    void chromiumRunsNoScriptFromFileNamesAndShowsThemAsText() throws Exception {
        Files.createDirectories(ARTIFACTS);
        Path page = ARTIFACTS.resolve("hostile-file-names.html");
        Files.writeString(
                page,
                HtmlReport.of(JavaProject.hostileFileNames(dir.resolve("project")), FailOn.ANY),
                StandardCharsets.UTF_8);
        String dom = chromium().run(page, "--dump-dom");
        Files.writeString(ARTIFACTS.resolve("hostile-file-names-dom.html"), dom, StandardCharsets.UTF_8);
        Matcher body = Pattern.compile("<body[^>]*>").matcher(dom);
        assertTrue(body.find() && !body.group().contains("data-pwned"), "a handler from a file name ran");
        Matcher title = Pattern.compile("<title>([^<]*)</title>").matcher(dom);
        assertTrue(title.find() && title.group(1).equals("Docker cache check: Dockerfile"), "a script set the title");
        assertFalse(dom.contains("<script") || dom.contains("<img"), "Chromium built an element from user text");
        assertTrue(
                dom.contains("&lt;img src=x onerror=\"document.body.setAttribute('data-pwned','1')\"&gt;.txt"),
                "the name is shown as text");
        assertTrue(dom.contains("\\u001b[31mred\\u001b[0m.txt"), "a terminal escape is shown as its escape");
    }

    private HeadlessChromium chromium() throws IOException {
        return new HeadlessChromium(
                executable, Files.createDirectories(dir.resolve("chromium")), ARTIFACTS.resolve("chromium.log"));
    }

    private static void assertScreenshot(Path screenshot) throws IOException {
        byte[] bytes = Files.readAllBytes(screenshot);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length), "a PNG");
        assertTrue(
                bytes.length > 50_000, "a screenshot of a whole report, not an empty page: " + bytes.length + " bytes");
        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertEquals(WIDTH, image.getWidth());
        assertEquals(HEIGHT, image.getHeight());
        // the step boxes' verdict borders are solid colour: the style sheet was applied, and both verdicts drawn
        assertTrue(hasColour(image, 0x15803d), "a cached step's green");
        assertTrue(hasColour(image, 0xc81e1e), "a rebuilt step's red");
    }

    private static boolean hasColour(BufferedImage image, int rgb) {
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A PDF with the header and stage map on the first page, then a page per stage at least. */
    private static void assertPdf(Path pdf, long stages) throws IOException {
        byte[] bytes = Files.readAllBytes(pdf);
        assertEquals("%PDF-", new String(bytes, 0, 5, StandardCharsets.ISO_8859_1));
        assertTrue(bytes.length > 20_000, "a printed report, not an empty page: " + bytes.length + " bytes");
        long pages = count(Pattern.compile("/Type\\s*/Page\\b"), new String(bytes, StandardCharsets.ISO_8859_1));
        assertTrue(pages >= 1 + stages, pages + " pages for " + stages + " stages");
    }

    private static void assertDom(String dom, Comparison comparison) throws IOException {
        Files.writeString(ARTIFACTS.resolve("report-dom.html"), dom, StandardCharsets.UTF_8);
        assertEquals(
                comparison.steps().size(),
                count(Pattern.compile("<li class=\"step verdict-[a-z]+\" id=\"step-"), dom),
                "a box per step");
        comparison
                .steps()
                .forEach(step -> assertTrue(dom.contains("id=\"" + Anchors.step(step.stepId()) + "\""), step.stepId()));
        assertEquals(2, count(Pattern.compile("<svg class=\"stage-map "), dom), "the screen map and the print map");
        assertEquals(
                2,
                count(Pattern.compile("<table class=\"files\">"), dom),
                "build:1's changed files, and runtime:4's own mode change beside its upstream cause");
        assertTrue(dom.contains("<strong>Check fails</strong>"));
        assertFalse(dom.contains("<script"));
    }

    private static long count(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        long count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private interface Run {
        void run() throws Exception;
    }

    private static long timed(Run run) throws Exception {
        long start = System.nanoTime();
        run.run();
        return (System.nanoTime() - start) / 1_000_000;
    }
}
