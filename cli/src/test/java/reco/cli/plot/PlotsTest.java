package reco.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import reco.engine.model.EpochStats;

/**
 * The charts as pictures: size, the colours each part must show (the best-epoch mark, the refit line,
 * each cluster), and the phase of each epoch read back from a manifest's history.
 */
class PlotsTest {
    static final long SEED = 5;

    @TempDir
    Path tmp;

    /** Search epochs 1–4 with validation (best: 3), then a refit of 3 epochs without. */
    static List<EpochStats> history() {
        return List.of(new EpochStats(1, 1.0, 0.98, 1), new EpochStats(2, 0.8, 0.91, 1), new EpochStats(3, 0.6, 0.89, 1),
                new EpochStats(4, 0.5, 0.90, 1), new EpochStats(1, 0.95, null, 1), new EpochStats(2, 0.75, null, 1),
                new EpochStats(3, 0.62, null, 1));
    }

    @Test
    void manifestHistoryIsSplitIntoSearchAndRefitWhereTheEpochNumberRestarts() {
        List<TrainingCurves.Epoch> e = TrainingCurves.fromManifest(history());
        assertEquals(List.of(false, false, false, false, true, true, true), e.stream().map(TrainingCurves.Epoch::refit).toList());
        assertEquals(2, TrainingCurves.bestIndex(e), "epoch 3 has the lowest validation RMSE");
        assertTrue(Double.isNaN(e.get(5).validationRmse()));
    }

    @Test
    void curvesShowTheBestEpochAndTheRefitAndAreWrittenAsPng() throws IOException {
        Path file = tmp.resolve(TrainingCurves.FILE);
        TrainingCurves.save(tmp, TrainingCurves.fromManifest(history()));
        BufferedImage png = ImageIO.read(file.toFile());
        assertEquals(TrainingCurves.WIDTH, png.getWidth());
        assertEquals(TrainingCurves.HEIGHT, png.getHeight());
        assertTrue(count(png, ChartStyle.colour(2), 0) > 20, "best-epoch mark");
        assertTrue(count(png, ChartStyle.MUTED, 0) > 100, "refit line");
        assertTrue(count(png, ChartStyle.colour(0), 0) > 200, "train line");
        assertTrue(count(png, ChartStyle.colour(1), 0) > 200, "validation line");
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void withoutValidationThereIsNoBestMarkNorRefit() {
        List<TrainingCurves.Epoch> plain = List.of(new TrainingCurves.Epoch(1, false, 1.0, Double.NaN),
                new TrainingCurves.Epoch(2, false, 0.7, Double.NaN));
        BufferedImage img = TrainingCurves.draw(plain);
        assertEquals(-1, TrainingCurves.bestIndex(plain));
        assertEquals(0, count(img, ChartStyle.colour(2), 0), "no best-epoch mark");
        assertTrue(count(img, ChartStyle.colour(0), 0) > 200, "train line");
        assertThrows(IllegalArgumentException.class, () -> TrainingCurves.draw(List.of()));
    }

    @Test
    void histogramHasOneBarColourAndItsSize() {
        TreeMap<Float, Long> h = new TreeMap<>();
        h.put(1f, 10L);
        h.put(2.5f, 40L);
        h.put(5f, 25L);
        BufferedImage img = RatingHistogram.draw(h, "test", 600, 400);
        assertEquals(600, img.getWidth());
        assertTrue(count(img, ChartStyle.colour(0), 0) > 5000, "bars");
        assertThrows(IllegalArgumentException.class, () -> RatingHistogram.draw(new TreeMap<>(), "none"));
    }

    @Test
    void clusterMapShowsEveryClusterInItsColour() {
        SplittableRandom rng = new SplittableRandom(SEED);
        int n = 300;
        double[] xy = new double[2 * n];
        int[] cluster = new int[n];
        for (int p = 0; p < n; p++) {
            cluster[p] = p % 3;
            xy[2 * p] = cluster[p] * 4 + rng.nextGaussian();
            xy[2 * p + 1] = (cluster[p] == 1 ? 3 : 0) + rng.nextGaussian();
        }
        List<ClusterMap.Label> labels = new ArrayList<>();
        for (int p = 0; p < 20; p++) {
            labels.add(new ClusterMap.Label(p, "Movie number " + p));
        }
        List<ClusterMap.Legend> legend = List.of(new ClusterMap.Legend(2, "#3 c"), new ClusterMap.Legend(0, "#1 a"),
                new ClusterMap.Legend(1, "#2 b"));
        BufferedImage img = ClusterMap.draw(new ClusterMap.Input(xy, cluster, legend, labels, "x", "y"));
        assertEquals(ClusterMap.WIDTH, img.getWidth());
        for (int j = 0; j < 3; j++) {
            Color c = ChartStyle.colour(j);
            // Markers are drawn with alpha 150 over white.
            Color blended = new Color(blend(c.getRed()), blend(c.getGreen()), blend(c.getBlue()));
            assertTrue(count(img, blended, 8) > 300, "cluster in legend position " + j + " is visible");
        }
        assertFalse(count(img, ChartStyle.colour(3), 8) > 50, "no fourth cluster colour");
    }

    @Test
    void scalingChartHasALinePerDeviceInItsColourAndIsWrittenAsPng() throws IOException {
        double[] sizes = {250_000, 1_000_000, 5_000_000};
        List<ScalingChart.Line> lines = List.of(
                new ScalingChart.Line("java:2 adam", 0, false, sizes, new double[] {0.5, 2.0, 10.0}),
                new ScalingChart.Line("java:2 sgd", 0, true, sizes, new double[] {0.4, 1.6, 8.0}),
                new ScalingChart.Line("opencl:0:0 adam", 1, false, sizes, new double[] {0.1, 0.5, 2.5}));
        Path file = tmp.resolve("scale.png");
        Png.write(file, ScalingChart.draw(lines));
        BufferedImage png = ImageIO.read(file.toFile());
        assertEquals(ScalingChart.WIDTH, png.getWidth());
        assertEquals(ScalingChart.HEIGHT, png.getHeight());
        assertTrue(count(png, ChartStyle.colour(0), 0) > 300, "first device's lines");
        assertTrue(count(png, ChartStyle.colour(1), 0) > 150, "second device's line");
        assertEquals(0, count(png, ChartStyle.colour(2), 0), "no third device");
        assertThrows(IllegalArgumentException.class, () -> ScalingChart.draw(List.of()));
    }

    @Test
    void scalingChartOfOneSizeStillDraws() {
        BufferedImage img = ScalingChart.draw(List.of(new ScalingChart.Line("java:2 adam", 0, false, new double[] {1e6},
                new double[] {2.0})));
        assertTrue(count(img, ChartStyle.colour(0), 0) > 20, "the point's marker");
    }

    private static int blend(int channel) {
        return Math.round(channel * 150 / 255f + 255 * (1 - 150 / 255f));
    }

    /** Pixels within {@code tolerance} of {@code c} on every channel. */
    static int count(BufferedImage img, Color c, int tolerance) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                if (Math.abs(((rgb >> 16) & 0xFF) - c.getRed()) <= tolerance
                        && Math.abs(((rgb >> 8) & 0xFF) - c.getGreen()) <= tolerance
                        && Math.abs((rgb & 0xFF) - c.getBlue()) <= tolerance) {
                    n++;
                }
            }
        }
        return n;
    }
}
