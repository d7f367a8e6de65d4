package reco.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detected rating scale: what is off it, what is not, and how off-scale rows are reported or skipped. */
class RatingScaleTest {
    private static final LoadOptions STRICT = new LoadOptions(false, 2);
    private static final LoadOptions SKIP = new LoadOptions(true, 2);
    private static final long SEED = 11;

    @TempDir
    Path dir;

    /**
     * {@code rows} ratings drawn from {@code values} with weights {@code weights}, with {@code planted}
     * written instead at row {@code at} (line at + 2, after the header).
     */
    private Path ratings(int rows, String[] values, double[] weights, int at, String planted) throws IOException {
        SplittableRandom rng = new SplittableRandom(SEED);
        StringBuilder s = new StringBuilder("userId,movieId,rating,timestamp\n");
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        for (int r = 0; r < rows; r++) {
            String v = values[values.length - 1];
            double x = rng.nextDouble() * total;
            for (int k = 0; k < values.length; k++) {
                x -= weights[k];
                if (x < 0) {
                    v = values[k];
                    break;
                }
            }
            s.append(r % 500 + 1).append(',').append(r / 500 + 1).append(',').append(r == at ? planted : v)
                    .append(',').append(r).append('\n');
        }
        Path file = dir.resolve("ratings.csv");
        Files.writeString(file, s);
        return file;
    }

    private static final String[] HALF_STARS = {"0.5", "1.0", "1.5", "2.0", "2.5", "3.0", "3.5", "4.0", "4.5", "5.0"};
    /** ml-latest-small's shares of each half star. */
    private static final double[] ML_SMALL = {1.4, 2.8, 1.8, 7.5, 5.5, 19.9, 13.0, 26.6, 8.5, 13.1};

    @Test
    void aTenAmongHalfStarsIsOffTheScaleAtItsLine() throws IOException {
        Path file = ratings(20_000, HALF_STARS, ML_SMALL, 12_345, "10");
        DataException e = assertThrows(DataException.class, () -> MovieLens.loadRatingsFile(file, STRICT));
        assertEquals(12_345 + 2, e.line(), e.getMessage());
        assertEquals(3, e.column());
        assertTrue(e.getMessage().contains("rating 10 is off this file's rating scale (0.5 to 5 in steps of 0.5"),
                e.getMessage());
    }

    @Test
    void zeroAndOffGridValuesAreOffTheScaleToo() throws IOException {
        for (String planted : new String[]{"0", "0.0", "3.7", "-1", "5.5"}) {
            Path file = ratings(20_000, HALF_STARS, ML_SMALL, 77, planted);
            DataException e = assertThrows(DataException.class, () -> MovieLens.loadRatingsFile(file, STRICT), planted);
            assertEquals(79, e.line(), e.getMessage());
            assertTrue(e.getMessage().contains("off this file's rating scale"), e.getMessage());
        }
    }

    @Test
    void skippingDropsOffScaleRowsAndCountsThem() throws IOException {
        Path file = ratings(20_000, HALF_STARS, ML_SMALL, 5, "10");
        try (Dataset d = MovieLens.loadRatingsFile(file, SKIP)) {
            assertEquals(19_999, d.ratings().size());
            assertEquals(1, d.report().badRowsSkipped());
            assertEquals(7, d.report().firstBadRows().getFirst().line());
            for (long r = 0; r < d.ratings().size(); r++) {
                assertTrue(d.ratings().rating(r) <= 5f);
            }
        }
    }

    @Test
    void otherScalesLoadAsTheyAre() throws IOException {
        String[] tenPoint = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"};
        double[] even = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        try (Dataset d = MovieLens.loadRatingsFile(ratings(20_000, tenPoint, even, 0, "1"), STRICT)) {
            assertEquals(20_000, d.ratings().size());
        }
        // Rare but legitimate extremes (the synthetic generator's 0.5 is 0.06 % of its ratings).
        double[] rareLow = {0.06, 0.35, 1.3, 4.1, 10.4, 18.4, 23.0, 20.9, 13.3, 8.1};
        try (Dataset d = MovieLens.loadRatingsFile(ratings(20_000, HALF_STARS, rareLow, 0, "0.5"), STRICT)) {
            assertEquals(20_000, d.ratings().size());
        }
    }

    @Test
    void continuousRatingsAndSmallFilesAreNotJudged() throws IOException {
        StringBuilder s = new StringBuilder();
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int r = 0; r < 20_000; r++) {
            s.append(r % 97 + 1).append(',').append(r / 97 + 1).append(',')
                    .append(String.format(java.util.Locale.ROOT, "%.3f", rng.nextGaussian() * 3)).append('\n');
        }
        s.append("1000,1,99\n");
        Path continuous = dir.resolve("continuous.csv");
        Files.writeString(continuous, s);
        try (Dataset d = MovieLens.loadRatingsFile(continuous, STRICT)) {
            assertEquals(20_001, d.ratings().size());
        }
        // 10,000 ratings or fewer: a single 10 is as common as the scale's rarest value may be.
        try (Dataset d = MovieLens.loadRatingsFile(ratings(9_000, HALF_STARS, ML_SMALL, 3, "10"), STRICT)) {
            assertEquals(9_000, d.ratings().size());
        }
    }
}
