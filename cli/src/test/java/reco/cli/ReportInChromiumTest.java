package reco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reco report}'s page in a real browser: headless Chromium loads it without a console message,
 * renders every section, and a full-page screenshot is taken (kept as target/report-screenshot.png).
 * Skipped when Chromium is absent, unless RECO_REQUIRE_CHROMIUM=1 (CI), where that fails instead.
 */
class ReportInChromiumTest {
    static final int WIDTH = 1280;
    /** Tall enough for the whole page of the embedded data, so the screenshot holds every section. */
    static final int HEIGHT = 6400;

    @TempDir
    static Path tmp;
    static HeadlessChromium chromium;
    static Path png;
    static HeadlessChromium.Run run;

    @BeforeAll
    static void writeReport() {
        chromium = HeadlessChromium.find().orElse(null);
        if (chromium == null) {
            if ("1".equals(System.getenv("RECO_REQUIRE_CHROMIUM"))) {
                fail("RECO_REQUIRE_CHROMIUM=1 but no chromium on the PATH: apt-get install chromium");
            }
            Assumptions.abort("chromium is not installed (apt-get install chromium): the browser test is skipped");
        }
        Path page = tmp.resolve("report.html");
        Cli r = Cli.run("report", "--model", QuickModel.dir().toString(), "--device", "java", "--out", page.toString());
        assertEquals(0, r.code(), r.toString());
        png = tmp.resolve("report.png");
        run = chromium.screenshotAndDom(page, png, WIDTH, HEIGHT);
    }

    @Test
    void pageRendersEverySectionWithoutConsoleMessages() {
        assertEquals(0, run.exitCode(), run.log());
        assertEquals(List.of(), run.consoleMessages(), "console messages while loading the page");
        String dom = run.stdout();
        for (String text : new String[] {"Training and test", "Test metrics", "Cluster #", "Recommendations",
                                         "Similar movies", "A new user, no retraining"}) {
            assertTrue(dom.contains(text), text + " in the rendered page");
        }
    }

    @Test
    void screenshotShowsAFullPage() throws IOException {
        assertTrue(Files.isRegularFile(png), "no screenshot:\n" + run.log());
        BufferedImage shot = ImageIO.read(png.toFile());
        assertEquals(WIDTH, shot.getWidth());
        assertEquals(HEIGHT, shot.getHeight());
        // Charts, text and colours: a blank or unstyled page has a handful of colours; this one thousands.
        assertTrue(colours(shot) > 2000, colours(shot) + " distinct colours");
        Files.createDirectories(Path.of("target"));
        Files.copy(png, Path.of("target", "report-screenshot.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The check above catches a script error: a page with one reports it. */
    @Test
    void consoleErrorsAreCaught() throws IOException {
        Path bad = tmp.resolve("bad.html");
        Files.writeString(bad, "<!DOCTYPE html><html><body><p>x</p><script>undefinedFunction();</script></body></html>");
        HeadlessChromium.Run run = chromium.dumpDom(bad);
        assertFalse(run.consoleMessages().isEmpty(), run.log());
        assertTrue(run.consoleMessages().getFirst().contains("undefinedFunction"), run.consoleMessages().toString());
    }

    private static int colours(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
