package reco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a trained model folder holds besides its tensors, {@code reco report}'s page, and {@code info --plot}. */
class ReportCommandTest {
    @TempDir
    Path tmp;

    @Test
    void trainingWritesCurvesBesideTheModel() throws IOException {
        BufferedImage png = ImageIO.read(QuickModel.dir().resolve("curves.png").toFile());
        assertEquals(1000, png.getWidth());
        assertEquals(560, png.getHeight());
    }

    @Test
    void reportIsOneSelfContainedPageWithEverySection() throws IOException {
        Path out = tmp.resolve("report.html");
        Cli r = Cli.run("report", "--model", QuickModel.dir().toString(), "--device", "java", "--out", out.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Report written to " + out), r.toString());
        String html = Files.readString(out, StandardCharsets.UTF_8);
        for (String section : new String[] {"id=\"data\"", "id=\"training\"", "id=\"metrics\"", "id=\"clusters\"",
                                            "id=\"users\"", "id=\"similar\"", "id=\"new-user\""}) {
            assertTrue(html.contains(section), section);
        }
        assertEquals(3, count(html, "<img src=\"data:image/png;base64,"), "histogram, curves and cluster map, embedded");
        assertEquals(3, count(html, "<img "), "no other image");
        assertFalse(html.contains("<script"), "no script");
        assertFalse(Pattern.compile("(src|href)=\"(?!data:|#)").matcher(html).find(), "every src and href is embedded or an anchor");
        assertFalse(html.contains("http://") || html.contains("https://"), "no network address");
        assertEquals(10, count(html, ">Cluster #"), "every cluster (10 by default)");
        assertTrue(html.contains("Like Toy Story (1995)"), "similar movies of Toy Story");
        assertTrue(html.contains("RMSE"), "test metrics");
        assertTrue(html.contains("User 42"), "sample user");
        assertTrue(html.contains("Matrix, The (1999)"), "a new user who rated The Matrix");
    }

    @Test
    void infoDrawsTheRatingHistogram() throws IOException {
        Path png = tmp.resolve("ratings.png");
        Cli r = Cli.run("info", "--plot", png.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Rating histogram drawn to " + png), r.toString());
        assertEquals(1000, ImageIO.read(png.toFile()).getWidth());
    }

    @Test
    void infoPlotIntoAMissingFolderIsAOneLineError() {
        Cli r = Cli.run("info", "--plot", tmp.resolve("no/such/folder/x.png").toString());
        assertEquals(1, r.code(), r.toString());
        CliUsageTest.assertNoStackTrace(r);
    }

    private static int count(String s, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
