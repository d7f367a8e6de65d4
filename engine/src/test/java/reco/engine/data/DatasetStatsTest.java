package reco.engine.data;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DatasetStatsTest {
    private static final IdIndex USERS = IdIndex.of(new long[]{10, 20, 30, 40});
    private static final IdIndex ITEMS = IdIndex.of(new long[]{100, 200, 300, 400});

    private static RatingTable table(long[][] rows) {
        RatingTable t = RatingTable.allocate(rows.length);
        for (int r = 0; r < rows.length; r++) {
            t.set(r, USERS.indexOf(rows[r][0]), ITEMS.indexOf(rows[r][1]), rows[r][2] / 10f, r);
        }
        return t;
    }

    @Test
    void countsAHandMadeTable() {
        // user, movie, rating × 10
        long[][] rows = {{10, 100, 40}, {10, 200, 35}, {10, 300, 50}, {20, 100, 40}, {20, 200, 20}, {30, 100, 5}};
        Catalog catalog = Catalog.of(null, List.of(new Movie(100, "Hundred (2000)", 2000, List.of())));
        try (RatingTable t = table(rows)) {
            DatasetStats s = DatasetStats.of(t, USERS, ITEMS, catalog, 2);
            assertEquals(6, s.ratings());
            assertEquals(3, s.users());          // user 40 is in the index but has no rating
            assertEquals(3, s.movies());         // movie 400 neither
            assertEquals(9, s.matrixCells());
            assertEquals(6 / 9.0, s.filledFraction(), 1e-12);
            assertEquals(3 / 9.0, s.sparsity(), 1e-12);
            assertEquals(new TreeMap<>(Map.of(0.5f, 1L, 2.0f, 1L, 3.5f, 1L, 4.0f, 2L, 5.0f, 1L)), s.histogram());
            assertEquals(List.of(
                    new DatasetStats.MovieCount(100, "Hundred (2000)", 3, (4 + 4 + 0.5) / 3),
                    new DatasetStats.MovieCount(200, "movie 200", 2, (3.5 + 2) / 2)), s.mostRated());
            assertEquals(1, s.minPerUser());
            assertEquals(2, s.medianPerUser());
            assertEquals(3, s.maxPerUser());
        }
    }

    @Test
    void medianOfAnEvenNumberOfUsersIsTheMeanOfTheMiddleTwo() {
        long[][] rows = {{10, 100, 40}, {10, 200, 35}, {10, 300, 50}, {20, 100, 40}, {20, 200, 20}, {30, 100, 5},
                {40, 300, 30}};
        try (RatingTable t = table(rows)) {
            DatasetStats s = DatasetStats.of(t, USERS, ITEMS, Catalog.empty(), 10);
            assertEquals(1.5, s.medianPerUser());   // counts 1, 1, 2, 3
            assertEquals(12, s.matrixCells());   // 4 users × 3 rated movies
            assertEquals(3, s.mostRated().size());
            // 200 and 300 both have 2 ratings: the smaller id first.
            assertEquals(List.of(100L, 200L, 300L), s.mostRated().stream().map(DatasetStats.MovieCount::movieId).toList());
        }
    }

    @Test
    void statsOfTheEmbeddedData() {
        try (Dataset d = MovieLens.load(EmbeddedData.mlLatestSmall(), LoadOptions.defaults())) {
            DatasetStats s = DatasetStats.of(d, 3);
            assertEquals(100_836, s.ratings());
            assertEquals(610L * 9_724, s.matrixCells());
            assertEquals(10, s.histogram().size());   // 0.5, 1.0, …, 5.0
            assertEquals(100_836, s.histogram().values().stream().mapToLong(Long::longValue).sum());
            assertEquals(356, s.mostRated().getFirst().movieId());   // Forrest Gump, 329 ratings
            assertEquals(329, s.mostRated().getFirst().count());
            assertEquals(20, s.minPerUser());
        }
    }
}
