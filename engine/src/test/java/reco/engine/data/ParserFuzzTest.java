package reco.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Feeds the ratings and movie parsers seeded mutations of well-formed files ({@link Mutator}) and checks
 * that nothing but a {@link DataException} ever escapes, that every message is one line pointing inside
 * the input, and that what loads is sane: no more rows than lines, every dense index inside its id index,
 * every rating finite, every title non-empty and on one line. Reading outside the input would surface as
 * an IndexOutOfBoundsException, and a hang as the timeout.
 *
 * <p>Inputs are parsed from memory (the parsers' byte-level entry points), not written to files, so that
 * 100,000 of them take seconds. To replay one failure, rerun with the printed seed.
 */
class ParserFuzzTest {
    static final long SEED = Long.getLong("reco.fuzz.seed", 20_250_601L);
    static final int RATINGS_INPUTS = Integer.getInteger("reco.fuzz.ratings", 70_000);
    static final int MOVIES_INPUTS = Integer.getInteger("reco.fuzz.movies", 35_000);
    /** No check of our own on memory: the inputs are tiny, and reading /proc each time would dominate. */
    private static final MemoryBudget UNBOUNDED = new MemoryBudget(1L << 50);
    private static final Path RATINGS = Path.of("fuzz", "ratings.csv");
    private static final Path MOVIES = Path.of("fuzz", "movies.csv");

    private static final List<byte[]> RATING_BASES = List.of(
            bytes("userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,1029,3.0,1260759179\n1,1061,3.0,1260759182\n"
                    + "2,10,4.0,835355493\n2,17,5.0,835355681\n3,60,0.5,1298861675\n3,110,4.0,1298922049\n"
                    + "4,10,4.0,949810645\n4,34,5.0,949919556\n5,1,4.0,1163374957\n"),
            bytes("1::1193::5::978300760\n1::661::3::978302109\n2::1357::5::978298709\n3::3421::4::978298147\n"
                    + "3::648::3::978297867\n4::2355::5::978824291\n"),
            bytes("196\t242\t3\t881250949\n186\t302\t3\t891717742\n22\t377\t1\t878887116\n244\t51\t2\t880606923\n"),
            bytes("user,item,rating\r\n5,6,4\r\n7,8,.5\r\n\r\n9,10,1.5\r\n"),
            largeRatings());
    private static final List<byte[]> MOVIE_BASES = List.of(
            bytes("movieId,title,genres\n1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy\n"
                    + "2,Jumanji (1995),Adventure|Children|Fantasy\n11,\"American President, The (1995)\",Comedy|Drama|Romance\n"
                    + "29,\"City of Lost Children, The (Cité des enfants perdus, La) (1995)\",Adventure|Drama\n"
                    + "31,\"Say \"\"Hi\"\" (2000)\",(no genres listed)\n"),
            bytes("1::Toy Story (1995)::Animation|Children's|Comedy\n2::Jumanji (1995)::Adventure|Children's|Fantasy\n"
                    + "3::Grumpier Old Men (1995)::Comedy|Romance\n"),
            bytes("1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n"
                    + "2|GoldenEye (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?GoldenEye%20(1995)|0|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0|1|0|0\n"));

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** 12,000 half-star ratings: enough for the rating scale to be judged, so mutations reach the second pass. */
    private static byte[] largeRatings() {
        StringBuilder s = new StringBuilder("userId,movieId,rating,timestamp\n");
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int r = 0; r < 12_000; r++) {
            s.append(r % 400 + 1).append(',').append(r / 400 + 1).append(',').append((1 + rng.nextInt(10)) / 2.0)
                    .append(',').append(1_000_000 + r).append('\n');
        }
        return bytes(s.toString());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void ratingsParserOnlyEverThrowsDataException() {
        SplittableRandom pick = new SplittableRandom(SEED);
        Mutator mutator = new Mutator(SEED);
        TreeMap<String, Integer> outcomes = new TreeMap<>();
        long start = System.nanoTime();
        for (int n = 0; n < RATINGS_INPUTS; n++) {
            // The large base costs ~50 small ones, and two threads (started per parallel step) ~30 times
            // one: each is used for a small share of the inputs.
            byte[] base = RATING_BASES.get(pick.nextInt(100) == 0 ? 4 : pick.nextInt(4));
            byte[] input = mutator.mutate(base);
            boolean skip = pick.nextBoolean();
            int threads = pick.nextInt(50) == 0 ? 2 : 1;
            long chunk = new long[]{0, 7, 64, 1024}[pick.nextInt(4)];
            outcomes.merge(ratingsOutcome(n, input, new LoadOptions(skip, threads, UNBOUNDED), chunk), 1, Integer::sum);
        }
        report("ratings", RATINGS_INPUTS, start, outcomes);
    }

    private static String ratingsOutcome(int n, byte[] input, LoadOptions options, long chunk) {
        long lines = lines(input);
        try (Dataset d = MovieLens.loadRatingsBytes(RATINGS, MemorySegment.ofArray(input), options, chunk)) {
            RatingTable t = d.ratings();
            check(n, input, t.size() > 0 && t.size() + d.report().badRowsSkipped() <= lines, "rows " + t.size()
                    + " + skipped " + d.report().badRowsSkipped() + " within " + lines + " lines");
            for (long r = 0; r < t.size(); r++) {
                check(n, input, t.user(r) >= 0 && t.user(r) < d.users().size(), "user index in range");
                check(n, input, t.item(r) >= 0 && t.item(r) < d.items().size(), "item index in range");
                check(n, input, Float.isFinite(t.rating(r)), "finite rating");
                check(n, input, d.users().idOf(t.user(r)) >= 0 && d.items().idOf(t.item(r)) >= 0, "ids not negative");
            }
            return "loaded";
        } catch (DataException e) {
            checkMessage(n, input, e, lines);
            return "DataException";
        } catch (Throwable t) {
            throw new AssertionError("input " + n + " (seed " + SEED + ") threw " + t + ": " + hex(input), t);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void movieReadersOnlyEverThrowDataException() {
        SplittableRandom pick = new SplittableRandom(SEED + 1);
        Mutator mutator = new Mutator(SEED + 1);
        TreeMap<String, Integer> outcomes = new TreeMap<>();
        long start = System.nanoTime();
        for (int n = 0; n < MOVIES_INPUTS; n++) {
            int kind = pick.nextInt(MOVIE_BASES.size());
            byte[] input = mutator.mutate(MOVIE_BASES.get(kind));
            outcomes.merge(moviesOutcome(n, input, kind), 1, Integer::sum);
        }
        report("movies", MOVIES_INPUTS, start, outcomes);
    }

    private static String moviesOutcome(int n, byte[] input, int kind) {
        long lines = lines(input);
        try {
            CatalogReader.Read read = switch (kind) {
                case 0 -> CatalogReader.readCsv(MOVIES, DecodedText.of(input, false));
                case 1 -> CatalogReader.readDat(MOVIES, DecodedText.of(input, false));
                default -> CatalogReader.readUItem(MOVIES, DecodedText.of(input, true).text(), CatalogReader.ML100K_GENRES);
            };
            check(n, input, read.movies().size() <= lines, read.movies().size() + " movies within " + lines + " lines");
            for (Movie m : read.movies()) {
                check(n, input, m.id() >= 0 && !m.title().isEmpty() && m.title().indexOf('\n') < 0, "sane movie " + m);
            }
            Catalog catalog = Catalog.of(MOVIES, read.movies());
            catalog.search("the");
            return "loaded";
        } catch (DataException e) {
            checkMessage(n, input, e, lines);
            return "DataException";
        } catch (Throwable t) {
            throw new AssertionError("input " + n + " (seed " + SEED + ") threw " + t + ": " + hex(input), t);
        }
    }

    private static void checkMessage(int n, byte[] input, DataException e, long lines) {
        String m = e.getMessage();
        check(n, input, m != null && m.startsWith(e.file().toString()), "message names the file: " + m);
        check(n, input, m.indexOf('\n') < 0 && m.indexOf('\r') < 0, "one-line message: " + m);
        check(n, input, e.line() >= 0 && e.line() <= lines, "line " + e.line() + " within " + lines + ": " + m);
    }

    private static void check(int n, byte[] input, boolean ok, String what) {
        if (!ok) {
            fail("input " + n + " (seed " + SEED + "): " + what + ": " + hex(input));
        }
    }

    private static long lines(byte[] b) {
        long n = 1;
        for (byte c : b) {
            n += c == '\n' ? 1 : 0;
        }
        return n;
    }

    private static String hex(byte[] input) {
        byte[] head = input.length > 400 ? java.util.Arrays.copyOf(input, 400) : input;
        return HexFormat.of().formatHex(head) + (input.length > 400 ? "…" : "");
    }

    private static void report(String what, int inputs, long start, TreeMap<String, Integer> outcomes) {
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("fuzz %s: %,d mutated inputs (seed %d) in %.1f s: %s%n", what, inputs, SEED, seconds, outcomes);
        assertEquals(inputs, outcomes.values().stream().mapToInt(Integer::intValue).sum());
        assertFalse(outcomes.getOrDefault("loaded", 0) == 0, "some inputs should still load: " + outcomes);
        assertTrue(outcomes.getOrDefault("DataException", 0) > 0, "some inputs should fail: " + outcomes);
    }
}
