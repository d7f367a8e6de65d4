package reco.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import reco.engine.data.RatingTable;

/** Sizes as people write them, and the MovieLens shape at each size. */
class DataShapeTest {

    @Test
    void fullSizeIsMl25mAndMillionsScaleInProportion() {
        assertEquals(new DataShape(25_000_000, 162_000, 59_000), DataShape.of(25_000_000));
        assertEquals(new DataShape(1_000_000, 6_480, 2_360), DataShape.of(1_000_000), "162,000 × 0.04, 59,000 × 0.04");
        assertEquals(new DataShape(50_000_000, 324_000, 118_000), DataShape.of(50_000_000));
    }

    @Test
    void belowAMillionDensityStaysAtMl1msInsteadOfFillingTheMatrix() {
        DataShape s = DataShape.of(100_000);
        // scale = sqrt(0.04 × 0.004) = 0.012649: 162,000 × 0.012649 = 2,049.2 and 59,000 × 0.012649 = 746.3
        assertEquals(new DataShape(100_000, 2_049, 746), s);
        double density1m = 1e6 / (6_480.0 * 2_360);
        assertEquals(density1m, 100_000.0 / (2_049.0 * 746), 0.001);
        DataShape smallest = DataShape.of(DataShape.MIN_RATINGS);
        assertTrue(smallest.users() <= smallest.ratings() && (long) smallest.users() * smallest.items() >= smallest.ratings());
    }

    @Test
    void countsWithSuffixes() {
        assertEquals(25_000_000, DataShape.parseCount("25M"));
        assertEquals(250_000, DataShape.parseCount("250k"));
        assertEquals(1_500_000, DataShape.parseCount("1.5m"));
        assertEquals(100_000, DataShape.parseCount(" 100000 "));
        assertEquals(2_000, DataShape.parseCount("2K"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "many", "-5", "5x", "1e6", "1.2345k", "1,000", "5 M"})
    void badCountsSayHowToWriteOne(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataShape.parseCount(text));
        assertTrue(e.getMessage().contains("'" + text + "'") && e.getMessage().contains("250k, 1M"), e.getMessage());
    }

    @Test
    void aSizeMayGiveItsUsersAndMovies() {
        assertEquals(new DataShape(100_000_000, 480_000, 18_000), DataShape.parse("100M@480000x18000"));
        assertEquals(new DataShape(2_000_000, 30_000, 2_000), DataShape.parse("2M@30kx2k"));
        assertEquals(DataShape.of(5_000_000), DataShape.parse("5M"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1M@1000", "1M@1000x", "1M@10x10", "1M@2000000x5", "1M@ax5"})
    void impossibleShapesAreRefusedWithTheRule(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataShape.parse(text));
        assertTrue(e.getMessage().contains("'"), e.getMessage());
    }

    @Test
    void sizesOutsideTheRangeAreRefusedWithTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataShape.of(999));
        assertEquals("999 ratings: give from 1,000 to 2,147,483,639", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DataShape.of(3_000_000_000L));
    }

    @Test
    void labelsAreShortAndExact() {
        assertEquals("25M", DataShape.label(25_000_000));
        assertEquals("1.5M", DataShape.label(1_500_000));
        assertEquals("250k", DataShape.label(250_000));
        assertEquals("1,234,567", DataShape.label(1_234_567));
        assertEquals("1,500", DataShape.label(1_500));
        for (String s : new String[] {"25M", "1.5M", "250k", "1234567"}) {
            assertEquals(DataShape.parseCount(s), DataShape.parseCount(DataShape.label(DataShape.parseCount(s)).replace(",", "")));
        }
    }

    @Test
    void generatedTableHasTheShapesCounts() {
        DataShape s = DataShape.of(5_000);
        try (RatingTable t = s.generate(3)) {
            assertEquals(5_000, t.size());
            int maxUser = 0;
            int maxItem = 0;
            for (long r = 0; r < t.size(); r++) {
                maxUser = Math.max(maxUser, t.user(r));
                maxItem = Math.max(maxItem, t.item(r));
            }
            assertEquals(s.users() - 1, maxUser, "every user rates at least once");
            assertTrue(maxItem < s.items());
        }
    }
}
