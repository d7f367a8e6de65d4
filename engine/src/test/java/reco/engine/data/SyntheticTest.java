package reco.engine.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticTest {
    private static final long SEED = 7L;
    private static final int USERS = 300;
    private static final int ITEMS = 400;
    private static final long RATINGS = 20_000;
    private static final int RANK = 4;

    @TempDir
    Path dir;

    @Test
    void writesAMovieLensFolderThatLoadsBack() throws IOException {
        System.out.println("SyntheticTest seed " + SEED);
        Synthetic.generate(dir, USERS, ITEMS, RATINGS, RANK, SEED);
        try (Dataset d = MovieLens.load(dir, LoadOptions.defaults())) {
            assertEquals(Layout.MOVIELENS_CSV, d.layout());
            assertEquals(RATINGS, d.ratings().size());
            assertEquals(USERS, d.users().size());
            assertEquals(0, d.report().duplicatesRemoved(), "a user rates a movie at most once");
            assertEquals(ITEMS, d.catalog().size());
            assertEquals(0, d.report().unknownMovieRatings());
            assertEquals("Movie 7, The (" + d.catalog().movie(Synthetic.movieId(7)).orElseThrow().year() + ")",
                    d.catalog().titleOf(Synthetic.movieId(7)));
            RatingTable t = d.ratings();
            for (long r = 0; r < t.size(); r++) {
                float x = t.rating(r);
                assertTrue(x >= 0.5f && x <= 5f && x * 2 == Math.round(x * 2), "rating " + x);
                assertTrue(t.timestamp(r) >= SyntheticModel.FIRST_TIMESTAMP && t.timestamp(r) <= SyntheticModel.LAST_TIMESTAMP);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameFilesAndTheTableMatchesThem() throws IOException {
        Synthetic.generate(dir.resolve("a"), USERS, ITEMS, RATINGS, RANK, SEED);
        Synthetic.generate(dir.resolve("b"), USERS, ITEMS, RATINGS, RANK, SEED);
        Synthetic.generate(dir.resolve("c"), USERS, ITEMS, RATINGS, RANK, SEED + 1);
        byte[] a = Files.readAllBytes(dir.resolve("a/ratings.csv"));
        assertArrayEquals(a, Files.readAllBytes(dir.resolve("b/ratings.csv")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/movies.csv")), Files.readAllBytes(dir.resolve("b/movies.csv")));
        assertFalse(Arrays.equals(a, Files.readAllBytes(dir.resolve("c/ratings.csv"))));
        try (Dataset d = MovieLens.load(dir.resolve("a"), LoadOptions.defaults());
             RatingTable t = Synthetic.table(USERS, ITEMS, RATINGS, RANK, SEED)) {
            RatingTable f = d.ratings();
            assertEquals(t.size(), f.size());
            for (long r = 0; r < t.size(); r++) {
                assertEquals(t.user(r) + 1, d.users().idOf(f.user(r)));
                assertEquals(Synthetic.movieId(t.item(r)), d.items().idOf(f.item(r)));
                assertEquals(t.rating(r), f.rating(r));
                assertEquals(t.timestamp(r), f.timestamp(r));
            }
        }
    }

    @Test
    void popularityAndActivityAreSkewedAndItemsDiffer() {
        try (RatingTable t = Synthetic.table(USERS, ITEMS, RATINGS, RANK, SEED)) {
            int[] perItem = new int[ITEMS];
            int[] perUser = new int[USERS];
            double[] sum = new double[ITEMS];
            for (long r = 0; r < t.size(); r++) {
                perItem[t.item(r)]++;
                perUser[t.user(r)]++;
                sum[t.item(r)] += t.rating(r);
            }
            int[] items = perItem.clone();
            Arrays.sort(items);
            long top = 0;
            for (int k = ITEMS - ITEMS / 10; k < ITEMS; k++) {
                top += items[k];
            }
            assertTrue(top > 0.25 * RATINGS, "top 10% of movies have " + top + " of " + RATINGS + " ratings");
            int[] users = perUser.clone();
            Arrays.sort(users);
            assertTrue(users[0] >= 1);
            assertTrue(users[USERS - 1] > 3 * users[USERS / 2], "most active user " + users[USERS - 1]
                    + " vs median " + users[USERS / 2]);
            // Item effects are planted: means of well-rated items spread more than noise alone would
            // (noise sd 0.35 over ≥ 60 ratings gives a spread of means under 0.05).
            double mean = 0;
            int n = 0;
            double sq = 0;
            for (int i = 0; i < ITEMS; i++) {
                if (perItem[i] >= 60) {
                    double m = sum[i] / perItem[i];
                    mean += m;
                    sq += m * m;
                    n++;
                }
            }
            mean /= n;
            double sd = Math.sqrt(sq / n - mean * mean);
            assertTrue(n >= 30 && sd > 0.2, n + " items, sd of item means " + sd);
            assertEquals(SyntheticModel.MU, t.meanRating(), 0.3);
        }
    }

    @Test
    void denseUsersCanRateEveryMovie() {
        try (RatingTable t = Synthetic.table(5, 8, 40, 2, SEED)) {
            assertEquals(40, t.size());
            long[] keys = new long[40];
            for (int r = 0; r < 40; r++) {
                keys[r] = t.user(r) * 8L + t.item(r);
            }
            assertEquals(40, Arrays.stream(keys).distinct().count());
        }
    }
}
