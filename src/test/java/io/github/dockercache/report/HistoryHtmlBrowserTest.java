package io.github.dockercache.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.dockercache.history.ImageHistory;
import io.github.dockercache.history.ReplayFixture;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code history.html} in Debian's headless Chromium, as {@link HtmlReportBrowserTest} checks the report: the page
 * parses into the commits-by-layers table, and the screenshot shows the three verdict colours. Skipped without
 * Chromium, except on CI.
 */
class HistoryHtmlBrowserTest {
    @TempDir
    Path dir;

    @Test
    void chromiumDrawsCommitsByLayers() throws Exception {
        Path executable = HeadlessChromium.find().orElse(null);
        if (executable == null && "true".equals(System.getenv("CI"))) {
            fail("Chromium is not installed, and CI must run the browser test");
        }
        Assumptions.assumeTrue(executable != null, "Chromium is not installed");
        ImageHistory history = ReplayFixture.history(dir.resolve("repository"));
        Files.createDirectories(HtmlReportBrowserTest.ARTIFACTS);
        Path page = HtmlReportBrowserTest.ARTIFACTS.resolve("history.html");
        Files.writeString(page, HistoryReport.html(history), StandardCharsets.UTF_8);
        HeadlessChromium chromium = new HeadlessChromium(
                executable,
                Files.createDirectories(dir.resolve("chromium")),
                HtmlReportBrowserTest.ARTIFACTS.resolve("chromium.log"));

        String dom = chromium.run(page, "--dump-dom");
        assertEquals(7, count(dom, "<tr class=\"stable\">|<tr>") - 1, "a header row and 7 layers");
        assertEquals(3, count(dom, "<li><code>"), "three busting commits listed");
        assertEquals(49, count(dom, "<td class=\"(rebuilt|cached|unknown|none)\""));

        Path screenshot = HtmlReportBrowserTest.ARTIFACTS.resolve("history.png");
        chromium.run(page, "--hide-scrollbars", "--window-size=1000,700", "--screenshot=" + screenshot);
        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertTrue(hasColour(image, 0xc81e1e), "a rebuilt cell's red");
        assertTrue(hasColour(image, 0x15803d), "a cached cell's green");
        assertTrue(hasColour(image, 0xb7791f), "an unknown cell's amber");
    }

    private static long count(String text, String regex) {
        return Pattern.compile(regex).matcher(text).results().count();
    }

    private static boolean hasColour(BufferedImage image, int rgb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }
}
